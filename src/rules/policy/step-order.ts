import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { policyFacts } from '../slo-facts.ts';

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
    // Policies as written (src/rules/slo-facts.ts): a schema error elsewhere in the policy hides nothing.
    for (const policy of policyFacts(index)) {
      let previous: number | undefined;
      for (const step of policy.steps) {
        const below = step.remainingBudgetBelow;
        if (below === undefined) continue;
        // A step without a well-formed name is compared, but not named in a finding (the schema reports the name).
        if (previous !== undefined && below > previous && step.name !== undefined) {
          report(placeOf(policy.entry, ['spec', 'steps', step.index, 'when', 'remainingBudgetBelow']), {
            message: 'order',
            data: { step: step.name, below, previous },
          });
        }
        previous = below;
      }
    }
  },
});
