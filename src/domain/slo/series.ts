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

/** An incident as the SLO engine sees it: when it started, was detected and resolved, and the SLOs it names. */
export interface Incident {
  readonly id: string;
  readonly started: number;
  readonly detected?: number;
  readonly resolved?: number;
  /** Names (metadata.name) of the SLOs the incident affected. */
  readonly slos: readonly string[];
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
