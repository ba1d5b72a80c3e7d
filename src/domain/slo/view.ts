/**
 * A budget view: what alerts, the backtest, policies and budget-per-incident need to know
 * about one objective (or a composite of objectives) at any instant. One objective's view
 * answers from its event series' prefix sums; a composite view combines its objectives'
 * answers with their `compositeWeight`s.
 */
import { budgetRatio as ratioOf, totals, type EventSeries, type Totals } from './events.ts';
import type { Incident } from './series.ts';
import { windowCursor, type Interval, type WindowSpec } from './windows.ts';

export const NOT_MEASURABLE = 'not measurable at this resolution';
export const NO_DATA = 'no data in window';

/** A burn rate, or null with the reason it cannot be given. */
export type BurnRate = { readonly value: number; readonly reason?: undefined } | { readonly value: null; readonly reason: string };

export interface BudgetView {
  /** Target ratio (composite: the weighted mean of the objectives' targets). */
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
  /** Share of the error budget an incident consumed, with data up to `at`; null without data. */
  incidentShare(incident: Incident, at: number): number | null;
  /** The SLO window that holds `at`. */
  windowAt(at: number): Interval;
}

/** Sums over the SLO window holding `at`, cut at `at` (a calendar period still running). */
export function windowTotals(events: EventSeries, window: Interval, at: number): Totals {
  return totals(events, window.from, Math.min(window.to, at));
}

/** The view of one objective's events. */
export function objectiveView(events: EventSeries, target: number, window: WindowSpec, asOf: number): BudgetView {
  const cursor = windowCursor(window);
  const budgetRatio = ratioOf(target);
  const points: number[] = [];
  for (const t of events.time) if (t <= asOf) points.push(t);
  if (points.at(-1) !== asOf) points.push(asOf);
  const res = events.resolutionMs;
  const consumedIn = (w: Interval, at: number): number | null => {
    const sums = windowTotals(events, w, at);
    return sums.total > 0 ? sums.bad / (sums.total * budgetRatio) : null;
  };
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
      return consumedIn(cursor(at), at);
    },
    incidentShare(incident, at) {
      const end = Math.min(incident.resolved ?? at, at);
      if (end < incident.started) return null;
      // Entries whose interval (t − resolution, t] overlaps (started, end].
      const reach = res === undefined ? 0 : res - 1;
      const spent = totals(events, incident.started, Math.min(end + reach, at));
      const budget = windowTotals(events, cursor(end), at);
      return budget.total > 0 ? spent.bad / (budget.total * budgetRatio) : null;
    },
  };
}

/** Weighted mean of the non-null values; null when every value is null. */
function weightedMean(values: readonly (number | null)[], weights: readonly number[]): number | null {
  let sum = 0;
  let weight = 0;
  values.forEach((v, i) => {
    if (v === null) return;
    sum += v * weights[i]!;
    weight += weights[i]!;
  });
  return weight > 0 ? sum / weight : null;
}

/**
 * A composite of objectives (OpenSLO composite SLOs, `compositeWeight`, default 1): every
 * figure is the weighted mean of the objectives' figures, over the objectives that have data.
 * Burn rates and consumed shares are already normalised by each objective's own budget, so
 * an objective with weight w spends the composite budget w / Σw times as fast as it spends
 * its own.
 */
export function compositeView(views: readonly BudgetView[], weights: readonly number[]): BudgetView {
  const first = views[0];
  if (first === undefined) throw new RangeError('a composite needs at least one objective');
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const target = views.reduce((sum, v, i) => sum + v.target * weights[i]!, 0) / totalWeight;
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
      const value = weightedMean(
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
        const value = weightedMean(
          sweeps.map((s) => (Number.isNaN(s[k]!) ? null : s[k]!)),
          weights,
        );
        if (value !== null) out[k] = value;
      }
      return out;
    },
    consumed(at) {
      return weightedMean(
        views.map((v) => v.consumed(at)),
        weights,
      );
    },
    incidentShare(incident, at) {
      return weightedMean(
        views.map((v) => v.incidentShare(incident, at)),
        weights,
      );
    },
  };
}
