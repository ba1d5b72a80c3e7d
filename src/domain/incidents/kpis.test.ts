/** Incident KPIs of a period: distributions per severity, not recorded beside them, the overdue lists of `keel report`, communication. */
import { describe, expect, it } from 'vitest';
import { deadlinesOf } from '../../model/deadlines.ts';
import { keyDurationTargetsOf } from '../../model/key-time-targets.ts';
import type { Incident } from '../../schemas/incident.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import { incidentRecord } from './agenda.ts';
import { keyInstants } from './key-times.ts';
import { incidentKpis, type KpiIncident } from './kpis.ts';
import { period } from './periods.ts';

const settings = SettingsSchema.parse({
  organisation: { name: 'T', url: 'https://t.example' },
  timeZone: 'Europe/Amsterdam',
  severities: { SEV2: { timeToAction: '30m', retrospectiveDueDays: 5 } },
  publicUpdateCadence: '60m',
});
const targets = keyDurationTargetsOf(settings);
const deadlines = deadlinesOf(settings);
const now = Date.parse('2026-11-22T12:00:00+01:00');

function incident(id: string, fields: Partial<Incident> & Pick<Incident, 'started'>): KpiIncident {
  const data: Incident = {
    title: `Incident ${id}`,
    severity: 'SEV2',
    backfilled: false,
    services: [],
    slos: [],
    runbooks: [],
    impact: [],
    participants: { responders: [] },
    contributingFactors: [],
    followUps: [],
    review: { status: 'draft' },
    tags: [],
    ...fields,
  };
  return { ...incidentRecord(id, data), instants: keyInstants(data), detection: data.detection, targets: targets(data.severity) };
}

/** Six SEV2 incidents in November, acted on after 5, 10, 20, 40 and 90 minutes, one not acknowledged. */
const actedAfter = [5, 10, 20, 40, 90, undefined];
const sev2 = actedAfter.map((minutes, i) => {
  const started = `2026-11-0${i + 1}T10:00:00+01:00`;
  const detected = `2026-11-0${i + 1}T10:10:00+01:00`;
  const acknowledged = minutes === undefined ? undefined : new Date(Date.parse(detected) + minutes * 60_000).toISOString();
  return incident(`sev2-${i}`, {
    started,
    detected,
    ...(acknowledged && { acknowledged }),
    ...(i < 4 && { resolved: `2026-11-0${i + 1}T12:00:00+01:00` }),
    detection: i % 2 === 0 ? 'alert' : 'customer',
    review: { status: i === 0 ? 'published' : 'draft' },
    participants: { responders: [], ...(i === 1 && { commander: '@ada' }) },
  });
});
const withUpdates = incident('sev1', {
  severity: 'SEV1',
  started: '2026-10-10T10:00:00+02:00',
  detected: '2026-10-10T10:05:00+02:00',
  resolved: '2026-10-10T14:00:00+02:00',
  public: {
    title: 'x',
    actions: [],
    updates: [
      { at: '2026-10-10T10:20:00+02:00', status: 'investigating', body: 'a' },
      { at: '2026-10-10T11:50:00+02:00', body: 'b' }, // 90 min: late for 60m
      { at: '2026-10-10T12:20:00+02:00', status: 'monitoring', body: 'c' },
      { at: '2026-10-10T14:00:00+02:00', status: 'resolved', body: 'd' }, // 100 min: within the 2h monitoring cadence
    ],
  },
  followUps: [
    { id: 'F-1', title: 'unowned', due: '2026-11-01', status: 'open', type: 'prevent' },
    { id: 'F-2', title: 'owned', owner: '@bo', due: '2026-11-20', status: 'in-progress', type: 'prevent' },
    { id: 'F-3', title: 'done', owner: '@bo', status: 'done', type: 'detect' },
    { id: 'F-4', title: 'dropped', owner: '@bo', status: 'wont-do', type: 'detect' },
  ],
});
const beforePeriod = incident('old', {
  started: '2026-06-01T10:00:00+02:00',
  detected: '2026-06-01T10:01:00+02:00',
  acknowledged: '2026-06-01T23:00:00+02:00',
});
const all = [...sev2, withUpdates, beforePeriod];

describe('incident KPIs of a period', () => {
  const kpis = incidentKpis(all, period('last-90-days', now, deadlines.zone), { now, deadlines });
  const action = kpis.durations.find((d) => d.key === 'action')!;

  it('counts the incidents that started in the period, per month and severity', () => {
    expect(kpis.incidents).toBe(7);
    expect(kpis.severities).toEqual(['SEV1', 'SEV2']);
    expect(kpis.perMonth.map((m) => [m.month, m.counts.SEV1, m.counts.SEV2, m.total])).toEqual([
      ['2026-08', 0, 0, 0],
      ['2026-09', 0, 0, 0],
      ['2026-10', 1, 0, 1],
      ['2026-11', 0, 6, 6],
    ]);
  });

  it('time to action per severity: n, median and p90 (type 7), the share within target, outside target and not recorded', () => {
    const sev2Action = action.bySeverity.find((s) => s.severity === 'SEV2')!.figure;
    expect(sev2Action.n).toBe(5);
    expect(sev2Action.median).toBe(20 * 60_000);
    expect(sev2Action.p90).toBe((40 + 0.6 * 50) * 60_000);
    expect(sev2Action.target).toEqual({ text: '30m', ms: 30 * 60_000 });
    expect(sev2Action.withinTarget).toEqual({ count: 3, share: 0.6 });
    expect(sev2Action.outside.map((p) => p.item.id)).toEqual(['sev2-4', 'sev2-3']);
    expect(sev2Action.notRecorded.map((i) => i.id)).toEqual(['sev2-5']);
    // SEV1: acknowledged not recorded, so no point at all, and it is not a zero.
    expect(action.bySeverity.find((s) => s.severity === 'SEV1')!.figure).toMatchObject({ n: 0, points: [], notRecorded: [{ id: 'sev1' }] });
  });

  it('detection sources per severity, and communication: first update after detection, gaps within the cadence', () => {
    expect(kpis.detection.find((d) => d.severity === 'SEV2')!.figure.sources).toEqual([
      { source: 'alert', count: 3, share: 0.5 },
      { source: 'customer', count: 3, share: 0.5 },
    ]);
    expect(kpis.detection.find((d) => d.severity === 'SEV1')!.figure.notRecorded.map((i) => i.id)).toEqual(['sev1']);
    const sev1 = kpis.communication.find((c) => c.severity === 'SEV1')!.figure;
    expect(sev1.firstUpdate.points.map((p) => p.ms)).toEqual([15 * 60_000]);
    expect(sev1.withinCadence).toEqual({ count: 2, of: 3, share: 2 / 3 });
    expect(kpis.communication.find((c) => c.severity === 'SEV2')!.figure).toMatchObject({ internalOnly: 6, withinCadence: { of: 0, share: undefined } });
  });

  it("retrospective and follow-up completion, with keel report's overdue lists and their owners", () => {
    expect(kpis.retrospectives.bySeverity.find((r) => r.severity === 'SEV2')!.figure).toEqual({ count: 1, of: 4, share: 0.25 });
    expect(kpis.retrospectives.overdue.map((r) => [r.incident.id, r.incident.owner, r.deadline.due])).toEqual([
      ['sev1', undefined, '2026-10-15'],
      ['sev2-1', '@ada', '2026-11-07'],
      ['sev2-2', undefined, '2026-11-08'],
      ['sev2-3', undefined, '2026-11-09'],
    ]);
    expect(kpis.followUps.byType.map((t) => [t.type, t.done.count, t.done.of])).toEqual([
      ['prevent', 0, 2],
      ['mitigate', 0, 0],
      ['detect', 1, 1],
      ['process', 0, 0],
    ]);
    expect(kpis.followUps.overdue.map((f) => [f.followUp.id, f.followUp.owner, f.deadline?.daysLeft])).toEqual([
      ['F-1', undefined, -21],
      ['F-2', '@bo', -2],
    ]);
  });

  it('fewer than 5 incidents of a severity: n and the points, no percentile', () => {
    const sev1Detect = kpis.durations.find((d) => d.key === 'detect')!.bySeverity.find((s) => s.severity === 'SEV1')!.figure;
    expect(sev1Detect).toMatchObject({ n: 1, median: undefined, p90: undefined });
    expect(sev1Detect.points.map((p) => p.ms)).toEqual([5 * 60_000]);
  });

  it('an open incident awaits its mitigated and resolved times (still open), while a missing detected or acknowledged is not recorded', () => {
    const figure = (key: string) => kpis.durations.find((d) => d.key === key)!.bySeverity.find((s) => s.severity === 'SEV2')!.figure;
    // sev2-4 and sev2-5 are not resolved: open for time to resolve, neither a point nor not recorded.
    expect(figure('resolve')).toMatchObject({ n: 4, notRecorded: [] });
    expect(figure('resolve').open.map((i) => i.id)).toEqual(['sev2-4', 'sev2-5']);
    // sev2-5 is open but was never acknowledged: not recorded for time to action, whatever its state.
    expect(figure('action').open).toEqual([]);
    expect(figure('action').notRecorded.map((i) => i.id)).toEqual(['sev2-5']);
    // A resolved incident without a mitigated time is not recorded, not open.
    expect(figure('mitigate')).toMatchObject({ n: 0, notRecorded: [{ id: 'sev2-0' }, { id: 'sev2-1' }, { id: 'sev2-2' }, { id: 'sev2-3' }] });
  });

  it('retrospectivesFrom exempts incidents resolved before it from the completion, as from the overdue list', () => {
    const from = deadlinesOf(SettingsSchema.parse({ ...settings, retrospectivesFrom: '2026-11-03' }));
    const later = incidentKpis(all, period('last-90-days', now, from.zone), { now, deadlines: from });
    // sev2-0 (published) and sev2-1 were resolved on 1 and 2 November: only sev2-2 and sev2-3 are owed.
    expect(later.retrospectives.bySeverity.find((r) => r.severity === 'SEV2')!.figure).toEqual({ count: 0, of: 2, share: 0 });
    expect(later.retrospectives.overdue.map((r) => r.incident.id)).toEqual(['sev2-2', 'sev2-3']);
  });

  it('another period holds other incidents', () => {
    const thisYear = incidentKpis(all, period('this-year', now, deadlines.zone), { now, deadlines });
    expect(thisYear.incidents).toBe(8);
    const lastQuarter = incidentKpis(all, period('last-quarter', now, deadlines.zone), { now, deadlines });
    expect([lastQuarter.incidents, lastQuarter.severities]).toEqual([0, []]);
  });
});
