import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'policy/step-order',
    severity: 'warning',
    summary: 'Error-budget policy steps not ordered from mildest to most severe.',
    configurable: true,
    messages: {
      order: {
        text: 'step "{step}" holds at more remaining budget ({below}) than the step before it ({previous})',
        hint: 'order steps from mildest to most severe: remainingBudgetBelow should fall from step to step',
      },
    },
  }),
  check({ index, report }) {
    for (const policy of index.collections.errorBudgetPolicies) {
      let previous: number | undefined;
      policy.data.spec.steps.forEach((step, i) => {
        const below = step.when.remainingBudgetBelow;
        if (below === undefined) return;
        if (previous !== undefined && below > previous) {
          report(placeOf(policy, ['spec', 'steps', i, 'when', 'remainingBudgetBelow']), { message: 'order', data: { step: step.name, below, previous } });
        }
        previous = below;
      });
    }
  },
});
