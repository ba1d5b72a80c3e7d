import { defineRule } from '../../core/rule.ts';
import { instantOf } from '../../core/time.ts';
import { dayDeadlineText, isOverdue, retrospectiveDeadline } from '../../domain/incidents/deadlines.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/retrospective-overdue',
    severity: 'warning',
    summary:
      "A resolved incident whose retrospective is not published after its due day: severities.<SEV>.retrospectiveDueDays after the day of resolution, in keel.yaml's timeZone (not checked on backfilled incidents, nor on those resolved before keel.yaml's retrospectivesFrom).",
    configurable: true,
    messages: {
      overdue: {
        text: 'the retrospective was due {due} ({dueDays} days after resolution for {severity}) and is {late}; its review is {status}',
        hint: 'hold the review and set review.status: published; keel.yaml severities.{severity}.retrospectiveDueDays sets the deadline',
      },
    },
  }),
  check({ index, now, report }) {
    const deadlines = deadlinesOf(index.settings?.data);
    for (const incident of incidentFacts(index)) {
      if (incident.severity === undefined) continue;
      const dueDays = deadlines.retrospectiveDueDays(incident.severity);
      const resolved = incident.resolved === undefined ? undefined : instantOf(incident.resolved);
      const deadline = retrospectiveDeadline(
        { resolved, backfilled: incident.backfilled, reviewStatus: incident.reviewStatus },
        dueDays,
        now,
        deadlines.zone,
        deadlines.retrospectivesFrom,
      );
      if (deadline === undefined || !isOverdue(deadline)) continue;
      // At the review status that must change; at `resolved` when the file has no review block (a draft by default).
      const root = incident.entry.locate([]);
      const status = incident.entry.locate(['review', 'status']);
      const place =
        status.line === root.line && status.column === root.column ? placeOf(incident.entry, ['resolved']) : { file: incident.entry.file, ...status };
      report(place, {
        message: 'overdue',
        data: { due: deadline.due, dueDays, severity: incident.severity, late: dayDeadlineText(deadline), status: incident.reviewStatus ?? 'draft' },
      });
    }
  },
});
