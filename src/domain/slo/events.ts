/**
 * Budgeting methods as OpenSLO defines them, reduced to one shape: a series of "budget
 * events" (good, bad) with prefix sums, so that any window `(from, to]` is summed in
 * O(log n).
 *
 * - Occurrences, ratio SLI: one entry per row, good and bad = total − good events.
 * - Occurrences, threshold SLI: each measured value is one event, good when `value op
 *   objective.value` holds.
 * - Timeslices: one entry per time slice, good (1) when the slice's ratio (ratio SLI:
 *   Σgood/Σtotal of its rows; threshold SLI: share of its values meeting op/value) is at
 *   least `timeSliceTarget`, else bad (1).
 * - RatioTimeslices: one entry per slice, good = the slice's ratio, bad = 1 − ratio, so that
 *   Σgood/Σtotal over slices is the mean of the slices' ratios.
 *
 * Rows or slices with no data (zero traffic, a non-finite value) carry total 0: neither good
 * nor bad. Slices follow a grid (windows.ts `sliceGrid`: the calendar's wall clock for long
 * slices on calendar windows, else a fixed grid from the calendar start or the Unix epoch); a
 * slice `(start, end]` counts once it has ended, so the slice still running at `asOf` is not
 * counted yet. Each slice also carries its length, so that the budget a bad slice spends is
 * its own length (a local day on a DST change is 23 or 25 hours).
 */
import type { SLO } from '../../schemas/openslo.ts';
import { resolutionMs, upperBound, type Series } from './series.ts';
import { sliceGrid, timeSliceMs, type SliceGrid } from './windows.ts';

export type BudgetingMethod = SLO['spec']['budgetingMethod'];
export type Objective = SLO['spec']['objectives'][number];
export type Operator = NonNullable<Objective['op']>;

/** What the events of one objective are measured against. */
export interface ObjectiveRule {
  readonly method: BudgetingMethod;
  /** Target ratio in [0, 1). */
  readonly target: number;
  /** Threshold SLIs: the metric is good when `metric op value`. */
  readonly op?: Operator | undefined;
  readonly value?: number | undefined;
  readonly timeSliceTarget?: number | undefined;
  /** Requested slice length (ms), time-based methods only. */
  readonly timeSliceMs?: number | undefined;
}

/**
 * Rounds away binary noise from decimal arithmetic (1 − 0.9 = 0.09999999999999998) so that
 * figures written in decimal compare as written; 15 significant digits are all a double holds.
 */
export function decimal(x: number): number {
  return Number(x.toPrecision(15));
}

/** The target of an objective as a ratio (`targetPercent` / 100 when given as a percentage). */
export function objectiveTarget(objective: Objective): number {
  return objective.target ?? decimal(objective.targetPercent! / 100);
}

/** The error budget as a ratio: 1 − target, without binary noise. */
export function budgetRatio(target: number): number {
  return decimal(1 - target);
}

/** The rule of one objective under the SLO's budgeting method. */
export function objectiveRule(method: BudgetingMethod, objective: Objective): ObjectiveRule {
  return {
    method,
    target: objectiveTarget(objective),
    op: objective.op,
    value: objective.value,
    timeSliceTarget: objective.timeSliceTarget,
    timeSliceMs: objective.timeSliceWindow === undefined ? undefined : timeSliceMs(objective.timeSliceWindow),
  };
}

/** True when `metric op value` holds. */
export function meets(metric: number, op: Operator, value: number): boolean {
  switch (op) {
    case 'lte':
      return metric <= value;
    case 'lt':
      return metric < value;
    case 'gte':
      return metric >= value;
    case 'gt':
      return metric > value;
  }
}

/** Budget events of one objective, with prefix sums. */
export interface EventSeries {
  /** `events` for Occurrences, `slices` for the time-based methods. */
  readonly unit: 'events' | 'slices';
  /** End instant of each entry (a row's time, or a slice's end), strictly ascending. */
  readonly time: Float64Array;
  /** Prefix sums, length time.length + 1: good[i] = Σ good of entries before i. */
  readonly good: Float64Array;
  readonly bad: Float64Array;
  /** Prefix count of entries with data (good + bad > 0). */
  readonly withData: Float64Array;
  /** Time-based methods: prefix sums of bad × slice length (ms) and of the length of slices with data. */
  readonly badMs: Float64Array;
  readonly dataMs: Float64Array;
  /**
   * Spacing of the entries: the data's resolution (most common gap between rows) for
   * Occurrences, the slice length for time-based methods; undefined when unknown.
   */
  readonly resolutionMs: number | undefined;
  /** Grid origin of the entries (first row, or the slice anchor), to count expected entries. */
  readonly anchor: number;
  /** Time-based methods: the slice length used, and whether it was widened to the data's resolution. */
  readonly sliceMs?: number;
  readonly sliceCoarsened?: boolean;
}

/** Sums of an event series over a window. */
export interface Totals {
  readonly good: number;
  readonly bad: number;
  /** good + bad. */
  readonly total: number;
  /** Entries (rows or slices) in the window that have data. */
  readonly withData: number;
  /** Entries the window would hold on the series' grid, with or without data. */
  readonly expected: number;
  /** Time-based methods: the budget time spent (Σ bad × slice length, ms) and the length of the slices with data. */
  readonly badMs: number;
  readonly dataMs: number;
}

function build(
  unit: EventSeries['unit'],
  time: number[],
  good: number[],
  bad: number[],
  resolution: number | undefined,
  anchor: number,
  slice?: { sliceMs: number; sliceCoarsened: boolean; lengths: number[] },
): EventSeries {
  const n = time.length;
  const prefixGood = new Float64Array(n + 1);
  const prefixBad = new Float64Array(n + 1);
  const prefixData = new Float64Array(n + 1);
  const prefixBadMs = new Float64Array(n + 1);
  const prefixDataMs = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const g = good[i]!;
    const b = bad[i]!;
    const length = slice?.lengths[i] ?? 0;
    prefixGood[i + 1] = prefixGood[i]! + g;
    prefixBad[i + 1] = prefixBad[i]! + b;
    prefixData[i + 1] = prefixData[i]! + (g + b > 0 ? 1 : 0);
    prefixBadMs[i + 1] = prefixBadMs[i]! + b * length;
    prefixDataMs[i + 1] = prefixDataMs[i]! + (g + b > 0 ? length : 0);
  }
  return {
    unit,
    time: Float64Array.from(time),
    good: prefixGood,
    bad: prefixBad,
    withData: prefixData,
    badMs: prefixBadMs,
    dataMs: prefixDataMs,
    resolutionMs: resolution,
    anchor,
    ...(slice === undefined ? {} : { sliceMs: slice.sliceMs, sliceCoarsened: slice.sliceCoarsened }),
  };
}

/** Per-row good/total of a series under a rule (threshold rows become one event each). */
function rowCounts(series: Series, rule: ObjectiveRule): { good: number[]; total: number[] } {
  if (series.type === 'ratio') {
    const good: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < series.time.length; i++) {
      const t = series.total[i]!;
      const g = series.good[i]!;
      const ok = Number.isFinite(t) && Number.isFinite(g) && t > 0;
      good.push(ok ? g : 0);
      total.push(ok ? t : 0);
    }
    return { good, total };
  }
  if (rule.op === undefined || rule.value === undefined) {
    throw new RangeError('a threshold SLI needs op and value on its objective');
  }
  const good: number[] = [];
  const total: number[] = [];
  for (const v of series.value) {
    const ok = Number.isFinite(v);
    good.push(ok && meets(v, rule.op, rule.value) ? 1 : 0);
    total.push(ok ? 1 : 0);
  }
  return { good, total };
}

/** The fixed slice grid from the Unix epoch (rolling windows). */
const epochGrid = (sliceMs: number): SliceGrid => sliceGrid(undefined, sliceMs);

/**
 * The budget events of `series` under `rule`. `gridFor` gives the slice grid for a slice
 * length (default: a fixed grid from the Unix epoch).
 */
export function toEvents(series: Series, rule: ObjectiveRule, gridFor: (sliceMs: number) => SliceGrid = epochGrid): EventSeries {
  const resolution = resolutionMs(series.time);
  const rows = rowCounts(series, rule);
  const time = [...series.time];
  if (rule.method === 'Occurrences') {
    const bad = rows.total.map((t, i) => t - rows.good[i]!);
    return build('events', time, rows.good, bad, resolution, time[0] ?? 0);
  }
  const requested = rule.timeSliceMs;
  if (requested === undefined || !(requested > 0)) {
    throw new RangeError(`budgetingMethod ${rule.method} needs timeSliceWindow`);
  }
  if (rule.method === 'Timeslices' && rule.timeSliceTarget === undefined) {
    throw new RangeError('budgetingMethod Timeslices needs timeSliceTarget');
  }
  // A slice shorter than the rows cannot be measured: one row's events cannot be split.
  const coarsened = resolution !== undefined && requested < resolution;
  const sliceMs = coarsened ? resolution : requested;
  const grid = gridFor(sliceMs);
  const ends: number[] = [];
  const lengths: number[] = [];
  const good: number[] = [];
  const bad: number[] = [];
  let i = 0;
  while (i < time.length) {
    const end = grid.endOf(time[i]!);
    let g = 0;
    let n = 0;
    for (; i < time.length && time[i]! <= end; i++) {
      g += rows.good[i]!;
      n += rows.total[i]!;
    }
    ends.push(end);
    lengths.push(end - grid.startOf(end));
    if (n === 0) {
      good.push(0);
      bad.push(0);
    } else if (rule.method === 'Timeslices') {
      const ok = g / n >= rule.timeSliceTarget!;
      good.push(ok ? 1 : 0);
      bad.push(ok ? 0 : 1);
    } else {
      good.push(g / n);
      bad.push((n - g) / n);
    }
  }
  return build('slices', ends, good, bad, sliceMs, grid.anchor, { sliceMs, sliceCoarsened: coarsened, lengths });
}

/** A slice series from slices already computed (composites): ends ascending, good + bad = 1 or 0 (no data). */
export function sliceEvents(ends: number[], good: number[], bad: number[], lengths: number[], sliceMs: number, anchor: number): EventSeries {
  return build('slices', ends, good, bad, sliceMs, anchor, { sliceMs, sliceCoarsened: false, lengths });
}

/** Sums of the entries whose end lies in `(from, to]`. */
export function totals(events: EventSeries, from: number, to: number): Totals {
  const lo = upperBound(events.time, from);
  const hi = Math.max(lo, upperBound(events.time, to));
  const good = events.good[hi]! - events.good[lo]!;
  // Prefix differences of fractional values may leave −1e-17 where there is nothing.
  const bad = Math.max(0, events.bad[hi]! - events.bad[lo]!);
  const res = events.resolutionMs;
  const expected = res === undefined || to <= from ? hi - lo : Math.floor((to - events.anchor) / res) - Math.floor((from - events.anchor) / res);
  return {
    good,
    bad,
    total: good + bad,
    withData: events.withData[hi]! - events.withData[lo]!,
    expected: Math.max(expected, 0),
    badMs: Math.max(0, events.badMs[hi]! - events.badMs[lo]!),
    dataMs: events.dataMs[hi]! - events.dataMs[lo]!,
  };
}
