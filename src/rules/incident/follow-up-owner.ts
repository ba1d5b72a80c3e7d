import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/follow-up-owner',
    severity: 'error',
    summary: 'An open follow-up of a published retrospective without an owner or a due date.',
    configurable: true,
    messages: {
      missing: {
        text: 'open follow-up "{id}" of a published retrospective has no {missing}',
        hint: 'every open action needs someone accountable and a date; add owner: and due:',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      if (incident.reviewStatus !== 'published') continue;
      for (const { index: i, followUp } of incident.followUps) {
        if (followUp.status === 'done' || followUp.status === 'wont-do') continue;
        const missing = (['owner', 'due'] as const).filter((f) => followUp[f] === undefined);
        if (missing.length > 0)
          report(placeOf(incident.entry, ['followUps', i]), { message: 'missing', data: { id: followUp.id, missing: missing.join(' or ') } });
      }
    }
  },
});
