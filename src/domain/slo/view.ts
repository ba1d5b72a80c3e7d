/**
 * A budget view: what alerts, the backtest, policies and budget-per-incident need to know
 * about one objective (or a composite of objectives) at any instant. One objective's view
 * answers from its event series' prefix sums; an Occurrences composite combines its
 * objectives' answers (composite.ts builds the composites of the time-based methods as event
 * series of their own).
 *
 * One budget, one figure: the error budget of a window is (1 − target) × its events
 * (Occurrences: the events of the window so far) or × its whole length (time-based methods,
 * whatever part of it has elapsed or has data); bad events, or bad slice time, consume it.
 */
import { DAY_MS } from '../../core/time.ts';
import { budgetRatio as ratioOf, totals, type EventSeries, type Totals } from './events.ts';
import { impactIntervals, upperBound, type Incident } from './series.ts';
import { periodLength, windowCursor, type Interval, type WindowSpec } from './windows.ts';

export const NOT_MEASURABLE = 'not measurable at this resolution';
export const NO_DATA = 'no data in window';

/** How far back the usual error rate before an incident is measured. */
export const BASELINE_MS = 7 * DAY_MS;

/** A burn rate, or null with the reason it cannot be given. */
export type BurnRate = { readonly value: number; readonly reason?: undefined } | { readonly value: null; readonly reason: string };

/** The share of an error budget one incident consumed. */
export interface IncidentShare {
  /** The customer-impact intervals measured (merged, up to the instant asked about). */
  readonly intervals: readonly Interval[];
  /** Length of the period whose full budget the share is of (the SLO window, or the policy's `of`). */
  readonly referenceMs: number;
  /** Budget consumed in the intervals / the budget of a full reference period; null without data. */
  readonly share: number | null;
  /** What the SLO's usual error rate (the 7 days before `started`) would have consumed in the same intervals. */
  readonly baselineShare: number | null;
}

export interface BudgetView {
  /** Target ratio. */
  readonly target: number;
  readonly window: WindowSpec;
  /** Spacing of the data (composite: the coarsest of its objectives); undefined when unknown. */
  readonly resolutionMs: number | undefined;
  /** Instants at which the history is evaluated: every entry's end up to asOf, then asOf. */
  readonly points: readonly number[];
  /** Burn rate over `(at − windowMs, at]` = error rate / (1 − target). */
  burn(at: number, windowMs: number): BurnRate;
  /**
   * `burn(at, windowMs).value` at every instant of ascending `at` (NaN where null), in one
   * sweep: what the backtest evaluates at every point of the history.
   */
  burnSweep(at: readonly number[], windowMs: number): Float64Array;
  /** Share of the error budget consumed in the SLO window holding `at`, with data up to `at`; null without data. */
  consumed(at: number): number | null;
  /**
   * Share of the budget of a full reference period (`referenceMs`, default the SLO window's
   * length) that an incident consumed over its customer-impact intervals, with data up to `at`.
   */
  incidentShare(incident: Incident, at: number, referenceMs?: number): IncidentShare;
  /** The SLO window that holds `at`. */
  windowAt(at: number): Interval;
}

/** Sums over the SLO window holding `at`, cut at `at` (a calendar period still running). */
export function windowTotals(events: EventSeries, window: Interval, at: number): Totals {
  return totals(events, window.from, Math.min(window.to, at));
}

/**
 * Share of the window's budget consumed by `sums`: bad events over (1 − target) × the window's
 * events (Occurrences), or bad slice time over (1 − target) × the window's whole length.
 */
export function consumedShare(events: EventSeries, sums: Totals, window: Interval, budget: number): number | null {
  if (sums.total <= 0) return null;
  return events.unit === 'events' ? sums.bad / (sums.total * budget) : sums.badMs / (periodLength(window) * budget);
}

/** The entries (index ranges, merged) whose interval `(t − resolution, t]` overlaps one of `intervals`, up to `at`. */
function entriesOverlapping(events: EventSeries, intervals: readonly Interval[], at: number): [number, number][] {
  const reach = events.resolutionMs === undefined ? 0 : events.resolutionMs - 1;
  const ranges: [number, number][] = [];
  for (const { from, to } of intervals) {
    const lo = upperBound(events.time, from);
    const hi = Math.max(lo, upperBound(events.time, Math.min(to + reach, at)));
    const last = ranges.at(-1);
    if (last !== undefined && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else if (hi > lo) ranges.push([lo, hi]);
  }
  return ranges;
}

const rangeSum = (prefix: Float64Array, ranges: readonly [number, number][]): number => ranges.reduce((sum, [lo, hi]) => sum + prefix[hi]! - prefix[lo]!, 0);

/** The view of one objective's (or a time-based composite's) events. */
export function objectiveView(events: EventSeries, target: number, window: WindowSpec, asOf: number): BudgetView {
  const cursor = windowCursor(window);
  const budgetRatio = ratioOf(target);
  const points: number[] = [];
  for (const t of events.time) if (t <= asOf) points.push(t);
  if (points.at(-1) !== asOf) points.push(asOf);
  const res = events.resolutionMs;
  // Where the data begin: the first entry covers the interval ending at its time.
  const dataStart = events.time.length > 0 ? events.time[0]! - (res ?? 0) : Number.POSITIVE_INFINITY;
  return {
    target,
    window,
    resolutionMs: res,
    points,
    windowAt: cursor,
    burn(at, windowMs) {
      if (res === undefined || windowMs < res) return { value: null, reason: NOT_MEASURABLE };
      const sums = totals(events, at - windowMs, at);
      if (sums.total === 0) return { value: null, reason: NO_DATA };
      return { value: sums.bad / (sums.total * budgetRatio) };
    },
    burnSweep(at, windowMs) {
      const out = new Float64Array(at.length).fill(Number.NaN);
      if (res === undefined || windowMs < res) return out;
      // The same sums as totals(), with the two bounds found by moving forward, not by search.
      const { time, good: g, bad: b } = events;
      let lo = 0;
      let hi = 0;
      for (let k = 0; k < at.length; k++) {
        const t = at[k]!;
        while (lo < time.length && time[lo]! <= t - windowMs) lo++;
        while (hi < time.length && time[hi]! <= t) hi++;
        const top = Math.max(lo, hi);
        const good = g[top]! - g[lo]!;
        const bad = Math.max(0, b[top]! - b[lo]!);
        const total = good + bad;
        if (total !== 0) out[k] = bad / (total * budgetRatio);
      }
      return out;
    },
    consumed(at) {
      const w = cursor(at);
      return consumedShare(events, windowTotals(events, w, at), w, budgetRatio);
    },
    incidentShare(incident, at, referenceMs) {
      const intervals = impactIntervals(incident, at);
      const end = intervals.at(-1)?.to ?? Math.min(incident.started, at);
      const reference = referenceMs ?? periodLength(cursor(end));
      const ranges = entriesOverlapping(events, intervals, at);
      const before = totals(events, incident.started - BASELINE_MS, incident.started);
      let share: number | null = null;
      let baselineShare: number | null = null;
      if (events.unit === 'events') {
        // A full period's events: the event rate over the reference period up to the last row by
        // the end of the impact (as far back as the data reach), times the period.
        const last = upperBound(events.time, end) - 1;
        const lastRow = last >= 0 ? events.time[last]! : dataStart;
        const covered = Math.min(reference, lastRow - dataStart);
        const seen = totals(events, lastRow - reference, lastRow).total;
        const budget = covered > 0 && seen > 0 ? budgetRatio * seen * (reference / covered) : 0;
        if (budget > 0 && ranges.length > 0) {
          share = rangeSum(events.bad, ranges) / budget;
          if (before.total > 0) {
            const eventsIn = rangeSum(events.good, ranges) + rangeSum(events.bad, ranges);
            baselineShare = ((before.bad / before.total) * eventsIn) / budget;
          }
        }
      } else if (ranges.length > 0) {
        const budget = budgetRatio * reference;
        share = rangeSum(events.badMs, ranges) / budget;
        if (before.dataMs > 0) baselineShare = ((before.badMs / before.dataMs) * rangeSum(events.dataMs, ranges)) / budget;
      }
      return { intervals, referenceMs: reference, share, baselineShare };
    },
  };
}

/** Σ w·v over the non-null values; null when every value is null. */
function weightedSum(values: readonly (number | null)[], weights: readonly number[]): number | null {
  let sum = 0;
  let any = false;
  values.forEach((v, i) => {
    if (v === null) return;
    sum += v * weights[i]!;
    any = true;
  });
  return any ? sum : null;
}

/**
 * An Occurrences composite (OpenSLO composite SLOs, `compositeWeight`, default 1). The spec:
 * "when one objective burns its budget, the composite burns at the same rate, multiplied by
 * the objective's weight". So every budget figure is the weighted SUM of the objectives'
 * figures (burn rates and consumed shares are already normalised by each objective's own
 * budget), over the objectives that have data: two objectives each spending half of its
 * budget spend the whole composite budget.
 */
export function occurrencesComposite(views: readonly BudgetView[], weights: readonly number[], target: number): BudgetView {
  const first = views[0];
  if (first === undefined) throw new RangeError('a composite needs at least one objective');
  const resolutions = views.map((v) => v.resolutionMs);
  const resolutionMs = resolutions.includes(undefined) ? undefined : Math.max(...(resolutions as number[]));
  const points = [...new Set(views.flatMap((v) => v.points))].sort((a, b) => a - b);
  return {
    target,
    window: first.window,
    resolutionMs,
    points,
    windowAt: first.windowAt,
    burn(at, windowMs) {
      if (resolutionMs === undefined || windowMs < resolutionMs) return { value: null, reason: NOT_MEASURABLE };
      const value = weightedSum(
        views.map((v) => v.burn(at, windowMs).value),
        weights,
      );
      return value === null ? { value: null, reason: NO_DATA } : { value };
    },
    burnSweep(at, windowMs) {
      const out = new Float64Array(at.length).fill(Number.NaN);
      if (resolutionMs === undefined || windowMs < resolutionMs) return out;
      const sweeps = views.map((v) => v.burnSweep(at, windowMs));
      for (let k = 0; k < at.length; k++) {
        const value = weightedSum(
          sweeps.map((s) => (Number.isNaN(s[k]!) ? null : s[k]!)),
          weights,
        );
        if (value !== null) out[k] = value;
      }
      return out;
    },
    consumed(at) {
      return weightedSum(
        views.map((v) => v.consumed(at)),
        weights,
      );
    },
    incidentShare(incident, at, referenceMs) {
      const parts = views.map((v) => v.incidentShare(incident, at, referenceMs));
      return {
        intervals: parts[0]!.intervals,
        referenceMs: parts[0]!.referenceMs,
        share: weightedSum(
          parts.map((p) => p.share),
          weights,
        ),
        baselineShare: weightedSum(
          parts.map((p) => p.baselineShare),
          weights,
        ),
      };
    },
  };
}
