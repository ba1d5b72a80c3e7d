import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/key-times',
    severity: 'error',
    summary: 'A resolved incident without the time its impact was mitigated.',
    configurable: true,
    messages: {
      mitigated: { text: 'a resolved incident needs mitigated', hint: 'mitigated is when customer impact stopped; it may equal resolved' },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      if (incident.resolved !== undefined && incident.mitigated === undefined) report(placeOf(incident.entry, ['resolved']), { message: 'mitigated' });
    }
  },
});
