/**
 * op and value against the SLI of a referenced (indicatorRef) SLI: inline SLIs are checked by
 * the schema with the same rule (src/schemas/openslo.ts), referenced ones only once all files
 * are read. Both sides as written (src/rules/slo-facts.ts): a schema error elsewhere in the SLO
 * or the SLI hides nothing.
 */
import { checkObjectiveAgainstSli } from '../../schemas/openslo.ts';
import { OPENSLO_OBJECTIVE_OP } from '../../schemas/rules.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { metricOf, sloFacts } from '../slo-facts.ts';

export default defineIndexRule({
  meta: OPENSLO_OBJECTIVE_OP,
  check({ index, report }) {
    for (const slo of sloFacts(index)) {
      for (const objective of slo.objectives) {
        if (objective.sli.inline) continue;
        const metric = metricOf(index, objective.sli);
        if (!metric) continue;
        checkObjectiveAgainstSli(objective.written, metric, (rule, message, { data, path = [] } = {}) => {
          if (rule !== OPENSLO_OBJECTIVE_OP) return;
          report(placeOf(slo.entry, ['spec', 'objectives', objective.index, ...path]), {
            message: message as keyof typeof OPENSLO_OBJECTIVE_OP.messages,
            ...(data ? { data } : {}),
          });
        });
      }
    }
  },
});
