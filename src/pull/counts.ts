/**
 * Samples of a range query → measurement rows, pure. Rows are aligned to the step (their
 * timestamps are multiples of it since the Unix epoch); a row stamped t holds the events of
 * (t − step, t], as every measurement row does.
 *
 * - A counter: the row is the counter's increase from its sample at t − step to its sample at
 *   t, as `increase()` counts it: a drop is a reset, and the increase is then the value after
 *   it. Keel does not extrapolate as `increase()` does, so counts stay whole numbers; a row
 *   needs a sample at both ends (an interval inside a gap in the data has none).
 * - A windowed query (`{{.window}}` set to the step): the row is the value at t, rounded to a
 *   whole number (`increase()` extrapolates, so it is rarely whole).
 * - A threshold metric: the value at t as it is.
 */

/** Row timestamps in (fromMs, toMs]: the multiples of stepMs. */
export function alignedTimes(fromMs: number, toMs: number, stepMs: number): number[] {
  const out: number[] = [];
  for (let t = Math.floor(fromMs / stepMs) * stepMs + stepMs; t <= toMs; t += stepMs) out.push(t);
  return out;
}

/** A sample that is not a finite number (NaN, ±Inf, or not a number at all), with its instant. */
export interface BadSample {
  readonly at: number;
  readonly value: number;
}

export type Values = ReadonlyMap<number, number>;

/** Samples by instant; the first sample that is not a finite number is returned as `bad`. */
export function sampleMap(samples: readonly (readonly [number, number])[]): { values: Map<number, number>; bad: BadSample | undefined } {
  const values = new Map<number, number>();
  let bad: BadSample | undefined;
  for (const [at, value] of samples) {
    if (!Number.isFinite(value)) bad ??= { at, value };
    else values.set(at, value);
  }
  return { values, bad };
}

/** Per-row increases of a counter sampled at the row ends: rows without a sample at both ends are absent. */
export function counterIncreases(values: Values, times: readonly number[], stepMs: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of times) {
    const before = values.get(t - stepMs);
    const after = values.get(t);
    if (before === undefined || after === undefined) continue;
    out.set(t, Math.round(after >= before ? after - before : after));
  }
  return out;
}

/** Per-row counts of a windowed query: the value at each row end, rounded to a whole number. */
export function windowedCounts(values: Values, times: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of times) {
    const v = values.get(t);
    if (v !== undefined) out.set(t, Math.round(v));
  }
  return out;
}

/** Per-row sums over several series' counts: a row is there when any series has it. */
export function sumByTime(perSeries: readonly ReadonlyMap<number, number>[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const counts of perSeries) for (const [t, n] of counts) out.set(t, (out.get(t) ?? 0) + n);
  return out;
}

export interface RatioRow {
  readonly t: number;
  readonly good: number;
  readonly total: number;
}

/**
 * Rows where both the numerator and the total are known. `bad` numerators become good = total −
 * bad. A numerator above the total (series scraped at different moments, rounding) is capped at
 * the total and counted in `capped`.
 */
export function ratioRows(
  times: readonly number[],
  numerator: ReadonlyMap<number, number>,
  kind: 'good' | 'bad',
  total: ReadonlyMap<number, number>,
): { rows: RatioRow[]; capped: number } {
  const rows: RatioRow[] = [];
  let capped = 0;
  for (const t of times) {
    const n = numerator.get(t);
    const all = total.get(t);
    if (n === undefined || all === undefined) continue;
    const part = Math.min(n, all);
    if (part !== n) capped++;
    rows.push({ t, good: kind === 'good' ? part : all - part, total: all });
  }
  return { rows, capped };
}
