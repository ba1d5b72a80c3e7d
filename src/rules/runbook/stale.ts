import { defineRule } from '../../core/rule.ts';
import { durationMs, utcMidnight } from '../../core/time.ts';
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
    const interval = index.settings?.data.runbookReviewInterval ?? '90d';
    for (const r of runbookReviews(index)) {
      if (now - utcMidnight(r.lastReviewed) > durationMs(interval)) {
        report(placeOf(r.entry, ['lastReviewed']), { message: 'stale', data: { lastReviewed: r.lastReviewed, interval } });
      }
    }
  },
});
