import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

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
    const measured = new Set(index.measurements.filter((m) => m.series.time.length > 0).map((m) => m.id));
    // A folder without measurements keeps its SLI data elsewhere: nothing to say.
    if (index.measurements.length === 0) return;
    const slos = new Set(index.collections.slos.map((s) => s.id));
    for (const policy of index.collections.errorBudgetPolicies) {
      policy.data.spec.slos.forEach((slo, i) => {
        // An SLO that does not exist is ref/unknown's finding.
        if (!slos.has(slo) || measured.has(slo)) return;
        report(placeOf(policy, ['spec', 'slos', i]), { message: 'noData', data: { policy: policy.id, slo } });
      });
    }
  },
});
