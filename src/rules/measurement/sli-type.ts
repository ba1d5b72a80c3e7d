import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, fileStart } from '../rule.ts';
import { sliSpecOf } from '../slo-sli.ts';

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
    const slos = new Map(index.collections.slos.map((s) => [s.id, s]));
    for (const series of index.measurements) {
      const slo = slos.get(series.id);
      const sli = slo && sliSpecOf(index, slo);
      if (!sli) continue;
      const expected = sli.ratioMetric ? 'ratio' : 'threshold';
      if (series.series.type === expected) continue;
      report(fileStart(series.file), { message: expected === 'ratio' ? 'ratioSli' : 'thresholdSli', data: { slo: series.id, got: series.series.type } });
    }
  },
});
