import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../../core/time.ts';
import { evaluateSlo } from './evaluate.ts';
import { H, indicator, makeSlo, steady, T0 } from './fixtures.ts';
import type { PolicyInput } from './policy.ts';
import { reportEntries } from './report.ts';
import type { Incident, RatioSeries } from './series.ts';

describe('an Occurrences SLO', () => {
  // 7-day rolling, 99.5 %: 48 hourly rows of 1000 events, 20 bad in the last row, a zero-traffic row.
  const slo = makeSlo({ duration: '7d', objectives: [{ displayName: 'logins', targetPercent: 99.5 }] });
  const base = steady(48, 1000, { 47: 20 });
  const series: RatioSeries = { ...base, total: base.total.map((t, i) => (i === 10 ? 0 : t)), good: base.good.map((g, i) => (i === 10 ? 0 : g)) };
  const result = evaluateSlo({ slo, series, now: T0 + 48 * H + 30 * 60_000 });
  const e = result.objectives[0]!;

  it('computes attainment, budget as a ratio and in events, and the no-data rows', () => {
    expect(e.asOf).toBe(T0 + 48 * H);
    expect(e.stale).toBe(false);
    expect(e.window).toEqual({ duration: '7d', rolling: true, from: T0 + 48 * H - 7 * DAY_MS, to: T0 + 48 * H });
    expect(e.attainment).toBe(46_980 / 47_000);
    expect(e.errorBudget.ratio).toBe(0.005);
    expect(e.errorBudget.consumed).toBeCloseTo(20 / 235, 12); // 235 events of budget
    expect(e.errorBudget.events).toEqual({ budget: 235, consumed: 20, remaining: 215 });
    expect(e.errorBudget.minutes).toBeUndefined();
    // 7 days of hourly rows expected, 47 with data: the window is longer than the data.
    expect(e.noData).toEqual({ count: 168 - 47, unit: 'rows' });
    expect(e.coverage).toBe(47 / 168);
  });

  it('gives the time to exhaustion at the 1 h burn: remaining × period / burn', () => {
    // 1 h burn = 20 / (1000 × 0.005) = 4; remaining = 1 − 20/235.
    expect(e.errorBudget.exhaustion.burnRate).toBeCloseTo(4, 12);
    expect(e.errorBudget.exhaustion.ms).toBeCloseTo(((1 - 20 / 235) * 7 * DAY_MS) / 4, 3);
  });

  it('reports stale data, and no data without measurements', () => {
    expect(evaluateSlo({ slo, series, now: T0 + 51 * H }).stale).toBe(true);
    const none = evaluateSlo({ slo, series: undefined, now: T0 }).objectives[0]!;
    expect([none.attainment, none.status, none.stale, none.errorBudget.consumed]).toEqual([null, 'no-data', true, null]);
  });

  it('shapes the JSON report entry', () => {
    const [entry] = reportEntries(result);
    expect(entry).toMatchObject({
      slo: 'checkout',
      objective: 'logins',
      service: 'shop',
      target: 0.995,
      budgetingMethod: 'Occurrences',
      window: { duration: '7d', rolling: true, from: '2025-12-27T00:00:00Z', to: '2026-01-03T00:00:00Z' },
      asOf: '2026-01-03T00:00:00Z',
      stale: false,
      errorBudget: { ratio: 0.005, events: { budget: 235, consumed: 20, remaining: 215 } },
      // A 7-day SLO pages at 13.44 (8 % of the budget in an hour): a 1 h burn of 4 is no page.
      backtest: { firings: [], incidents: [], unmatched: 0 },
      policies: [],
      status: 'ok',
    });
    expect(entry!.burnRates['5m']).toBeNull();
    expect(entry!.burnRates['1h']).toBeCloseTo(4, 12);
    // 7-day period, Sloth's 7-day shares: factors 13.44, 3.5, 1.4, 0.98.
    expect(entry!.alerts.map((a) => [a.name, a.firing, a.longWindow, a.shortWindow, a.coarsened, Number(a.factor.toFixed(2))])).toEqual([
      ['page-1h', false, '1h', '1h', true, 13.44],
      ['page-6h', false, '6h', '1h', true, 3.5],
      ['ticket-1d', false, '1d', '2h', false, 1.4],
      ['ticket-3d', false, '3d', '6h', false, 0.98],
    ]);
    expect(JSON.parse(JSON.stringify(entry))).toEqual(entry);
  });
});

describe('a calendar month across a DST change (RatioTimeslices)', () => {
  // March 2026 in Europe/Berlin: (2026-02-28T23:00Z, 2026-03-31T22:00Z], 743 hours.
  const slo = makeSlo({
    duration: '1M',
    calendar: ['2026-01-01 00:00:00', 'Europe/Berlin'],
    method: 'RatioTimeslices',
    objectives: [{ target: 0.999, timeSliceWindow: '1h' }],
  });
  const start = Date.parse('2026-02-28T23:00:00Z');
  const series = steady(743, 100, { 100: 50 }, start);
  const e = evaluateSlo({ slo, series, now: Date.parse('2026-04-01T00:00:00Z'), staleAfterMs: 3 * HOUR_MS }).objectives[0]!;

  it('evaluates the whole 743-hour month with its budget in minutes', () => {
    expect([e.window.from, e.window.to]).toEqual([start, Date.parse('2026-03-31T22:00:00Z')]);
    expect(e.attainment).toBeCloseTo(742.5 / 743, 12);
    expect(e.totals?.total).toBe(743);
    expect(e.errorBudget.minutes?.budget).toBeCloseTo(0.001 * 743 * 60, 9);
    expect(e.errorBudget.minutes?.consumed).toBeCloseTo(30, 9); // half of one 60-minute slice
    expect(e.noData).toEqual({ count: 0, unit: 'slices' });
    expect(e.sliceMs).toBe(HOUR_MS);
    expect(e.stale).toBe(false);
  });

  it('starts the next month afresh', () => {
    const april = steady(3, 100, {}, Date.parse('2026-03-31T22:00:00Z'));
    const next = evaluateSlo({
      slo,
      series: { ...series, time: [...series.time, ...april.time], good: [...series.good, ...april.good], total: [...series.total, ...april.total] },
      now: Date.parse('2026-04-01T01:00:00Z'),
    }).objectives[0]!;
    expect(next.window.from).toBe(Date.parse('2026-03-31T22:00:00Z'));
    expect(next.attainment).toBe(1);
    expect(next.totals?.total).toBe(3);
  });
});

describe('a composite SLO', () => {
  // Weights 3 and 1; targets 99 % and 90 %.
  const slo = makeSlo({
    name: 'journey',
    objectives: [
      { displayName: 'browse', target: 0.99, indicator: indicator('browse'), compositeWeight: 3 },
      { displayName: 'pay', target: 0.9, indicator: indicator('pay') },
    ],
  });
  // browse: 998/1000 good (consumed 0.2); pay: 950/1000 good (consumed 0.5).
  const browse = steady(10, 100, { 3: 2 });
  const pay = steady(10, 100, { 9: 50 });
  const result = evaluateSlo({ slo, series: [browse, pay], now: T0 + 10 * H });

  it('evaluates each objective on its own indicator', () => {
    expect(result.objectives.map((o) => [o.objective, o.attainment, o.errorBudget.consumed])).toEqual([
      ['browse', 0.998, expect.closeTo(0.2, 12)],
      ['pay', 0.95, expect.closeTo(0.5, 12)],
    ]);
  });

  it('combines them as the spec says for Occurrences: each weight multiplies the burn', () => {
    const c = result.composite!;
    expect(c.objective).toBe('composite');
    // Consumed: 3 × 0.2 + 1 × 0.5; each weight multiplies the missing part of the attainment too.
    expect(c.errorBudget.consumed).toBeCloseTo(3 * 0.2 + 0.5, 12);
    expect(c.errorBudget.remaining).toBeCloseTo(-0.1, 12);
    expect(c.attainment).toBeCloseTo(1 - (3 * 0.002 + 0.05), 12);
    expect(c.target).toBe(0.99); // the strictest, as the targets differ
    expect(c.status).toBe('exhausted');
    // 1 h burn: browse 0, pay 50 / (100 × 0.1) = 5 → 3 × 0 + 1 × 5.
    expect(c.burnRates['1h']!.value).toBeCloseTo(5, 12);
    expect(reportEntries(result).map((r) => r.objective)).toEqual(['browse', 'pay', 'composite']);
  });

  it('leaves an objective without data out of the combination', () => {
    const partial = evaluateSlo({ slo, series: [browse, undefined], now: T0 + 10 * H });
    expect(partial.composite!.errorBudget.consumed).toBeCloseTo(3 * 0.2, 12);
    expect(partial.stale).toBe(true);
  });
});

describe('policies and incidents in the evaluation', () => {
  it('applies only the policies that name the SLO and reports budget per incident', () => {
    const slo = makeSlo({ duration: '1d' });
    const series = steady(24, 100, { 23: 90 });
    const policies: PolicyInput[] = [
      { metadata: { name: 'mine' }, spec: { slos: ['checkout'], steps: [{ name: 'exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze'] }] } },
      { metadata: { name: 'theirs' }, spec: { slos: ['other'], steps: [{ name: 'x', when: { remainingBudgetBelow: 1 }, actions: ['y'] }] } },
    ];
    const incidents: Incident[] = [{ id: 'inc', started: T0 + 23 * H, detected: T0 + 23.5 * H, slos: ['checkout'] }];
    const result = evaluateSlo({ slo, series, policies, incidents, now: T0 + 24 * H });
    const e = result.objectives[0]!;
    expect(e.status).toBe('exhausted');
    expect(e.policies.map((p) => [p.name, p.inForce.map((s) => [s.step, (s.since - T0) / H])])).toEqual([['mine', [['exhausted', 24]]]]);
    // Impact from started to now (still open); the budget of a full day: 1 % of 2,400 events.
    expect(e.incidents).toEqual([
      {
        id: 'inc',
        started: T0 + 23 * H,
        end: T0 + 24 * H,
        resolved: false,
        intervals: [{ from: T0 + 23 * H, to: T0 + 24 * H }],
        referenceMs: DAY_MS,
        share: 90 / 24,
        baselineShare: 0,
      },
    ]);
    const [entry] = reportEntries(result);
    expect(entry!.policies).toEqual([
      {
        name: 'mine',
        inForce: [{ step: 'exhausted', since: '2026-01-02T00:00:00Z', sinceStartOfHistory: false, actions: ['freeze'] }],
        steps: [{ name: 'exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze'], inForce: true }],
      },
    ]);
    expect(entry!.backtest.incidents).toEqual([
      { id: 'inc', started: '2026-01-01T23:00:00Z', detected: '2026-01-01T23:30:00Z', alertAt: '2026-01-02T00:00:00Z', lead: -30 },
    ]);
  });
});

describe('performance', () => {
  it('evaluates 8 SLOs of 90 days of hourly data, with backtest and policies (speed: npm run bench)', () => {
    const n = 90 * 24;
    const bad: Record<number, number> = {};
    for (let i = 0; i < n; i += 97) bad[i] = (i % 7) * 20;
    const series = steady(n, 1000, bad);
    const policies: PolicyInput[] = [
      {
        metadata: { name: 'p' },
        spec: {
          slos: Array.from({ length: 8 }, (_, i) => `slo-${i}`),
          steps: [
            { name: 'risk', when: { remainingBudgetBelow: 0.9 }, actions: ['a'] },
            { name: 'burn', when: { burnRate: { above: 1, window: '6h' } }, actions: ['b'] },
            { name: 'p0', when: { incidentConsumedAbove: 0.01 }, actions: ['c'] },
          ],
        },
      },
    ];
    const incidents: Incident[] = Array.from({ length: 20 }, (_, i) => ({
      id: `i${i}`,
      started: T0 + i * 100 * H,
      resolved: T0 + (i * 100 + 3) * H,
      slos: ['slo-0', 'slo-3'],
    }));
    const methods = ['Occurrences', 'Timeslices', 'RatioTimeslices'] as const;
    let entries = 0;
    for (let i = 0; i < 8; i++) {
      const method = methods[i % 3]!;
      const slo = makeSlo({
        name: `slo-${i}`,
        duration: i % 2 ? '28d' : '1M',
        ...(i % 4 === 0 ? { calendar: ['2026-01-01 00:00:00', 'Europe/Berlin'] as const } : {}),
        method,
        objectives: [{ target: 0.999, ...(method === 'Occurrences' ? {} : { timeSliceWindow: '1h' as const, timeSliceTarget: 0.99 }) }],
      });
      entries += reportEntries(evaluateSlo({ slo, series, incidents, policies, now: T0 + n * H })).length;
    }
    expect(entries).toBe(8);
  });
});
