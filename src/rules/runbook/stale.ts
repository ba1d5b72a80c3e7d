import { defineRule } from '../../core/rule.ts';
import { reviewDeadline } from '../../domain/incidents/deadlines.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { runbookReviews } from '../runbook-reviews.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'runbook/stale',
    severity: 'warning',
    summary: 'A runbook not reviewed within runbookReviewInterval (keel.yaml).',
    configurable: true,
    messages: {
      stale: {
        text: 'runbook last reviewed {lastReviewed}, more than {interval} ago',
        hint: 'walk through it against the current system, fix what changed, and update lastReviewed',
      },
    },
  }),
  check({ index, now, report }) {
    const { runbookReviewInterval: interval } = deadlinesOf(index.settings?.data);
    for (const r of runbookReviews(index)) {
      const deadline = reviewDeadline(r.lastReviewed, interval.ms, now);
      if (deadline.lateMs > 0) {
        report(placeOf(r.entry, ['lastReviewed']), { message: 'stale', data: { lastReviewed: r.lastReviewed, interval: interval.text } });
      }
    }
  },
});
