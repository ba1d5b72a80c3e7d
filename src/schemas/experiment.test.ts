import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { ExperimentSchema } from './experiment.ts';

const planned = {
  title: 'Kill an API pod',
  gameDay: '2026-q4-chaos-day',
  status: 'planned',
  services: ['api'],
  hypothesis: 'Killing one pod does not breach the SLO.',
  steadyState: { slo: 'api-availability' },
  method: 'Delete one pod every 5 minutes.',
  blastRadius: 'One of six pods.',
  backOutPlan: 'Stop the loop.',
  roles: { driver: '@ana', recorder: '@ben', commander: '@cem' },
};
const results = { timeToKnow: '2m', timeToDetection: '1m', blackBoxAlertsFired: false, hypothesisHeld: true };

describe('ExperimentSchema', () => {
  it('accepts a planned experiment and fills in the defaults', () => {
    expect(ExperimentSchema.parse(planned)).toEqual({ ...planned, riskPoll: [], findings: [], followUps: [] });
  });

  it('accepts an executed experiment with executedAt and results', () => {
    const executed = { ...planned, status: 'executed', executedAt: '2026-11-10T14:00:00Z', results };
    expect(ExperimentSchema.parse(executed)).toMatchObject(executed);
  });

  it('accepts the run window and the detection targets', () => {
    const timed = { ...planned, executedAt: '2026-11-10T14:00:00Z', endedAt: '2026-11-10T14:30:00Z', targets: { timeToKnow: '5m', timeToDetection: '10m' } };
    expect(ExperimentSchema.parse(timed)).toMatchObject(timed);
  });

  it('an executed experiment needs executedAt and results (experiment/results, on status)', () => {
    for (const missing of [{ results }, { executedAt: '2026-11-10T14:00:00Z' }, {}]) {
      const result = ExperimentSchema.safeParse({ ...planned, status: 'executed', ...missing });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => [i.path, (i as { params?: { rule?: string } }).params?.rule])).toEqual([[['status'], 'experiment/results']]);
    }
    expect(problems(ExperimentSchema, { ...planned, status: 'executed' })).toEqual([
      'experiment/results an executed experiment needs executedAt and results | record when it ran and timeToKnow, timeToDetection, blackBoxAlertsFired, hypothesisHeld',
    ]);
  });

  it('a planned or aborted experiment may have no results', () => {
    expect(problems(ExperimentSchema, { ...planned, status: 'aborted' })).toEqual([]);
  });

  it('measures times as durations', () => {
    expect(
      problems(ExperimentSchema, {
        ...planned,
        status: 'executed',
        executedAt: '2026-11-10T14:00:00Z',
        results: { ...results, timeToKnow: '90s', blackBoxAlertsFired: 'no' },
      }),
    ).toEqual([
      'schema/duration results.timeToKnow must be a duration like 5m, 1h, 28d (got "90s") | use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
      'schema/type results.blackBoxAlertsFired must be true or false (got "no")',
    ]);
  });

  it('needs roles and the steady-state SLO', () => {
    expect(problems(ExperimentSchema, { ...planned, roles: { driver: '@ana' }, steadyState: {} })).toEqual([
      'schema/required steadyState.slo is required | add slo — the SLO that defines normal',
      'schema/required roles.recorder is required | add recorder — keeps the timeline',
      'schema/required roles.commander is required | add commander — can call it off',
    ]);
  });
});
