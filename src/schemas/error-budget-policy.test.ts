import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { ErrorBudgetPolicySchema, KEEL_API_VERSION } from './error-budget-policy.ts';

const policy = {
  apiVersion: 'keel/v1',
  kind: 'ErrorBudgetPolicy',
  metadata: { name: 'api-policy' },
  spec: {
    slos: ['api-availability'],
    steps: [
      { name: 'Budget at risk', when: { remainingBudgetBelow: 0.5 }, actions: ['Review in planning'] },
      { name: 'Fast burn', when: { burnRate: { above: 6, window: '1h' } }, actions: ['Page the team'] },
      { name: 'Spent and burning', when: { remainingBudgetBelow: 0, burnRate: { above: 1, window: '6h' } }, actions: ['Freeze releases'] },
    ],
  },
};
const withSteps = (steps: unknown[]) => ({ ...policy, spec: { ...policy.spec, steps } });

describe('ErrorBudgetPolicySchema', () => {
  it('accepts a policy and defaults approvers', () => {
    expect(KEEL_API_VERSION).toBe('keel/v1');
    expect(ErrorBudgetPolicySchema.parse(policy)).toEqual({ ...policy, spec: { ...policy.spec, approvers: [] } });
  });

  it('a step needs a condition (policy/step-condition)', () => {
    expect(problems(ErrorBudgetPolicySchema, withSteps([{ name: 'Always', when: {}, actions: ['Panic'] }]))).toEqual([
      'policy/step-condition a step needs remainingBudgetBelow, burnRate, incidentConsumedAbove or a combination | e.g. remainingBudgetBelow: 0.25, or burnRate: { above: 6, window: 1h }',
    ]);
  });

  it('reports a step without a condition beside malformed fields of the same step (each field it reads is a condition)', () => {
    expect(problems(ErrorBudgetPolicySchema, withSteps([{ name: 5, when: {}, actions: 'panic' }])).map((p) => p.split(' | ')[0])).toEqual([
      'schema/type spec.steps[0].name must be text (got 5)',
      'policy/step-condition a step needs remainingBudgetBelow, burnRate, incidentConsumedAbove or a combination',
      'schema/type spec.steps[0].actions must be a list (got "panic")',
    ]);
  });

  it('accepts incidentConsumedAbove alone, as a share 0..1', () => {
    const step = { name: 'Big incident', when: { incidentConsumedAbove: 0.2 }, actions: ['Retrospective with a P0 follow-up'] };
    expect(problems(ErrorBudgetPolicySchema, withSteps([step]))).toEqual([]);
    expect(problems(ErrorBudgetPolicySchema, withSteps([{ ...step, when: { incidentConsumedAbove: 20 } }]))).toEqual([
      'schema/range spec.steps[0].when.incidentConsumedAbove must be at most 1 (got 20)',
    ]);
  });

  it('checks ranges, windows and actions', () => {
    expect(
      problems(ErrorBudgetPolicySchema, withSteps([{ name: 'x', when: { remainingBudgetBelow: 25, burnRate: { above: 0, window: '60 min' } }, actions: [] }])),
    ).toEqual([
      'schema/range spec.steps[0].when.remainingBudgetBelow must be at most 1 (got 25)',
      'schema/range spec.steps[0].when.burnRate.above must be greater than 0 (got 0)',
      'schema/duration spec.steps[0].when.burnRate.window must be a duration like 5m, 1h, 28d (got "60 min") | use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
      'schema/range spec.steps[0].actions must have at least 1 item',
    ]);
  });

  it('needs at least one SLO and one step, and the keel/v1 apiVersion', () => {
    expect(problems(ErrorBudgetPolicySchema, { ...policy, apiVersion: 'openslo/v1', spec: { slos: [], steps: [] } })).toEqual([
      'schema/enum apiVersion must be "keel/v1" (got "openslo/v1") | Always keel/v1',
      'schema/range spec.slos must have at least 1 item',
      'schema/range spec.steps must have at least 1 item',
    ]);
  });

  it('checks metadata keys here too', () => {
    expect(problems(ErrorBudgetPolicySchema, { ...policy, metadata: { name: 'p', labels: { 'x-': 'y' }, annotations: { 'example.com/x': 'y' } } })).toEqual([
      'openslo/metadata-key label key "x-" is not valid | a label key has at most 63 characters, begins and ends with a letter or digit, and has only letters, digits, -, _ and . between',
    ]);
  });
});
