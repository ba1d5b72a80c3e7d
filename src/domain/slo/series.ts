/**
 * Inputs of the SLO engine: measurement series (as the loader produces them from
 * `content/measurements/*.csv`) and incidents. Instants are epoch milliseconds.
 */

/** Events per interval: row i counts the events of the interval ENDING at `time[i]`. */
export interface RatioSeries {
  readonly type: 'ratio';
  readonly time: readonly number[];
  readonly good: readonly number[];
  readonly total: readonly number[];
}

/** A metric sampled at instants: row i is the value observed at `time[i]`. */
export interface ThresholdSeries {
  readonly type: 'threshold';
  readonly time: readonly number[];
  readonly value: readonly number[];
}

/** `time` is strictly ascending in both kinds (the loader reports anything else as an error). */
export type Series = RatioSeries | ThresholdSeries;

/** An incident as the SLO engine sees it: its key times, customer impact and the SLOs it names. */
export interface Incident {
  readonly id: string;
  readonly started: number;
  readonly detected?: number;
  /** When customer impact stopped. */
  readonly mitigated?: number;
  readonly resolved?: number;
  /** Customer-impact intervals (the incident's `impact[]` entries other than "operational"); `to` absent while ongoing. */
  readonly impact?: readonly { readonly from: number; readonly to?: number | undefined }[];
  /** Names (metadata.name) of the SLOs the incident affected. */
  readonly slos: readonly string[];
}

/**
 * The customer-impact intervals of an incident as of `at`, merged and ascending: its impact
 * intervals when it has any, else started → mitigated, else → resolved, else → `at` (still
 * open). An interval still open ends at mitigated, resolved or `at`. Nothing after `at`.
 */
export function impactIntervals(incident: Incident, at: number): { from: number; to: number }[] {
  const open = Math.min(incident.mitigated ?? incident.resolved ?? at, at);
  const raw =
    incident.impact !== undefined && incident.impact.length > 0
      ? incident.impact.map((i) => ({ from: i.from, to: Math.min(i.to ?? open, at) }))
      : [{ from: incident.started, to: open }];
  const sorted = raw.filter((i) => i.to > i.from && i.from < at).sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else merged.push({ ...interval });
  }
  return merged;
}

/**
 * The resolution of a series: the most common gap between consecutive rows (the smallest
 * such gap on a tie), or undefined for fewer than two rows.
 */
export function resolutionMs(time: readonly number[]): number | undefined {
  if (time.length < 2) return undefined;
  const counts = new Map<number, number>();
  let best: number | undefined;
  let bestCount = 0;
  for (let i = 1; i < time.length; i++) {
    const gap = time[i]! - time[i - 1]!;
    const count = (counts.get(gap) ?? 0) + 1;
    counts.set(gap, count);
    if (count > bestCount || (count === bestCount && gap < best!)) {
      best = gap;
      bestCount = count;
    }
  }
  return best;
}

/** Index of the first element of ascending `values` that is greater than `x` (values.length when none). */
export function upperBound(values: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An incident's fields as written (RFC 3339 text), as far as the engine reads them. */
export interface IncidentFields {
  readonly started: string;
  readonly detected?: string | undefined;
  readonly mitigated?: string | undefined;
  readonly resolved?: string | undefined;
  readonly impact?: readonly { readonly level: string; readonly from: string; readonly to?: string | undefined }[];
  readonly slos: readonly string[];
}

/** The engine's view of an incident: its instants, its customer impact (levels other than "operational") and the SLOs it names. */
export function engineIncident(id: string, fields: IncidentFields): Incident {
  const at = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text));
  const impact = (fields.impact ?? []).filter((i) => i.level !== 'operational').map((i) => ({ from: Date.parse(i.from), to: at(i.to) }));
  return {
    id,
    started: Date.parse(fields.started),
    ...(fields.detected === undefined ? {} : { detected: at(fields.detected)! }),
    ...(fields.mitigated === undefined ? {} : { mitigated: at(fields.mitigated)! }),
    ...(fields.resolved === undefined ? {} : { resolved: at(fields.resolved)! }),
    ...(impact.length === 0 ? {} : { impact }),
    slos: fields.slos,
  };
}
