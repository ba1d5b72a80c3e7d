import { defineRule } from '../../core/rule.ts';
import { utcMidnight } from '../../core/time.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { runbookReviews } from '../runbook-reviews.ts';

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
    for (const r of runbookReviews(index)) {
      if (utcMidnight(r.lastReviewed) > now) report(placeOf(r.entry, ['lastReviewed']), { message: 'future', data: { lastReviewed: r.lastReviewed } });
    }
  },
});
