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

  it("takes structured actions beside free text: freeze (services default to the SLO's), pager, require", () => {
    const step = {
      name: 'Budget exhausted',
      when: { remainingBudgetBelow: 0 },
      actions: [
        { freeze: 'features' },
        { freeze: 'all', services: ['payments'] },
        { pager: 'developers' },
        { require: 'retrospective-p0' },
        'The next sprint is reliability work.',
      ],
    };
    expect(ErrorBudgetPolicySchema.parse(withSteps([step])).spec.steps[0]!.actions).toEqual(step.actions);
  });

  it('an unknown structured action is policy/action, at its key, with the known actions as the hint', () => {
    const step = (actions: unknown[]) => withSteps([{ name: 'x', when: { remainingBudgetBelow: 0 }, actions }]);
    expect(problems(ErrorBudgetPolicySchema, step([{ frezee: 'features' }]))).toEqual([
      'policy/action unknown action "frezee" | did you mean "freeze"? the structured actions are freeze (releases, features or all; services: [ids]), pager: developers and require: retrospective-p0; anything else is free text: quote it',
    ]);
    expect(problems(ErrorBudgetPolicySchema, step([{ rollback: true }])).map((p) => p.split(' | ')[1])).toEqual([
      'the structured actions are freeze (releases, features or all; services: [ids]), pager: developers and require: retrospective-p0; anything else is free text: quote it',
    ]);
    expect(problems(ErrorBudgetPolicySchema, step([{ freeze: 'feature' }, { pager: 'sre' }, { require: 'postmortem' }]))).toEqual([
      'schema/enum spec.steps[0].actions[0].freeze must be one of releases, features, all (got "feature") | did you mean "features"?',
      'schema/enum spec.steps[0].actions[1].pager must be "developers" (got "sre") | developers: the pager goes back to the development team while the step holds (the SRE practice when the budget is exhausted)',
      'schema/enum spec.steps[0].actions[2].require must be "retrospective-p0" (got "postmortem") | retrospective-p0: an incident\'s retrospective needs at least one P0 follow-up (the SRE Workbook\'s rule; policy/incident-p0 checks it)',
    ]);
    expect(problems(ErrorBudgetPolicySchema, step([{ freeze: 'all', pager: 'developers' }, { services: ['api'] }, {}])).map((p) => p.split(' | ')[0])).toEqual([
      'policy/action one action per item: freeze, pager are in the same item',
      'policy/action services belongs to a freeze',
      'policy/action an action needs freeze, pager or require',
    ]);
  });

  it("incidentConsumedAbove is a share of the SLO window's budget, or { share, of } (the Workbook's four weeks)", () => {
    const step = (incidentConsumedAbove: unknown) =>
      withSteps([{ name: 'Big incident', when: { incidentConsumedAbove }, actions: [{ require: 'retrospective-p0' }] }]);
    expect(ErrorBudgetPolicySchema.parse(step({ share: 0.2, of: '4w' })).spec.steps[0]!.when.incidentConsumedAbove).toEqual({ share: 0.2, of: '4w' });
    expect(problems(ErrorBudgetPolicySchema, step({ share: 2, of: 'four weeks' })).map((p) => p.split(' | ')[0])).toEqual([
      'schema/range spec.steps[0].when.incidentConsumedAbove.share must be at most 1 (got 2)',
      'schema/duration spec.steps[0].when.incidentConsumedAbove.of must be a duration like 5m, 1h, 28d (got "four weeks")',
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
