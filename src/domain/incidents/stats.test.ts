/** Percentiles (type 7, checked against R/NumPy values) and distributions against a target. */
import { describe, expect, it } from 'vitest';
import { distribution, percentile } from './stats.ts';

describe('percentile (linear interpolation, type 7)', () => {
  it('matches R quantile(type = 7) and numpy.percentile', () => {
    // R: quantile(c(1, 2, 3, 4), c(.5, .9)) -> 2.5, 3.7
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    // numpy.percentile([3, 4, 7, 20, 60], [50, 90]) -> 7, 44
    expect(percentile([3, 4, 7, 20, 60], 0.5)).toBe(7);
    expect(percentile([3, 4, 7, 20, 60], 0.9)).toBeCloseTo(44, 12);
    expect(percentile([5], 0.9)).toBe(5);
    expect(percentile([2, 8], 0)).toBe(2);
    expect(percentile([2, 8], 1)).toBe(8);
    expect(percentile([], 0.5)).toBeUndefined();
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});

describe('distribution', () => {
  const MIN = 60_000;
  const target = { text: '15m', ms: 15 * MIN };
  const of = (minutes: (number | undefined)[]) => minutes.map((m, i) => ({ item: `i${i}`, ms: m === undefined ? undefined : m * MIN }));

  it('from five values on: median, p90, share within target and the incidents outside it, longest first', () => {
    const d = distribution(of([3, 40, 9, 15, 120, undefined]), target);
    expect(d.n).toBe(5);
    expect(d.points.map((p) => p.ms / MIN)).toEqual([3, 9, 15, 40, 120]);
    expect(d.median).toBe(15 * MIN);
    expect(d.p90! / MIN).toBeCloseTo(40 + 0.6 * 80, 9);
    expect(d.withinTarget).toEqual({ count: 3, share: 0.6 });
    expect(d.outside.map((p) => p.item)).toEqual(['i4', 'i1']);
    expect(d.notRecorded).toEqual(['i5']);
  });

  it('below five values: n and the points, no percentile; a missing value is not recorded, never zero', () => {
    const d = distribution(of([30, undefined, 4]), target);
    expect([d.n, d.median, d.p90]).toEqual([2, undefined, undefined]);
    expect(d.points.map((p) => [p.item, p.withinTarget])).toEqual([
      ['i2', true],
      ['i0', false],
    ]);
    expect(d.withinTarget).toEqual({ count: 1, share: 0.5 });
    expect(d.notRecorded).toEqual(['i1']);
  });

  it('without a target: no share and nobody outside', () => {
    const d = distribution(of([1, 2, 3, 4, 5]), undefined);
    expect([d.withinTarget, d.outside, d.median]).toEqual([undefined, [], 3 * MIN]);
    expect(distribution(of([undefined]), target)).toMatchObject({ n: 0, withinTarget: undefined, notRecorded: ['i0'] });
  });
});
