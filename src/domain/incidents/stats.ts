/**
 * Distributions of incident durations: every incident a point, and — from MIN_FOR_PERCENTILES
 * incidents on — the median and the 90th percentile. Incident durations are heavy-tailed, so a
 * mean would mislead; none is computed.
 *
 * Percentile method: linear interpolation between closest ranks, Hyndman & Fan's type 7 — the
 * default of R's quantile(), NumPy's percentile() and spreadsheets' PERCENTILE.INC, so anyone
 * can check a figure. For sorted values x[0..n−1] and p in [0, 1]: h = (n − 1)·p, and the
 * percentile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). A formula this small is written out
 * here rather than taken from a statistics package.
 */
import { isWithinTarget, type Target } from './key-times.ts';

/** Below this many incidents a figure shows n and the points, no percentile. */
export const MIN_FOR_PERCENTILES = 5;

/** The p-th quantile (p in [0, 1]) of ascending values by linear interpolation (type 7); undefined for none. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile needs p in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const below = sorted[lower]!;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)]!;
  return below + (h - lower) * (above - below);
}

/** One incident's value in a distribution. */
export interface DistributionPoint<T> {
  readonly item: T;
  readonly ms: number;
  /** undefined without a target. */
  readonly withinTarget: boolean | undefined;
}

export interface Distribution<T> {
  /** Incidents with a value. */
  readonly n: number;
  /** Every value, shortest first (ties in the order given). */
  readonly points: readonly DistributionPoint<T>[];
  /** Median and 90th percentile (type 7); undefined below MIN_FOR_PERCENTILES values. */
  readonly median: number | undefined;
  readonly p90: number | undefined;
  readonly target: Target | undefined;
  /** Values within the target and their share of n; undefined without a target or without values. */
  readonly withinTarget: { readonly count: number; readonly share: number } | undefined;
  /** The points outside the target, longest first. */
  readonly outside: readonly DistributionPoint<T>[];
  /** Incidents that could not contribute (an end not recorded): counted beside the figure, never as zero. */
  readonly notRecorded: readonly T[];
}

/** A distribution of values (undefined: not recorded) against an optional target. */
export function distribution<T>(values: readonly { item: T; ms: number | undefined }[], target: Target | undefined): Distribution<T> {
  const points = values
    .flatMap((v) => (v.ms === undefined ? [] : [{ item: v.item, ms: v.ms, withinTarget: target === undefined ? undefined : isWithinTarget(v.ms, target) }]))
    .sort((a, b) => a.ms - b.ms);
  const sorted = points.map((p) => p.ms);
  const enough = sorted.length >= MIN_FOR_PERCENTILES;
  const within = points.filter((p) => p.withinTarget === true).length;
  return {
    n: points.length,
    points,
    median: enough ? percentile(sorted, 0.5) : undefined,
    p90: enough ? percentile(sorted, 0.9) : undefined,
    target,
    withinTarget: target === undefined || points.length === 0 ? undefined : { count: within, share: within / points.length },
    outside: points.filter((p) => p.withinTarget === false).reverse(),
    notRecorded: values.filter((v) => v.ms === undefined).map((v) => v.item),
  };
}
