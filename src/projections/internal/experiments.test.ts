import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../../rules/validate.ts';
import { experimentSummary, experimentView, runWindow } from './experiments.ts';
import { measuredSlosOf } from './slo-periods.ts';

const SAMPLE = fileURLToPath(new URL('../../../content', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');

describe('experiments on the sample content', async () => {
  const { index } = await validateContent(SAMPLE, { cwd: SAMPLE, now: NOW });
  const slos = measuredSlosOf(index);
  const experiment = (id: string) => index.collections.experiments.find((e) => e.id === id)!;

  it('reads a breach of the steady state from the data (the zone drain: login success fell below its 99.5 % target)', () => {
    const drain = experimentView(experiment('api-gateway-zone-drain'), slos);
    expect(drain.run).toEqual({ from: Date.parse('2026-10-28T10:05:00Z'), to: Date.parse('2026-10-28T10:50:00Z'), assumedEnd: false });
    // The one hourly row the 45 minutes touched, read from the CSV: 2026-10-28T11:00:00Z,8489,8594.
    const row = readFileSync(`${SAMPLE}/measurements/login-success.csv`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('2026-10-28T11:00:00Z'))!;
    const [, good, total] = row.split(',').map(Number);
    expect(drain.steadyState.objectives[0]!.attainment).toBeCloseTo(good! / total!, 12);
    expect(drain.verdict).toBe('breached');
    expect(drain.contradiction).toBeUndefined(); // its record says the hypothesis did not hold
    expect(drain.timeToKnow?.text).toBe('6 min (target 5 min: missed)');
    expect(drain.timeToDetection?.text).toBe('19 min (target 5 min: missed)');
    expect(drain.steadyState.rows.map((r) => new Date(r.time).toISOString().slice(11, 16))).toEqual(['08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
  });

  it('says so from the data when the record claims the hypothesis held', () => {
    const drain = experiment('api-gateway-zone-drain');
    const claimed = { ...drain, data: { ...drain.data, results: { ...drain.data.results!, hypothesisHeld: true } } };
    const view = experimentView(claimed, slos);
    expect(view.verdict).toBe('breached');
    expect(view.contradiction).toBe('recorded as held, but the steady state breached: login-success 98.78 % during the run (target 99.5 %)');
  });

  it('holds where the data stayed within target', () => {
    const email = experimentView(experiment('email-provider-latency'), slos);
    expect(email.verdict).toBe('held');
    expect(email.timeToDetection?.text).toBe('9 min');
  });

  it('summarises every experiment by game day', () => {
    const summary = experimentSummary(index.collections.experiments, slos);
    expect(summary.flatMap((d) => d.experiments.map((e) => e.id)).sort()).toEqual(index.collections.experiments.map((e) => e.id).sort());
    const day = summary.find((d) => d.gameDay === '2026-q4-chaos-day')!;
    expect(day.experiments.map((e) => e.id)).toEqual(['accounts-db-replica-failover', 'api-gateway-zone-drain', 'email-provider-latency']);
    expect(day.counts.breached).toBeGreaterThanOrEqual(1);
  });
});

describe('the run window and the verdict without data', () => {
  const base = experimentViewInput();
  it('takes an hour from executedAt when endedAt is missing, or not after it', () => {
    expect(runWindow({ ...base.data, executedAt: '2026-10-28T10:00:00Z' })).toEqual({
      from: Date.parse('2026-10-28T10:00:00Z'),
      to: Date.parse('2026-10-28T11:00:00Z'),
      assumedEnd: true,
    });
    expect(runWindow({ ...base.data, executedAt: '2026-10-28T10:00:00Z', endedAt: '2026-10-28T09:00:00Z' })?.assumedEnd).toBe(true);
    expect(runWindow(base.data)).toBeUndefined();
  });
  it('is not-run while planned, no-data without measurements', () => {
    expect(experimentView(base, new Map()).verdict).toBe('not-run');
    const executed = {
      ...base,
      data: {
        ...base.data,
        status: 'executed' as const,
        executedAt: '2026-10-28T10:00:00Z',
        results: { timeToKnow: '2m', timeToDetection: '3m', blackBoxAlertsFired: true, hypothesisHeld: true },
      },
    };
    expect(experimentView(executed, new Map()).verdict).toBe('no-data');
    expect(experimentView(executed, new Map()).contradiction).toBeUndefined();
  });
});

function experimentViewInput() {
  return {
    id: 'pod-kill',
    data: {
      title: 'Kill a pod',
      gameDay: 'gd',
      status: 'planned' as const,
      services: ['api'],
      hypothesis: 'h',
      steadyState: { slo: 'api-availability' },
      method: 'm',
      blastRadius: 'b',
      backOutPlan: 'p',
      roles: { driver: 'a', recorder: 'b', commander: 'c' },
      riskPoll: [],
      findings: [],
      followUps: [],
    },
  };
}
