/**
 * One objective per SLO whose own SLI is a thresholdMetric named by indicatorRef: an inline SLI
 * is checked by the schema with the same rule (src/schemas/openslo.ts), a referenced one only
 * once all files are read. Both sides as written (src/rules/slo-facts.ts).
 */
import { extraObjectivesOnSloSli } from '../../schemas/openslo.ts';
import { OPENSLO_THRESHOLD_OBJECTIVES } from '../../schemas/rules.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { metricOf, sloFacts } from '../slo-facts.ts';

export default defineIndexRule({
  meta: OPENSLO_THRESHOLD_OBJECTIVES,
  check({ index, report }) {
    for (const slo of sloFacts(index)) {
      const extra = new Set(extraObjectivesOnSloSli(slo.objectives.map((o) => o.written)).map((i) => slo.objectives[i]!.index));
      for (const objective of slo.objectives) {
        if (!extra.has(objective.index) || objective.sli.inline || metricOf(index, objective.sli) !== 'threshold') continue;
        report(placeOf(slo.entry, ['spec', 'objectives', objective.index]), { message: 'second' });
      }
    }
  },
});
