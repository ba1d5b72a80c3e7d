import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { policyFacts, sloNames } from '../slo-facts.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'policy/no-data',
    severity: 'warning',
    summary:
      'An error-budget policy governing an SLO that has no measurements while others have: its steps can never hold (a folder with no measurements at all keeps them elsewhere, and is not warned).',
    configurable: true,
    messages: {
      noData: {
        text: 'policy "{policy}" governs SLO "{slo}", which has no valid measurements: it is reported as no data and no step can hold',
        hint: 'add measurements/{slo}.csv (keel pull, or by hand), or take the SLO out of the policy',
      },
    },
  }),
  check({ index, report }) {
    // A folder without measurements keeps its SLI data elsewhere: nothing to say.
    if (index.measurements.length === 0) return;
    const measured = new Set(index.measurements.filter((m) => m.series.time.length > 0).map((m) => m.id));
    // SLOs and policies as written (src/rules/slo-facts.ts): a schema error in either hides nothing.
    const slos = sloNames(index);
    for (const policy of policyFacts(index)) {
      for (const { index: i, slo } of policy.slos) {
        // An SLO that does not exist is ref/unknown's finding.
        if (!slos.has(slo) || measured.has(slo)) continue;
        report(placeOf(policy.entry, ['spec', 'slos', i]), { message: 'noData', data: { policy: policy.id, slo } });
      }
    }
  },
});
