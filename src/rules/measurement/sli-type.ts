import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, fileStart } from '../rule.ts';
import { metricOf, sloFacts, type SloFacts } from '../slo-facts.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'measurement/sli-type',
    severity: 'error',
    summary: "Measurements of the wrong type for their SLO's SLI (ratio rows for a threshold SLI, or the reverse).",
    configurable: true,
    messages: {
      ratioSli: { text: 'SLO "{slo}" has a ratioMetric SLI but these are {got} measurements', hint: 'use the header timestamp,good,total' },
      thresholdSli: { text: 'SLO "{slo}" has a thresholdMetric SLI but these are {got} measurements', hint: 'use the header timestamp,value' },
    },
  }),
  check({ index, report }) {
    if (index.measurements.length === 0) return;
    // SLOs as written (src/rules/slo-facts.ts): a schema error elsewhere in the SLO or its SLI hides nothing.
    const slos = new Map<string, SloFacts>();
    for (const slo of sloFacts(index)) if (!slos.has(slo.id)) slos.set(slo.id, slo);
    for (const series of index.measurements) {
      const slo = slos.get(series.id);
      const expected = slo && metricOf(index, slo.sli);
      if (!expected || series.series.type === expected) continue;
      report(fileStart(series.file), { message: expected === 'ratio' ? 'ratioSli' : 'thresholdSli', data: { slo: series.id, got: series.series.type } });
    }
  },
});
