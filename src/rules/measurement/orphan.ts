import { didYouMean } from '../../core/suggest.ts';
import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, fileStart } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'measurement/orphan',
    severity: 'error',
    summary: 'A measurements file named after no SLO.',
    configurable: true,
    messages: {
      orphan: 'measurements belong to no SLO: no SLO is named "{id}"',
    },
  }),
  check({ index, report }) {
    const slos = new Set(index.collections.slos.map((e) => e.id));
    for (const series of index.measurements) {
      if (slos.has(series.id) || index.rejected?.slos?.has(series.id)) continue;
      const near = didYouMean(series.id, slos);
      report(fileStart(series.file), {
        message: 'orphan',
        data: { id: series.id },
        hint: near ? `did you mean ${near}.csv?` : 'name the file after the SLO: measurements/<slo metadata.name>.csv',
      });
    }
  },
});
