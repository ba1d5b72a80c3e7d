/**
 * op and value against the SLI of a referenced (indicatorRef) SLI: inline SLIs are checked by
 * the schema with the same rule (src/schemas/openslo.ts), referenced ones only once all files
 * are read.
 */
import { checkObjectiveAgainstSli } from '../../schemas/openslo.ts';
import { OPENSLO_OBJECTIVE_OP } from '../../schemas/rules.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { sliSpecOf } from '../slo-sli.ts';

export default defineIndexRule({
  meta: OPENSLO_OBJECTIVE_OP,
  check({ index, report }) {
    for (const slo of index.collections.slos) {
      slo.data.spec.objectives.forEach((objective, i) => {
        if (objective.indicator ?? slo.data.spec.indicator) return;
        const sli = sliSpecOf(index, slo, i);
        if (!sli) return;
        checkObjectiveAgainstSli(objective, sli, (rule, message, { data, path = [] } = {}) => {
          if (rule !== OPENSLO_OBJECTIVE_OP) return;
          report(placeOf(slo, ['spec', 'objectives', i, ...path]), {
            message: message as keyof typeof OPENSLO_OBJECTIVE_OP.messages,
            ...(data ? { data } : {}),
          });
        });
      });
    }
  },
});
