import { testRule } from '../../../tests/support/rule-tester.ts';
import stepOrder from './step-order.ts';

const policy = (a: number, b: number) => ({
  'slos/policy.yaml': `apiVersion: keel/v1\nkind: ErrorBudgetPolicy\nmetadata:\n  name: p\nspec:\n  slos: [api-latency]\n  steps:\n    - { name: first, when: { remainingBudgetBelow: ${a} }, actions: [a] }\n    - { name: second, when: { remainingBudgetBelow: ${b} }, actions: [b] }\n`,
});

// The policy names an SLO these folders do not define (ref/unknown): only step order is looked at.
testRule(stepOrder, {
  valid: [{ name: 'mildest first', files: policy(0.5, 0.25), otherErrors: true }],
  invalid: [
    {
      name: 'a later step at more budget',
      files: policy(0.25, 0.5),
      otherErrors: true,
      errors: ['slos/policy.yaml:9:53 warning step "second" holds at more remaining budget (0.5) than the step before it (0.25)'],
    },
  ],
});
