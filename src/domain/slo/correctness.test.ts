/**
 * The disagreements an independent implementation (from the OpenSLO spec and the SRE Workbook)
 * found with the engine, each with the input that showed it. Every case failed before.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../core/time.ts';
import { evaluateSlo } from './evaluate.ts';
import { H, hourly, indicator, makeSlo, steady, T0 } from './fixtures.ts';
import type { PolicyInput } from './policy.ts';
import { reportEntries } from './report.ts';
import type { Incident, RatioSeries } from './series.ts';
import { sliceGrid, windowSpecOf } from './windows.ts';

const concat = (...parts: RatioSeries[]): RatioSeries => ({
  type: 'ratio',
  time: parts.flatMap((p) => p.time),
  good: parts.flatMap((p) => p.good),
  total: parts.flatMap((p) => p.total),
});

describe('one budget, one figure (Timeslices, RatioTimeslices)', () => {
  it('a calendar month two hours old: the budget is the whole month’s, and the minutes agree with the share', () => {
    // November 2026 in UTC: 720 hours, a 99.9 % target: 43.2 minutes of budget. Two hourly
    // slices so far, the second bad: 60 minutes spent, more than the whole budget.
    const slo = makeSlo({
      duration: '1M',
      calendar: ['2026-01-01 00:00:00', 'UTC'],
      method: 'Timeslices',
      objectives: [{ target: 0.999, timeSliceWindow: '1h', timeSliceTarget: 0.99 }],
    });
    const start = Date.UTC(2026, 10, 1);
    const series = hourly(
      [
        [100, 100],
        [50, 100],
      ],
      start,
    );
    const e = evaluateSlo({ slo, series, now: start + 2 * H }).objectives[0]!;
    const minutes = e.errorBudget.minutes!;
    expect([minutes.budget, minutes.consumed, minutes.remaining].map((m) => Number(m.toFixed(9)))).toEqual([43.2, 60, -16.8]);
    expect(e.errorBudget.consumed).toBeCloseTo(60 / 43.2, 12);
    expect(e.status).toBe('exhausted');
  });

  it('slices with missing data are reported as such and never shrink the budget', () => {
    // A 28-day rolling RatioTimeslices SLO at 99 %: 24 hourly slices, 6 of them without data
    // (zero traffic), one at 0.5: 30 minutes spent of 0.01 × 28 d = 403.2 minutes.
    const slo = makeSlo({ duration: '28d', method: 'RatioTimeslices', objectives: [{ target: 0.99, timeSliceWindow: '1h' }] });
    const rows = Array.from({ length: 24 }, (_, i): [number, number] => (i >= 10 && i < 16 ? [0, 0] : i === 20 ? [50, 100] : [100, 100]));
    const e = evaluateSlo({ slo, series: hourly(rows), now: T0 + 24 * H }).objectives[0]!;
    const minutes = e.errorBudget.minutes!;
    expect(minutes.budget).toBeCloseTo(0.01 * 28 * 24 * 60, 9);
    expect(minutes.consumed).toBeCloseTo(30, 9);
    expect(e.errorBudget.remaining).toBeCloseTo(minutes.remaining / minutes.budget, 12);
    expect(e.totals).toMatchObject({ withData: 18 });
    expect(e.noData).toEqual({ count: 28 * 24 - 18, unit: 'slices' });
    expect(e.attainment).toBeCloseTo(17.5 / 18, 12);
  });
});

describe('budget per incident does not move with the calendar', () => {
  // A calendar month (UTC) at 99 %, hourly Occurrences of 1,000 events from 1 October; the
  // incident spends 2 × 200 bad events on 14 October.
  const slo = makeSlo({ duration: '1M', calendar: ['2026-01-01 00:00:00', 'UTC'], objectives: [{ target: 0.99 }] });
  const start = Date.UTC(2026, 9, 1);
  const hours = 60 * 24;
  const incidentRow = 13 * 24 + 10;
  const series = steady(hours, 1000, { [incidentRow]: 200, [incidentRow + 1]: 200, 5: 10 }, start);
  const incident: Incident = {
    id: 'outage',
    started: start + (incidentRow + 0.25) * H,
    detected: start + (incidentRow + 0.5) * H,
    mitigated: start + (incidentRow + 1.75) * H,
    resolved: start + (incidentRow + 3) * H,
    slos: ['checkout'],
  };
  const share = (now: number) => evaluateSlo({ slo, series, incidents: [incident], now }).objectives[0]!.incidents[0]!;

  it('gives the same share on 15 October and on 22 November', () => {
    const october = share(Date.UTC(2026, 9, 15, 12));
    const november = share(Date.UTC(2026, 10, 22, 12));
    expect(october.share).toBe(november.share);
    expect(october.baselineShare).toBe(november.baselineShare);
    // The budget of the full October (744 h × 1,000 events × 1 %), spent by the two bad rows.
    expect(october.share).toBeCloseTo(400 / (744 * 1000 * 0.01), 12);
    expect(october.referenceMs).toBe(744 * H);
  });

  it('measures the customer-impact interval: started → mitigated, and impact[] when given', () => {
    const measured = share(Date.UTC(2026, 10, 22));
    expect(measured.intervals).toEqual([{ from: incident.started, to: incident.mitigated }]);
    const withImpact = evaluateSlo({
      slo,
      series,
      incidents: [{ ...incident, impact: [{ from: incident.started, to: start + (incidentRow + 0.75) * H }] }],
      now: Date.UTC(2026, 10, 22),
    }).objectives[0]!.incidents[0]!;
    // Only the first bad row lies in the impact interval.
    expect(withImpact.share).toBeCloseTo(200 / (744 * 1000 * 0.01), 12);
  });

  it('states what the usual error rate (the 7 days before) would have spent in the same interval', () => {
    const measured = share(Date.UTC(2026, 10, 22));
    // Quiet week before: no bad event in it, so the usual rate spends nothing.
    expect(measured.baselineShare).toBe(0);
    const noisy = steady(
      hours,
      1000,
      { [incidentRow]: 200, [incidentRow + 1]: 200, ...Object.fromEntries(Array.from({ length: 168 }, (_, i) => [incidentRow - 1 - i, 5])) },
      start,
    );
    const usual = evaluateSlo({ slo, series: noisy, incidents: [incident], now: Date.UTC(2026, 10, 22) }).objectives[0]!.incidents[0]!;
    // 0.5 % errors before; the interval holds two rows of 1,000 events: 10 bad events expected.
    expect(usual.baselineShare).toBeCloseTo(10 / (744 * 1000 * 0.01), 9);
  });

  it('measures against the period a policy names (incidentConsumedAbove: { share, of: 4w })', () => {
    const policies: PolicyInput[] = [
      {
        metadata: { name: 'google' },
        spec: { slos: ['checkout'], steps: [{ name: 'p0', when: { incidentConsumedAbove: { share: 0.05, of: '4w' } }, actions: ['P0'] }] },
      },
    ];
    const e = evaluateSlo({ slo, series, incidents: [incident], policies, now: Date.UTC(2026, 9, 20) }).objectives[0]!;
    // 400 / (672 h × 1,000 × 1 %) = 5.95 % of four weeks' budget: over 5 %.
    expect(e.policies[0]!.inForce.map((s) => [s.step, s.incidents])).toEqual([['p0', ['outage']]]);
  });
});

describe('calendar windows in local time', () => {
  it('cuts daily slices at local midnight: the Sunday the clocks go back is 25 hours long', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'Europe/Paris' });
    const grid = sliceGrid(spec.calendar, DAY_MS);
    // 25 October 2026: summer time ends in Paris.
    const sunday = grid.endOf(Date.parse('2026-10-25T12:00:00+01:00'));
    expect(sunday).toBe(Date.parse('2026-10-26T00:00:00+01:00'));
    expect(sunday - grid.startOf(sunday)).toBe(25 * H);
    const spring = grid.endOf(Date.parse('2026-03-29T12:00:00+02:00'));
    expect(spring - grid.startOf(spring)).toBe(23 * H);
  });

  it('spends a bad local day’s real length of the budget', () => {
    const slo = makeSlo({
      duration: '1M',
      calendar: ['2026-01-01 00:00:00', 'Europe/Paris'],
      method: 'Timeslices',
      objectives: [{ target: 0.9, timeSliceWindow: '1d', timeSliceTarget: 0.99 }],
    });
    // Hourly rows through October (Paris); every row of 25 October is bad.
    const from = Date.parse('2026-10-01T00:00:00+02:00');
    const n = (Date.parse('2026-11-01T00:00:00+01:00') - from) / H;
    const sunday = (Date.parse('2026-10-25T00:00:00+02:00') - from) / H;
    const series = steady(n, 100, Object.fromEntries(Array.from({ length: 25 }, (_, i) => [sunday + i, 100])), from);
    const e = evaluateSlo({ slo, series, now: Date.parse('2026-10-31T23:30:00+01:00') }).objectives[0]!;
    expect(e.errorBudget.minutes!.consumed).toBe(25 * 60);
    // October is 745 hours: the budget is 10 % of it.
    expect(e.errorBudget.minutes!.budget).toBeCloseTo(74.5 * 60, 9);
  });

  it('scales alert factors by the real length of the period in force', () => {
    const slo = makeSlo({ duration: '1M', calendar: ['2026-01-01 00:00:00', 'Europe/Paris'], objectives: [{ target: 0.99 }] });
    const from = Date.parse('2026-10-01T00:00:00+02:00');
    const e = evaluateSlo({ slo, series: steady(100, 100, {}, from), now: from + 100 * H }).objectives[0]!;
    expect(e.alerts[0]!.alert.factor).toBeCloseTo((0.02 * 745) / 1, 12);
  });

  it('says the period ends before the budget runs out instead of pointing past it', () => {
    const slo = makeSlo({ duration: '1M', calendar: ['2026-01-01 00:00:00', 'UTC'], objectives: [{ target: 0.99 }] });
    const from = Date.UTC(2026, 10, 28);
    // Burning at 0.5 three days before the month ends: the budget would last 30 days more.
    const e = evaluateSlo({ slo, series: steady(24, 1000, Object.fromEntries(Array.from({ length: 24 }, (_, i) => [i, 5])), from), now: from + 24 * H })
      .objectives[0]!;
    expect(e.errorBudget.exhaustion.periodEndsFirst).toBe(true);
    expect(e.errorBudget.exhaustion.periodEnd).toBe(Date.UTC(2026, 11, 1));
  });
});

describe('composite SLOs per method, as the spec defines them', () => {
  const objectives = [
    { displayName: 'a', target: 0.95, indicator: indicator('a'), timeSliceWindow: '1h' as const, timeSliceTarget: 0.99 },
    { displayName: 'b', target: 0.95, indicator: indicator('b'), timeSliceWindow: '1h' as const, timeSliceTarget: 0.99 },
  ];

  it('RatioTimeslices: two objectives at 95 % make a composite of 90 %', () => {
    const slo = makeSlo({ duration: '1d', method: 'RatioTimeslices', objectives });
    const at95 = steady(20, 100, Object.fromEntries(Array.from({ length: 20 }, (_, i) => [i, 5])));
    const result = evaluateSlo({ slo, series: [at95, at95], now: T0 + 20 * H });
    expect(result.objectives.map((o) => o.attainment)).toEqual([expect.closeTo(0.95, 12), expect.closeTo(0.95, 12)]);
    expect(result.composite!.attainment).toBeCloseTo(0.9, 12);
    // Twice the error rate of either: the composite burns at 2.
    expect(result.composite!.burnRates['1h']!.value).toBeCloseTo(2, 12);
  });

  it('Timeslices: a slice bad for any objective is bad for the composite', () => {
    const slo = makeSlo({ duration: '1d', method: 'Timeslices', objectives });
    const a = steady(10, 100, { 2: 50 });
    const b = steady(10, 100, { 2: 50, 7: 50 });
    const result = evaluateSlo({ slo, series: [a, b], now: T0 + 10 * H });
    expect(result.composite!.totals).toMatchObject({ good: 8, bad: 2 });
    expect(result.composite!.errorBudget.minutes!.consumed).toBe(120);
  });

  it('Occurrences: when one objective burns, the composite burns at the same rate times its weight', () => {
    const slo = makeSlo({
      duration: '1d',
      objectives: [
        { displayName: 'a', target: 0.99, indicator: indicator('a'), compositeWeight: 2 },
        { displayName: 'b', target: 0.99, indicator: indicator('b') },
      ],
    });
    const burning = steady(10, 100, { 9: 3 }); // 1 h burn 3
    const quiet = steady(10, 100);
    const c = evaluateSlo({ slo, series: [burning, quiet], now: T0 + 10 * H }).composite!;
    expect(c.burnRates['1h']!.value).toBeCloseTo(2 * 3, 12);
  });
});

describe('the Workbook’s 1d / 2h ticket', () => {
  it('fires on a 1 d burn at 5× while the 3 d window stays quiet', () => {
    // 30-day SLO at 99 %: two busy quiet days (10,000 events an hour), then a day of 1,000
    // events an hour at 5 % errors: 1 d burn 5, 3 d burn 1,200 / 504,000 / 1 % = 0.24.
    const slo = makeSlo({ objectives: [{ target: 0.99 }] });
    const series = concat(steady(48, 10_000), steady(24, 1000, Object.fromEntries(Array.from({ length: 24 }, (_, i) => [i, 50])), T0 + 48 * H));
    const e = evaluateSlo({ slo, series, now: T0 + 72 * H }).objectives[0]!;
    expect(e.burnRates['1d']!.value).toBeCloseTo(5, 12);
    expect(e.burnRates['3d']!.value).toBeCloseTo(1200 / 504_000 / 0.01, 12);
    expect(e.alerts.map((a) => [a.alert.name, a.firing])).toEqual([
      ['page-1h', false],
      ['page-6h', false],
      ['ticket-1d', true],
      ['ticket-3d', false],
    ]);
  });
});

describe('"now" means now', () => {
  it('ignores rows stamped after now: they move neither asOf nor the alerts', () => {
    const slo = makeSlo({ objectives: [{ target: 0.99 }] });
    const burning = steady(10, 100, { 9: 60 });
    const future = concat(burning, steady(3, 100, {}, T0 + 100 * H));
    const a = evaluateSlo({ slo, series: burning, now: T0 + 10 * H }).objectives[0]!;
    const b = evaluateSlo({ slo, series: future, now: T0 + 10 * H }).objectives[0]!;
    expect(b.asOf).toBe(a.asOf);
    expect(b.alerts.map((x) => x.firing)).toEqual(a.alerts.map((x) => x.firing));
    expect(b.alerts[0]!.firing).toBe(true);
  });
});

describe('the JSON report carries everything the text shows', () => {
  it('lists every policy of the SLO, each step with since and sinceStartOfHistory, and budget per incident', () => {
    const slo = makeSlo({ duration: '1d' });
    const series = steady(24, 100, { 23: 90 });
    const policies: PolicyInput[] = [
      { metadata: { name: 'first' }, spec: { slos: ['checkout'], steps: [{ name: 'any data', when: { remainingBudgetBelow: 1.5 }, actions: ['watch'] }] } },
      { metadata: { name: 'second' }, spec: { slos: ['checkout'], steps: [{ name: 'exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze'] }] } },
    ];
    const incidents: Incident[] = [{ id: 'inc', started: T0 + 23 * H, mitigated: T0 + 23.5 * H, slos: ['checkout'] }];
    const [entry] = reportEntries(evaluateSlo({ slo, series, policies, incidents, now: T0 + 24 * H }));
    expect(entry!.policies).toEqual([
      {
        name: 'first',
        inForce: [{ step: 'any data', since: '2026-01-01T01:00:00Z', sinceStartOfHistory: true, actions: ['watch'] }],
        steps: [{ name: 'any data', when: { remainingBudgetBelow: 1.5 }, actions: ['watch'], inForce: true }],
      },
      {
        name: 'second',
        inForce: [{ step: 'exhausted', since: '2026-01-02T00:00:00Z', sinceStartOfHistory: false, actions: ['freeze'] }],
        steps: [{ name: 'exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze'], inForce: true }],
      },
    ]);
    expect(entry!.incidents).toEqual([
      {
        id: 'inc',
        started: '2026-01-01T23:00:00Z',
        end: '2026-01-01T23:30:00Z',
        resolved: false,
        intervals: [{ from: '2026-01-01T23:00:00Z', to: '2026-01-01T23:30:00Z' }],
        reference: '1d',
        share: 90 / 24,
        baselineShare: 0,
      },
    ]);
    expect(entry!.alerts.map((a) => [a.name, a.table.longWindow, a.table.shortWindow, a.table.budgetShare])).toEqual([
      ['page-1h', '1h', '5m', 0.08],
      ['page-6h', '6h', '30m', 0.125],
    ]); // a 1-day SLO: only the windows shorter than its period
    expect(Object.keys(entry!.burnRates)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(entry!.errorBudget.exhaustion.basis).toBe('1h');
  });
});
