import { defineRule } from '../../core/rule.ts';
import { instantOf, formatDuration } from '../../core/time.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'experiment/run-window',
    severity: 'error',
    summary: 'An experiment that ends before it starts, or has an end without a start: its steady state cannot be measured.',
    configurable: true,
    messages: {
      order: {
        text: 'endedAt ({endedAt}) is not after executedAt ({executedAt})',
        hint: 'the steady-state SLO is read from executedAt to endedAt; check the date and the offset',
      },
      noStart: { text: 'endedAt without executedAt', hint: 'record when the fault was injected (executedAt), or remove endedAt' },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.experiments) {
      const { executedAt, endedAt } = entry.data;
      if (endedAt === undefined) continue;
      if (executedAt === undefined) {
        report(placeOf(entry, ['endedAt']), { message: 'noStart' });
        continue;
      }
      const lengthMs = instantOf(endedAt) - instantOf(executedAt);
      if (lengthMs > 0) continue;
      report(placeOf(entry, ['endedAt']), {
        message: 'order',
        data: { endedAt, executedAt },
        hint: lengthMs < 0 ? `it ends ${formatDuration(-lengthMs)} before it starts: check the date and the offset` : undefined,
      });
    }
  },
});
