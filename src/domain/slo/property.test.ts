import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { alertWindows } from './alerts.ts';
import { evaluateSlo } from './evaluate.ts';
import { makeSlo } from './fixtures.ts';
import type { RatioSeries } from './series.ts';

// A deliberately naive reference: scan every row for every question, no prefix sums.
function naiveResolution(time: number[]): number | undefined {
  const gaps: number[] = [];
  for (let i = 1; i < time.length; i++) gaps.push(time[i]! - time[i - 1]!);
  if (gaps.length === 0) return undefined;
  let best = gaps[0]!;
  for (const g of gaps) {
    const count = (x: number) => gaps.filter((y) => y === x).length;
    if (count(g) > count(best) || (count(g) === count(best) && g < best)) best = g;
  }
  return best;
}
function naiveSums(s: RatioSeries, from: number, to: number) {
  let good = 0;
  let total = 0;
  s.time.forEach((t, i) => {
    if (t > from && t <= to) {
      good += s.good[i]!;
      total += s.total[i]!;
    }
  });
  return { good, total };
}
function naiveBurn(s: RatioSeries, target: number, at: number, windowMs: number): number | null {
  const res = naiveResolution([...s.time]);
  if (res === undefined || windowMs < res) return null;
  const { good, total } = naiveSums(s, at - windowMs, at);
  return total === 0 ? null : (total - good) / total / (1 - target);
}

const seriesArb = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 3 }), total: fc.integer({ min: 0, max: 40 }), badShare: fc.double({ min: 0, max: 1, noNaN: true }) }), {
    minLength: 1,
    maxLength: 120,
  })
  .chain((rows) =>
    fc.constantFrom(5 * MINUTE_MS, HOUR_MS).map((step) => {
      let t = Date.UTC(2026, 0, 1);
      const series: { type: 'ratio'; time: number[]; good: number[]; total: number[] } = { type: 'ratio', time: [], good: [], total: [] };
      for (const r of rows) {
        t += r.gap * step;
        series.time.push(t);
        series.total.push(r.total);
        series.good.push(r.total - Math.floor(r.total * r.badShare));
      }
      return series;
    }),
  );

describe('the engine against a naive reference (Occurrences, rolling windows)', () => {
  it('agrees on attainment, consumed budget, burn rates and alert state at asOf', () => {
    fc.assert(
      fc.property(
        seriesArb,
        fc.constantFrom(0.9, 0.99, 0.995, 0.999),
        fc.constantFrom('1d', '3d', '7d'),
        fc.integer({ min: -5 * HOUR_MS, max: 5 * HOUR_MS }),
        (full, target, duration, offset) => {
          const now = full.time.at(-1)! + offset;
          const slo = makeSlo({ duration, objectives: [{ target }] });
          const e = evaluateSlo({ slo, series: full, now }).objectives[0]!;
          // Rows stamped after now are not real yet.
          const kept = full.time.filter((t) => t <= now).length;
          const series = { ...full, time: full.time.slice(0, kept), good: full.good.slice(0, kept), total: full.total.slice(0, kept) };
          const asOf = kept === 0 ? now : Math.min(now, series.time.at(-1)!);
          expect(e.asOf).toBe(asOf);
          const period = Number(duration.slice(0, -1)) * DAY_MS;
          const { good, total } = naiveSums(series, asOf - period, asOf);
          if (total === 0) {
            expect(e.attainment).toBeNull();
          } else {
            expect(e.attainment).toBe(good / total);
            expect(e.errorBudget.consumed).toBeCloseTo((1 - good / total) / (1 - target), 9);
          }
          for (const [name, ms] of [
            ['5m', 5 * MINUTE_MS],
            ['30m', 30 * MINUTE_MS],
            ['1h', HOUR_MS],
            ['2h', 2 * HOUR_MS],
            ['6h', 6 * HOUR_MS],
            ['1d', DAY_MS],
            ['3d', 3 * DAY_MS],
          ] as const) {
            const expected = naiveBurn(series, target, asOf, ms);
            const actual = e.burnRates[name]!.value;
            if (expected === null) expect(actual).toBeNull();
            else expect(actual).toBeCloseTo(expected, 9);
          }
          const res = naiveResolution([...series.time]);
          for (const [i, alert] of alertWindows(period, res).entries()) {
            const long = naiveBurn(series, target, asOf, alert.evalLongMs);
            const short = naiveBurn(series, target, asOf, alert.evalShortMs);
            // Skip knife-edge cases where float noise decides the comparison.
            if ([long, short].some((b) => b !== null && Math.abs(b - alert.factor) < 1e-9)) continue;
            const firing = long !== null && short !== null && long > alert.factor && short > alert.factor;
            expect(e.alerts[i]!.firing).toBe(firing);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
