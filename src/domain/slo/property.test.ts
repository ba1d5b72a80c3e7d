import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { alertWindows } from './alerts.ts';
import { evaluateSlo } from './evaluate.ts';
import { indicator, makeSlo, steady, T0 } from './fixtures.ts';
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

/** Local midnight of the first of each month in `zone`, found by scanning hours with Intl (no Luxon). */
function monthStarts(zone: string, from: number, to: number): number[] {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
  const out: number[] = [];
  for (let t = from; t <= to; t += HOUR_MS) {
    const p = Object.fromEntries(parts.formatToParts(t).map((x) => [x.type, x.value]));
    if (p.day === '01' && p.hour === '00') out.push(t);
  }
  return out;
}

describe('the engine against a naive reference (calendar months in a zone, composites)', () => {
  const hourlyArb = (n: number) => fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n });

  it('agrees on a calendar month’s bounds, attainment and consumed budget (Occurrences and Timeslices)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('UTC', 'Europe/Paris', 'America/New_York', 'Australia/Sydney'),
        fc.constantFrom<'Occurrences' | 'Timeslices'>('Occurrences', 'Timeslices'),
        hourlyArb(24 * 70),
        fc.integer({ min: 24 * 20, max: 24 * 70 }),
        (zone, method, badPerHour, rows) => {
          const start = Date.UTC(2026, 8, 1); // September: the window crosses DST changes in October
          const series: RatioSeries = { type: 'ratio', time: [], good: [], total: [] };
          for (let i = 0; i < rows; i++) {
            (series.time as number[]).push(start + (i + 1) * HOUR_MS);
            (series.good as number[]).push(100 - badPerHour[i]!);
            (series.total as number[]).push(100);
          }
          const slo = makeSlo({
            duration: '1M',
            calendar: ['2026-01-01 00:00:00', zone],
            method,
            objectives: [{ target: 0.9, ...(method === 'Timeslices' ? { timeSliceWindow: '1h' as const, timeSliceTarget: 0.9 } : {}) }],
          });
          const now = series.time.at(-1)!;
          const e = evaluateSlo({ slo, series, now }).objectives[0]!;
          const starts = monthStarts(zone, start - 40 * DAY_MS, now + 40 * DAY_MS);
          const from = starts.filter((s) => s < now).at(-1)!;
          const to = starts.find((s) => s >= now)!;
          expect([e.window.from, e.window.to]).toEqual([from, to]);
          let good = 0;
          let bad = 0;
          series.time.forEach((t, i) => {
            if (t <= from || t > now) return;
            if (method === 'Occurrences') {
              good += series.good[i]!;
              bad += series.total[i]! - series.good[i]!;
            } else if (series.good[i]! / series.total[i]! >= 0.9) good += 1;
            else bad += 1;
          });
          if (good + bad === 0) return;
          expect(e.attainment).toBeCloseTo(good / (good + bad), 12);
          // Occurrences: of the events so far; Timeslices: of the whole month's minutes.
          const consumed = method === 'Occurrences' ? bad / ((good + bad) * 0.1) : (bad * 60) / (((to - from) / MINUTE_MS) * 0.1);
          expect(e.errorBudget.consumed).toBeCloseTo(consumed, 9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('agrees on composites of each method (RatioTimeslices: 1 − Σ w(1 − r); Timeslices: bad if any; Occurrences: Σ w × consumed)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'Occurrences' | 'Timeslices' | 'RatioTimeslices'>('Occurrences', 'Timeslices', 'RatioTimeslices'),
        fc.array(fc.tuple(hourlyArb(48), fc.integer({ min: 1, max: 3 })), { minLength: 2, maxLength: 3 }),
        (method, parts) => {
          const objectives = parts.map(([, weight], i) => ({
            displayName: `o${i}`,
            target: 0.95,
            compositeWeight: weight,
            indicator: indicator(`o${i}`),
            ...(method === 'Occurrences' ? {} : { timeSliceWindow: '1h' as const, timeSliceTarget: 0.9 }),
          }));
          const slo = makeSlo({ duration: '7d', method, objectives });
          const series = parts.map(([bad]) => steady(48, 20, Object.fromEntries(bad.map((b, i) => [i, b]))));
          const c = evaluateSlo({ slo, series, now: T0 + 48 * HOUR_MS }).composite!;
          const weights = parts.map(([, w]) => w);
          const ratio = (k: number, h: number) => series[k]!.good[h]! / 20;
          if (method === 'Occurrences') {
            const consumed = weights.reduce((sum, w, k) => sum + (w * (1 - series[k]!.good.reduce((a, b) => a + b, 0) / (48 * 20))) / 0.05, 0);
            expect(c.errorBudget.consumed).toBeCloseTo(consumed, 9);
            return;
          }
          let badMinutes = 0;
          let good = 0;
          for (let h = 0; h < 48; h++) {
            const r =
              method === 'Timeslices'
                ? series.some((_, k) => ratio(k, h) < 0.9)
                  ? 0
                  : 1
                : Math.max(0, 1 - weights.reduce((sum, w, k) => sum + w * (1 - ratio(k, h)), 0));
            good += r;
            badMinutes += (1 - r) * 60;
          }
          expect(c.attainment).toBeCloseTo(good / 48, 12);
          expect(c.errorBudget.minutes!.consumed).toBeCloseTo(badMinutes, 9);
          expect(c.errorBudget.consumed).toBeCloseTo(badMinutes / (7 * 24 * 60 * 0.05), 9);
        },
      ),
      { numRuns: 100 },
    );
  });
});
