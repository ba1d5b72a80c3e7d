import { defineRule } from '../../core/rule.ts';
import { dayDeadlineText, followUpDeadline, isOverdue } from '../../domain/incidents/deadlines.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/follow-up-overdue',
    severity: 'warning',
    summary: "An open or in-progress follow-up past its due date: overdue from the day after `due`, in keel.yaml's timeZone.",
    configurable: true,
    messages: {
      overdue: {
        text: 'follow-up "{id}" was due {due} and is {late} ({status})',
        hint: 'finish it and set status: done, agree a new due date, or close it as wont-do with the reason in the retrospective',
      },
    },
  }),
  check({ index, now, report }) {
    const { zone } = deadlinesOf(index.settings?.data);
    for (const incident of incidentFacts(index)) {
      for (const { index: i, followUp } of incident.followUps) {
        const deadline = followUpDeadline(followUp, now, zone);
        if (deadline === undefined || !isOverdue(deadline)) continue;
        report(placeOf(incident.entry, ['followUps', i, 'due']), {
          message: 'overdue',
          data: { id: followUp.id, due: deadline.due, late: dayDeadlineText(deadline), status: followUp.status },
        });
      }
    }
  },
});
