import { defineRule } from '../../core/rule.ts';
import { utcMidnight } from '../../core/time.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'runbook/review-date',
    severity: 'error',
    summary: 'A runbook reviewed on a day in the future.',
    configurable: true,
    messages: {
      future: 'lastReviewed {lastReviewed} is in the future',
    },
  }),
  check({ index, now, report }) {
    for (const r of index.collections.runbooks) {
      if (utcMidnight(r.data.lastReviewed) > now) report(placeOf(r, ['lastReviewed']), { message: 'future', data: { lastReviewed: r.data.lastReviewed } });
    }
  },
});
