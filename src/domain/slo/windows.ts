/**
 * SLO time windows: rolling windows `(t − length, t]` and calendar windows (the calendar
 * period holding `t`, following the calendar in its IANA zone, DST-correct), the evaluation
 * instant `asOf`, staleness and time-slice lengths.
 *
 * Intervals are half-open on the left, `(from, to]`, everywhere, because a measurement row
 * counts the events of the interval ENDING at its timestamp: the row stamped 00:00 on the
 * first of a month belongs to the previous month.
 */
import { DateTime, type DurationLikeObject } from 'luxon';
import { durationMs, HOUR_MS, MINUTE_MS, DAY_MS } from '../../core/time.ts';
import { wallClockInstant } from '../../core/zone.ts';
import type { SLO } from '../../schemas/openslo.ts';

/** Default for keel.yaml's `measurementStaleAfter`. */
export const DEFAULT_STALE_AFTER_MS = 2 * HOUR_MS;

/** An interval `(from, to]` in epoch milliseconds. */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

type LuxonUnit = keyof DurationLikeObject;
const LUXON_UNIT: Record<string, LuxonUnit> = {
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

/** An SLO's time window, resolved. */
export interface WindowSpec {
  /** The duration shorthand as written, e.g. `28d` or `1M`. */
  readonly duration: string;
  readonly rolling: boolean;
  /**
   * Length by OpenSLO's go-sdk convention (M = 30 d, Q = 90 d, Y = 365 d): the length of a
   * rolling window, and the SLO period that scales alert factors and times to exhaustion.
   */
  readonly nominalMs: number;
  /** Calendar windows: the first period's start (an instant), the zone and the period. */
  readonly calendar?: {
    readonly start: number;
    readonly zone: string;
    readonly amount: number;
    readonly unit: LuxonUnit;
  };
}

/** The time window of an SLO (its only `timeWindow` entry). */
export function windowSpec(slo: SLO): WindowSpec {
  const window = slo.spec.timeWindow[0]!;
  return windowSpecOf(window.duration, window.isRolling ?? window.calendar === undefined, window.calendar);
}

/** A window spec from its parts (`calendar` is required when `rolling` is false). */
export function windowSpecOf(duration: string, rolling: boolean, calendar?: { readonly startTime: string; readonly timeZone: string }): WindowSpec {
  const nominalMs = durationMs(duration);
  if (rolling || calendar === undefined) return { duration, rolling: true, nominalMs };
  const zone = calendar.timeZone;
  // A start time inside a DST gap does not exist; Luxon moves it forward, which is the best reading.
  const start = wallClockInstant(calendar.startTime, zone) ?? DateTime.fromFormat(calendar.startTime, 'yyyy-MM-dd HH:mm:ss', { zone }).toMillis();
  const unit = LUXON_UNIT[duration.slice(-1)];
  const amount = Number(duration.slice(0, -1));
  if (unit === undefined || !Number.isFinite(start) || !(amount > 0)) {
    throw new RangeError(`invalid calendar window ${duration} from ${calendar.startTime} ${zone}`);
  }
  return { duration, rolling: false, nominalMs, calendar: { start, zone, amount, unit } };
}

/** The length of a window: a rolling window's nominal length, a calendar period's real one. */
export function periodLength(window: Interval): number {
  return window.to - window.from;
}

/** Start of calendar period `k` (period 0 starts at the calendar's startTime). */
function periodStart(calendar: NonNullable<WindowSpec['calendar']>, k: number): number {
  // Always from the first start, never chained: Jan 31 + 1 month + 1 month would drift to Mar 28.
  return DateTime.fromMillis(calendar.start, { zone: calendar.zone })
    .plus({ [calendar.unit]: k * calendar.amount })
    .toMillis();
}

/**
 * The window that applies at instant `at`: `(at − length, at]` for a rolling window, the
 * calendar period `(start, end]` holding `at` for a calendar window (which ends after `at`).
 */
export function windowAt(spec: WindowSpec, at: number): Interval {
  if (spec.calendar === undefined) return { from: at - spec.nominalMs, to: at };
  const calendar = spec.calendar;
  let k = Math.floor((at - calendar.start) / spec.nominalMs);
  while (periodStart(calendar, k) >= at) k--;
  while (periodStart(calendar, k + 1) < at) k++;
  return { from: periodStart(calendar, k), to: periodStart(calendar, k + 1) };
}

/**
 * A fast `windowAt` for many ascending instants (history walks): calendar period
 * boundaries are computed once each and reused.
 */
export function windowCursor(spec: WindowSpec): (at: number) => Interval {
  if (spec.calendar === undefined) return (at) => ({ from: at - spec.nominalMs, to: at });
  const calendar = spec.calendar;
  const starts = new Map<number, number>();
  const start = (k: number): number => {
    let value = starts.get(k);
    if (value === undefined) {
      value = periodStart(calendar, k);
      starts.set(k, value);
    }
    return value;
  };
  let k: number | undefined;
  return (at) => {
    k ??= Math.floor((at - calendar.start) / spec.nominalMs);
    while (start(k) >= at) k--;
    while (start(k + 1) < at) k++;
    return { from: start(k), to: start(k + 1) };
  };
}

/** When the SLO is evaluated, and whether its data are stale. */
export interface EvaluationInstant {
  /** min(now, last measurement); `now` when there is no measurement. */
  readonly asOf: number;
  readonly stale: boolean;
  readonly lastMeasurement: number | null;
}

/**
 * `asOf` = the earlier of `now` and the last measurement; stale when `now` is later than the
 * last measurement by more than `staleAfterMs`, or when there is no measurement at all.
 */
export function evaluationInstant(now: number, time: readonly number[], staleAfterMs: number = DEFAULT_STALE_AFTER_MS): EvaluationInstant {
  if (time.length === 0) return { asOf: now, stale: true, lastMeasurement: null };
  // The last measurement taken by `now` (rows after `now` are not yet real).
  let i = time.length - 1;
  while (i >= 0 && time[i]! > now) i--;
  if (i < 0) return { asOf: now, stale: true, lastMeasurement: null };
  const last = time[i]!;
  return { asOf: Math.min(now, time.at(-1)!), stale: now - last > staleAfterMs, lastMeasurement: last };
}

/**
 * Where time slices end: slice `(previous end, end]`. On a calendar window, slices of whole
 * days, and slices of whole hours longer than a DST shift that divide a day, follow the wall
 * clock of the calendar's zone from the calendar's start: a daily slice is a local day (23 or
 * 25 hours when the clocks change). Other slices are a fixed grid from the anchor (the calendar's
 * start, or the Unix epoch for rolling windows).
 */
export interface SliceGrid {
  /** The nominal slice length. */
  readonly sliceMs: number;
  /** End of the slice holding `t`. */
  endOf(t: number): number;
  /** Start of the slice ending at `end` (a boundary from `endOf`). */
  startOf(end: number): number;
  /** Grid origin, to count expected slices. */
  readonly anchor: number;
  /** Whether slices follow the wall clock (lengths may differ from `sliceMs`). */
  readonly local: boolean;
}

/** Slices of one length on a fixed grid from `anchor`. */
export function fixedGrid(anchor: number, sliceMs: number): SliceGrid {
  return { sliceMs, anchor, local: false, endOf: (t) => anchor + Math.ceil((t - anchor) / sliceMs) * sliceMs, startOf: (end) => end - sliceMs };
}

/** The slice grid for a slice length, on a calendar window (its `calendar`) or a rolling one (undefined). */
export function sliceGrid(calendar: WindowSpec['calendar'], sliceMs: number): SliceGrid {
  const fixed = fixedGrid(calendar?.start ?? 0, sliceMs);
  if (calendar === undefined || sliceMs <= HOUR_MS) return fixed;
  const days = sliceMs % DAY_MS === 0 ? sliceMs / DAY_MS : undefined;
  const hours = sliceMs % HOUR_MS === 0 && DAY_MS % sliceMs === 0 ? sliceMs / HOUR_MS : undefined;
  if (days === undefined && hours === undefined) return fixed;
  const start = DateTime.fromMillis(calendar.start, { zone: calendar.zone });
  // Boundary k as a wall-clock time: k slices after the calendar's start, in the zone.
  const boundary = (k: number): number => {
    if (days !== undefined) return start.plus({ days: k * days }).toMillis();
    const wallHours = start.hour + k * hours!;
    return start
      .plus({ days: Math.floor(wallHours / 24) })
      .set({ hour: ((wallHours % 24) + 24) % 24 })
      .toMillis();
  };
  const cache = new Map<number, number>();
  const at = (k: number): number => {
    let value = cache.get(k);
    if (value === undefined) {
      value = boundary(k);
      cache.set(k, value);
    }
    return value;
  };
  const index = (t: number): number => {
    // The first k whose boundary is at or after t.
    let k = Math.ceil((t - calendar.start) / sliceMs);
    while (at(k - 1) >= t) k--;
    while (at(k) < t) k++;
    return k;
  };
  return {
    sliceMs,
    anchor: calendar.start,
    local: true,
    endOf: (t) => at(index(t)),
    startOf: (end) => at(index(end) - 1),
  };
}

/**
 * Length of one time slice. OpenSLO: `timeSliceWindow` is a duration shorthand, or a number
 * of MINUTES ("Default interpretation of unit if specified as a number in minutes").
 */
export function timeSliceMs(timeSliceWindow: number | string): number {
  return typeof timeSliceWindow === 'number' ? timeSliceWindow * MINUTE_MS : durationMs(timeSliceWindow);
}

/** A length in the largest whole unit of d, h, m (else s, else ms): `1h`, `90m`, `3d`. */
export function formatDurationMs(ms: number): string {
  if (ms > 0 && ms % DAY_MS === 0) return `${ms / DAY_MS}d`;
  if (ms > 0 && ms % HOUR_MS === 0) return `${ms / HOUR_MS}h`;
  if (ms > 0 && ms % MINUTE_MS === 0) return `${ms / MINUTE_MS}m`;
  if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
