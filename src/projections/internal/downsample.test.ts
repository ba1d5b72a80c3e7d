import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHART_POINTS, downsampleIndices, pick } from './downsample.ts';

describe('downsampleIndices: about 500 points, peaks and dips kept', () => {
  it('keeps a short series whole', () => {
    expect(downsampleIndices(4, [[1, 2, 3, 4]])).toEqual([0, 1, 2, 3]);
  });

  it('keeps a one-row budget dip in 100,000 rows of a flat line, and a spike of the other series', () => {
    const n = 100_000;
    const sli = Array.from({ length: n }, () => 0.999);
    sli[61_337] = 0.42;
    const burn = Array.from({ length: n }, () => 0.5);
    burn[7] = 30;
    const kept = downsampleIndices(n, [sli, burn]);
    expect(kept.length).toBeLessThanOrEqual(CHART_POINTS);
    expect(Math.min(...pick(sli, kept))).toBe(0.42);
    expect(Math.max(...pick(burn, kept))).toBe(30);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(n - 1);
  });

  it('keeps a gap (no data) visible', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => (i >= 5000 && i < 5003 ? Number.NaN : 1));
    expect(pick(values, downsampleIndices(values.length, [values])).some(Number.isNaN)).toBe(true);
  });

  it('whatever the series: at most 500 rows, ascending, and its extremes kept', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 5000 }), (values) => {
        const kept = downsampleIndices(values.length, [values]);
        expect(kept.length).toBeLessThanOrEqual(Math.max(values.length, CHART_POINTS));
        expect(kept).toEqual([...kept].sort((a, b) => a - b));
        expect(Math.min(...pick(values, kept))).toBe(Math.min(...values));
        expect(Math.max(...pick(values, kept))).toBe(Math.max(...values));
      }),
    );
  });
});
