import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { alertWindows } from './alerts.ts';
import { evaluateSlo } from './evaluate.ts';
import { H, makeSlo, steady, T0 } from './fixtures.ts';
import type { Incident } from './series.ts';
import { NOT_MEASURABLE } from './view.ts';

describe('alert windows', () => {
  it("scales the Workbook's four rows to the SLO period as Sloth does (google-30d, google-28d)", () => {
    expect(alertWindows(30 * DAY_MS, 5 * MINUTE_MS).map((a) => [a.name, a.severity, a.factor])).toEqual([
      ['page-1h', 'page', 14.4],
      ['page-6h', 'page', 6],
      ['ticket-1d', 'ticket', 3],
      ['ticket-3d', 'ticket', 1],
    ]);
    const f28 = alertWindows(28 * DAY_MS, 5 * MINUTE_MS).map((a) => a.factor);
    [13.44, 5.6, 2.8, 0.9333333333].forEach((f, i) => expect(f28[i]).toBeCloseTo(f, 9));
  });

  it("uses Sloth's 7-day shares below three weeks, so no ticket fires while the budget is on track", () => {
    // Sloth's 7-day example: 8 %, 12.5 %, 20 %, 42 % of the budget → 13.44, 3.5, 1.4, 0.98.
    const f7 = alertWindows(7 * DAY_MS, 5 * MINUTE_MS).map((a) => a.factor);
    [13.44, 3.5, 1.4, 0.98].forEach((f, i) => expect(f7[i]).toBeCloseTo(f, 9));
    // With the 30-day shares the 3-day ticket would fire at a burn rate of 0.23.
    expect(Math.min(...f7)).toBeGreaterThan(0.9);
    // A 2-day SLO keeps only the windows shorter than its period.
    expect(alertWindows(2 * DAY_MS, 5 * MINUTE_MS).map((a) => a.name)).toEqual(['page-1h', 'page-6h', 'ticket-1d']);
  });

  it('scales a calendar period by its real length and chooses the table by the nominal one', () => {
    // October 2026 in Europe/Paris: 745 hours (the clocks go back on the 25th).
    const october = alertWindows(745 * HOUR_MS, 5 * MINUTE_MS, 30 * DAY_MS);
    expect(october[0]!.factor).toBeCloseTo((0.02 * 745) / 1, 12);
    expect(october[3]!.factor).toBeCloseTo((0.1 * 745) / 72, 12);
  });

  it('keeps the windows at a fine resolution and widens them to a coarse one, saying so', () => {
    const fine = alertWindows(30 * DAY_MS, 5 * MINUTE_MS);
    expect(fine.map((a) => [a.evalLongMs, a.evalShortMs, a.coarsened])).toEqual([
      [HOUR_MS, 5 * MINUTE_MS, false],
      [6 * HOUR_MS, 30 * MINUTE_MS, false],
      [DAY_MS, 2 * HOUR_MS, false],
      [3 * DAY_MS, 6 * HOUR_MS, false],
    ]);
    const hourly = alertWindows(30 * DAY_MS, HOUR_MS);
    expect(hourly.map((a) => [a.name, a.severity, a.evalLongMs, a.evalShortMs, a.coarsened])).toEqual([
      ['page-1h', 'page', HOUR_MS, HOUR_MS, true],
      ['page-6h', 'page', 6 * HOUR_MS, HOUR_MS, true],
      ['ticket-1d', 'ticket', DAY_MS, 2 * HOUR_MS, false],
      ['ticket-3d', 'ticket', 3 * DAY_MS, 6 * HOUR_MS, false],
    ]);
  });
});

// 30-day SLO at 99 %, 120 hourly rows of 100 events. Rows at 82h, 83h, 84h have 50 bad
// events (the incident), the row at 101h has 30 (nobody declared it).
const slo = makeSlo({ objectives: [{ target: 0.99 }] });
const series = steady(120, 100, { 81: 50, 82: 50, 83: 50, 100: 30 });
const incidents: Incident[] = [
  { id: 'declared', started: T0 + 81.75 * H, detected: T0 + 83.5 * H, resolved: T0 + 84.5 * H, slos: ['checkout'] },
  { id: 'quiet', started: T0 + 40 * H, detected: T0 + 41 * H, resolved: T0 + 42 * H, slos: ['checkout'] },
  { id: 'elsewhere', started: T0 + 81 * H, slos: ['other'] },
];

describe('burn rates and alert state at asOf', () => {
  const [e] = evaluateSlo({ slo, series, incidents, now: T0 + 101 * H }).objectives;
  it('gives burn rates over each window, null below the resolution', () => {
    expect(e!.burnRates['5m']).toEqual({ value: null, reason: NOT_MEASURABLE });
    expect(e!.burnRates['30m']).toEqual({ value: null, reason: NOT_MEASURABLE });
    expect(e!.burnRates['1h']!.value).toBeCloseTo(30, 10); // 30 % errors / 1 % budget
    expect(e!.burnRates['2h']!.value).toBeCloseTo(15, 10); // 30 / 200
    expect(e!.burnRates['6h']!.value).toBeCloseTo(5, 10); // 30 / 600
    expect(e!.burnRates['1d']!.value).toBeCloseTo(7.5, 10); // 180 / 2400
    expect(e!.burnRates['3d']!.value).toBeCloseTo(2.5, 10); // 180 / 7200
  });
  it('fires page-1h (30 > 14.4) and both tickets (7.5 and 15 > 3; 2.5 and 5 > 1), not page-6h (5 < 6)', () => {
    expect(e!.alerts.map((a) => [a.alert.name, a.firing])).toEqual([
      ['page-1h', true],
      ['page-6h', false],
      ['ticket-1d', true],
      ['ticket-3d', true],
    ]);
  });
});

describe('alert backtest', () => {
  const [e] = evaluateSlo({ slo, series, incidents, now: T0 + 120 * H }).objectives;
  const bt = e!.backtest;
  it('finds every firing interval over the history', () => {
    expect(bt.firings.map((f) => [f.alert, (f.from - T0) / H, f.to === null ? null : (f.to - T0) / H])).toEqual([
      ['page-1h', 82, 85],
      ['page-6h', 82, 85],
      ['ticket-1d', 83, 86],
      ['ticket-3d', 83, 90],
      ['page-1h', 101, 102],
      ['ticket-1d', 101, 103],
      ['ticket-3d', 101, 107],
    ]);
  });
  it('relates the page alert to the incidents that name the SLO', () => {
    expect(bt.incidents).toEqual([
      { id: 'declared', started: T0 + 81.75 * H, detected: T0 + 83.5 * H, alertAt: T0 + 82 * H, leadMinutes: 90, afterStartMinutes: 15 },
      { id: 'quiet', started: T0 + 40 * H, detected: T0 + 41 * H, alertAt: null, leadMinutes: null, afterStartMinutes: null },
    ]);
  });
  it('lists the firings no incident explains', () => {
    expect(bt.unmatched.map((f) => [f.alert, (f.from - T0) / H])).toEqual([
      ['page-1h', 101],
      ['ticket-1d', 101],
      ['ticket-3d', 101],
    ]);
  });
  it('leaves a firing open (to: null) when it still fires at asOf', () => {
    const [open] = evaluateSlo({ slo, series, incidents, now: T0 + 101 * H }).objectives;
    expect(open!.backtest.firings.filter((f) => f.to === null).map((f) => f.alert)).toEqual(['page-1h', 'ticket-1d', 'ticket-3d']);
  });
});
