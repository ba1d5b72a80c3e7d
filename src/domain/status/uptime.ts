/**
 * Per component per day uptime, Statuspage's showcase rule, in the portal's time zone.
 *
 * - Days are calendar days of `zone`, cut at that zone's midnight (or at the first instant
 *   of the day where midnight does not exist); 23- and 25-hour DST days count their real
 *   length.
 * - The window is the `days` days (default 90) ending with the day holding `now`, oldest
 *   first. Only time with data counts: from the start of `launchedOn` (a `YYYY-MM-DD` day
 *   of `zone`; earlier days have no data) up to `now` (so today is partly covered).
 * - On one component, overlapping intervals count once, at the worst level of those in
 *   force. Major outage counts fully, partial outage at 0.3, degraded performance 0
 *   ({@link UPTIME_WEIGHT}); maintenance is not downtime.
 * - An interval without `to` ends at its incident's `resolved`, else it is ongoing and ends
 *   at `now`.
 *
 * Cost: one sort of the component's interval boundaries, then a single sweep merged with
 * the day boundaries, O(k log k + days) per component; the day boundaries are computed once
 * for all components.
 */
import { isCalendarDate } from '../../core/time.ts';
import { addCalendar, calendarDay, startOfDay } from '../../core/zone.ts';
import { intervalEnd, UPTIME_WEIGHT, type ImpactLevel, type IncidentInput } from './levels.ts';

export interface UptimeOptions {
  /** The clock's "now", epoch ms. */
  readonly now: number;
  /** The portal's IANA time zone. */
  readonly zone: string;
  /** Number of days in the window, ending with the day holding `now`; default 90. */
  readonly days?: number;
  /** First day with data, `YYYY-MM-DD` in `zone`; days before it have no data. */
  readonly launchedOn?: string;
}

/** One calendar day of the window and the part of it that has data. */
export interface UptimeDayWindow {
  /** `YYYY-MM-DD` in the zone. */
  readonly date: string;
  /** First instant of the day. */
  readonly start: number;
  /** First instant of the next day. */
  readonly end: number;
  /** Real length of the day: 23, 24 or 25 hours around DST changes (other lengths exist). */
  readonly lengthMs: number;
  /** The part of the day with data, [coveredFrom, coveredTo); empty when coveredMs is 0. */
  readonly coveredFrom: number;
  readonly coveredTo: number;
  readonly coveredMs: number;
}

export interface UptimeDay extends UptimeDayWindow {
  /** Time at each level, counted once at the worst level in force (no double counting). */
  readonly majorMs: number;
  readonly partialMs: number;
  readonly degradedMs: number;
  /** majorMs + 0.3 × partialMs. */
  readonly downtimeMs: number;
  /** 1 − downtime / covered; null when the day has no data. */
  readonly uptime: number | null;
  /** Worst level in the covered part of the day; null when the day has no data. */
  readonly worst: ImpactLevel | null;
  /**
   * Incidents with an impact interval on this component (any level, `operational` too) in
   * the covered part of the day, ordered by start then id.
   */
  readonly incidents: readonly string[];
}

export interface ComponentUptime {
  readonly component: string;
  /** Oldest first; the last day holds `now`. */
  readonly days: readonly UptimeDay[];
  readonly coveredMs: number;
  readonly downtimeMs: number;
  /** Over the whole window: 1 − downtime / covered; null when no day has data. */
  readonly uptime: number | null;
}

export const DEFAULT_UPTIME_DAYS = 90;

/** The calendar days of the window and what part of each has data. */
export function uptimeDays(options: UptimeOptions): UptimeDayWindow[] {
  const { now, zone, launchedOn } = options;
  const count = options.days ?? DEFAULT_UPTIME_DAYS;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`days must be a positive whole number (got ${count})`);
  if (launchedOn !== undefined && !isCalendarDate(launchedOn)) {
    throw new RangeError(`launchedOn must be a YYYY-MM-DD day (got ${launchedOn})`);
  }
  const today = startOfDay(now, zone);
  // Step in calendar days from today's start and snap to each day's start: wall-clock
  // arithmetic, so DST days keep their real length and a skipped midnight is no problem.
  const starts: number[] = [];
  for (let k = 1 - count; k <= 1; k++) starts.push(k === 0 ? today : startOfDay(addCalendar(today, zone, k, 'days'), zone));
  const days: UptimeDayWindow[] = [];
  for (let i = 0; i < count; i++) {
    const start = starts[i]!;
    const end = starts[i + 1]!;
    const date = calendarDay(start, zone);
    const launched = launchedOn === undefined || date >= launchedOn;
    const coveredFrom = start;
    const coveredTo = launched ? Math.min(end, now) : start;
    days.push({ date, start, end, lengthMs: end - start, coveredFrom, coveredTo, coveredMs: Math.max(0, coveredTo - coveredFrom) });
  }
  return days;
}

/** Uptime of one component over the window. */
export function componentUptime(component: string, incidents: readonly IncidentInput[], options: UptimeOptions): ComponentUptime {
  return uptimeByComponent([component], incidents, options).get(component)!;
}

/** Uptime of each named component over the window, in the order given. */
export function uptimeByComponent(components: Iterable<string>, incidents: readonly IncidentInput[], options: UptimeOptions): Map<string, ComponentUptime> {
  const days = uptimeDays(options);
  const byComponent = new Map<string, Clipped[]>();
  for (const component of components) byComponent.set(component, []);
  // Incidents in a stable order (start, then id) so each day's list comes out sorted.
  const ordered = [...incidents].sort((a, b) => a.started - b.started || compare(a.id, b.id));
  for (const incident of ordered) {
    for (const interval of incident.impact) {
      const list = byComponent.get(interval.component);
      if (list === undefined) continue;
      const from = interval.from;
      const to = Math.min(intervalEnd(interval, incident), options.now);
      if (to < from) continue; // starts after now, or ends before it starts (a validation error)
      list.push({ incident: incident.id, level: interval.level, from, to });
    }
  }
  const result = new Map<string, ComponentUptime>();
  for (const [component, intervals] of byComponent) result.set(component, sweep(component, intervals, days));
  return result;
}

/** An interval cut at `now`, with its incident. */
interface Clipped {
  readonly incident: string;
  readonly level: ImpactLevel;
  readonly from: number;
  readonly to: number;
}

/** Impairing levels, least to worst; index + 1 is the level's strength. */
const IMPAIRED = ['degraded_performance', 'partial_outage', 'major_outage'] as const;
const STRENGTH: Readonly<Record<ImpactLevel, number>> = {
  operational: 0,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
};

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sweep(component: string, intervals: readonly Clipped[], days: readonly UptimeDayWindow[]): ComponentUptime {
  const n = days.length;
  const ms = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)]; // by strength
  const worst = new Int8Array(n); // strength of the worst level seen in the covered part
  const touched: string[][] = days.map(() => []);

  // 1. Boundaries of impairing intervals: +1 where one starts, -1 where one ends.
  const events: { at: number; strength: number; delta: number }[] = [];
  for (const interval of intervals) {
    const strength = STRENGTH[interval.level];
    if (strength === 0 || interval.to <= interval.from) continue;
    events.push({ at: interval.from, strength, delta: 1 }, { at: interval.to, strength, delta: -1 });
  }
  events.sort((a, b) => a.at - b.at);

  // 2. Sweep: between consecutive boundaries the worst level in force is constant; spread
  //    each such segment over the days it crosses (the day pointer only moves forward).
  const active = [0, 0, 0, 0];
  let day = 0;
  for (let i = 0; i < events.length;) {
    const at = events[i]!.at;
    while (i < events.length && events[i]!.at === at) {
      const event = events[i++]!;
      active[event.strength]! += event.delta;
    }
    const strength = active[3]! > 0 ? 3 : active[2]! > 0 ? 2 : active[1]! > 0 ? 1 : 0;
    const next = events[i]?.at;
    if (strength === 0 || next === undefined) continue;
    while (day < n && days[day]!.end <= at) day++;
    for (let d = day; d < n && days[d]!.start < next; d++) {
      const window = days[d]!;
      const overlap = Math.min(next, window.coveredTo) - Math.max(at, window.coveredFrom);
      if (overlap <= 0) continue;
      ms[strength]![d]! += overlap;
      if (strength > worst[d]!) worst[d] = strength;
    }
  }

  // 3. Which incidents touch each day (any level): a positive overlap with the covered part,
  //    or an instant interval inside it.
  for (const interval of intervals) {
    for (let d = firstDayEndingAfter(days, interval.from); d < n && days[d]!.start <= interval.to; d++) {
      const window = days[d]!;
      if (window.coveredMs === 0) continue;
      const overlaps =
        interval.to > interval.from
          ? interval.from < window.coveredTo && interval.to > window.coveredFrom
          : window.coveredFrom <= interval.from && interval.from < window.coveredTo;
      const list = touched[d]!;
      if (overlaps && !list.includes(interval.incident)) list.push(interval.incident);
    }
  }

  let coveredMs = 0;
  let majorTotal = 0;
  let partialTotal = 0;
  const result: UptimeDay[] = days.map((window, d) => {
    const majorMs = ms[3]![d]!;
    const partialMs = ms[2]![d]!;
    const downtimeMs = majorMs * UPTIME_WEIGHT.major_outage + partialMs * UPTIME_WEIGHT.partial_outage;
    coveredMs += window.coveredMs;
    majorTotal += majorMs;
    partialTotal += partialMs;
    const hasData = window.coveredMs > 0;
    return {
      ...window,
      majorMs,
      partialMs,
      degradedMs: ms[1]![d]!,
      downtimeMs,
      uptime: hasData ? 1 - downtimeMs / window.coveredMs : null,
      worst: hasData ? (worst[d]! === 0 ? 'operational' : IMPAIRED[worst[d]! - 1]!) : null,
      incidents: touched[d]!,
    };
  });
  const downtimeMs = majorTotal * UPTIME_WEIGHT.major_outage + partialTotal * UPTIME_WEIGHT.partial_outage;
  return { component, days: result, coveredMs, downtimeMs, uptime: coveredMs > 0 ? 1 - downtimeMs / coveredMs : null };
}

/** Index of the first day whose end is after `at` (binary search; days are sorted). */
function firstDayEndingAfter(days: readonly UptimeDayWindow[], at: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
