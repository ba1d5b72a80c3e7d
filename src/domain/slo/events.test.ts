import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../core/time.ts';
import { meets, objectiveRule, objectiveTarget, toEvents, totals } from './events.ts';
import { fixedGrid } from './windows.ts';
import { hourly, hourlyValues, T0 } from './fixtures.ts';

const H = HOUR_MS;
const all = (e: ReturnType<typeof toEvents>) => totals(e, -Infinity, Infinity);

describe('Occurrences', () => {
  it('sums counts (never averages ratios); a zero-traffic row is no data', () => {
    const e = toEvents(
      hourly([
        [90, 100],
        [0, 0],
        [199, 200],
        [1, 1],
      ]),
      { method: 'Occurrences', target: 0.99 },
    );
    const t = all(e);
    expect(t).toMatchObject({ good: 290, bad: 11, total: 301, withData: 3 });
    expect(t.good / t.total).toBe(290 / 301); // the mean of the ratios would be (0.9 + 0.995 + 1) / 3
    expect(e.unit).toBe('events');
  });

  it('sums the window (from, to] only, and counts the rows a gap left out as expected', () => {
    // Rows at T0+1h, +2h, +3h, then a gap, then +6h.
    const series = { type: 'ratio' as const, time: [T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 6 * H], good: [10, 20, 30, 60], total: [10, 25, 30, 60] };
    const e = toEvents(series, { method: 'Occurrences', target: 0.9 });
    expect(totals(e, T0 + H, T0 + 6 * H)).toEqual({ good: 110, bad: 5, total: 115, withData: 3, expected: 5, badMs: 0, dataMs: 0 });
  });

  it('counts each threshold value as one event, good when value op threshold holds', () => {
    const rule = objectiveRule('Occurrences', { op: 'lte', value: 300, target: 0.9 });
    const t = all(toEvents(hourlyValues([100, 400, 300, Number.NaN, 301]), rule));
    expect(t).toMatchObject({ good: 2, bad: 2, total: 4, withData: 4 });
  });

  it('compares with every operator', () => {
    expect([meets(1, 'lt', 1), meets(1, 'lte', 1), meets(1, 'gt', 1), meets(1, 'gte', 1), meets(2, 'gt', 1)]).toEqual([false, true, false, true, true]);
  });

  it('reads targetPercent as a percentage', () => {
    expect(objectiveTarget({ targetPercent: 99.5 })).toBe(0.995);
    expect(objectiveTarget({ target: 0.98 })).toBe(0.98);
  });
});

describe('Timeslices', () => {
  it('counts good 2-hour slices: a slice is good when its ratio meets timeSliceTarget', () => {
    // Slices (T0, T0+2h], (T0+2h, T0+4h]: 195/200 = 0.975 (good), 190/200 = 0.95 (bad at 0.97).
    const rule = { method: 'Timeslices' as const, target: 0.9, timeSliceTarget: 0.97, timeSliceMs: 2 * H };
    const e = toEvents(
      hourly([
        [95, 100],
        [100, 100],
        [90, 100],
        [100, 100],
      ]),
      rule,
    );
    expect(Array.from(e.time)).toEqual([T0 + 2 * H, T0 + 4 * H]);
    expect(all(e)).toMatchObject({ good: 1, bad: 1, total: 2 });
    expect(e).toMatchObject({ unit: 'slices', sliceMs: 2 * H, sliceCoarsened: false, resolutionMs: 2 * H });
  });

  it('judges threshold slices by the share of values meeting op/value', () => {
    // 1 of 2 values ≤ 300 in the first slice (0.5 < 0.75: bad), 2 of 2 in the second (good).
    const rule = objectiveRule('Timeslices', { op: 'lte', value: 300, target: 0.9, timeSliceTarget: 0.75, timeSliceWindow: '2h' });
    expect(all(toEvents(hourlyValues([100, 400, 200, 300]), rule))).toMatchObject({ good: 1, bad: 1 });
  });

  it('leaves zero-traffic slices out (no data), and widens slices shorter than the rows', () => {
    const rule = { method: 'Timeslices' as const, target: 0.9, timeSliceTarget: 1, timeSliceMs: 5 * 60_000 };
    const e = toEvents(
      hourly([
        [1, 1],
        [0, 0],
        [0, 1],
      ]),
      rule,
    );
    expect(e).toMatchObject({ sliceMs: H, sliceCoarsened: true });
    expect(totals(e, T0, T0 + 3 * H)).toEqual({ good: 1, bad: 1, total: 2, withData: 2, expected: 3, badMs: H, dataMs: 2 * H });
  });

  it('aligns slices to the anchor and counts a slice only once it has ended', () => {
    const rule = { method: 'Timeslices' as const, target: 0.9, timeSliceTarget: 1, timeSliceMs: 24 * H };
    // Anchor at T0 − 1h: slices end at T0 + 23h, T0 + 47h. Rows T0+1h..T0+30h.
    const e = toEvents(hourly(Array.from({ length: 30 }, () => [1, 1] as const)), rule, (ms) => fixedGrid(T0 - H, ms));
    expect(Array.from(e.time)).toEqual([T0 + 23 * H, T0 + 47 * H]);
    // At asOf = T0 + 30h the second slice is still running: one slice counted.
    expect(totals(e, T0 - H, T0 + 30 * H)).toMatchObject({ good: 1, total: 1 });
  });

  it('needs timeSliceTarget and a slice length', () => {
    expect(() => toEvents(hourly([[1, 1]]), { method: 'Timeslices', target: 0.9, timeSliceMs: H })).toThrow(/timeSliceTarget/);
    expect(() => toEvents(hourly([[1, 1]]), { method: 'RatioTimeslices', target: 0.9 })).toThrow(/timeSliceWindow/);
  });
});

describe('RatioTimeslices', () => {
  it("is the mean of the slices' ratios, not the ratio of the sums", () => {
    // Slice 1: 1/1 = 1; slice 2: 900/1000 = 0.9 → mean 0.95 (Occurrences would give 901/1001).
    const e = toEvents(
      hourly([
        [1, 1],
        [900, 1000],
      ]),
      { method: 'RatioTimeslices', target: 0.9, timeSliceMs: H },
    );
    const t = all(e);
    expect(t.good / t.total).toBeCloseTo(0.95, 12);
    expect(t.total).toBe(2);
  });

  it("uses the share of good values as a threshold slice's ratio", () => {
    const rule = objectiveRule('RatioTimeslices', { op: 'gt', value: 10, target: 0.9, timeSliceWindow: 120 });
    // Slices of 2 h (120 minutes): [20, 5] → 0.5, [30, 40] → 1.
    const t = all(toEvents(hourlyValues([20, 5, 30, 40]), rule));
    expect(t.good / t.total).toBe(0.75);
  });
});
