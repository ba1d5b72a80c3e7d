/**
 * Downsampling for charts: a series of any length shown in about {@link CHART_POINTS} points,
 * keeping its peaks and dips. The rows are cut into equal buckets and every series keeps its
 * lowest and highest row of each bucket (min/max per bucket, what chart.js's own "min-max"
 * decimation does in the browser): a one-row budget dip or burn spike always survives, which an
 * average or a stride would lose. Gaps (NaN) survive too, so a chart shows where data are missing.
 */

/** About how many points a chart draws, however long the series. */
export const CHART_POINTS = 500;

/**
 * Indices of the rows to keep (ascending): the first and last row, and in each bucket the
 * lowest and highest value of every series, and the first gap. All series share the rows so
 * one table can hold them.
 */
export function downsampleIndices(length: number, series: readonly (readonly number[])[], maxPoints: number = CHART_POINTS): number[] {
  const perBucket = Math.max(2, 2 * series.length);
  if (length <= maxPoints) return Array.from({ length }, (_, i) => i);
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / perBucket));
  const keep = new Set<number>([0, length - 1]);
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * length) / buckets);
    const hi = Math.floor(((b + 1) * length) / buckets);
    for (const values of series) {
      let min = -1;
      let max = -1;
      let gap = -1;
      for (let i = lo; i < hi; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) {
          if (gap < 0) gap = i;
          continue;
        }
        if (min < 0 || v < values[min]!) min = i;
        if (max < 0 || v > values[max]!) max = i;
      }
      for (const i of [min, max, gap]) if (i >= 0) keep.add(i);
    }
  }
  return [...keep].sort((a, b) => a - b);
}

/** The rows at `indices` of each of `columns`. */
export function pick<T>(column: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => column[i]!);
}
