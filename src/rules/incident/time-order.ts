import { defineRule } from '../../core/rule.ts';
import { KEY_TIMES } from '../../schemas/incident.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/time-order',
    severity: 'error',
    summary: 'Key times out of order (started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved), compared as instants.',
    configurable: true,
    messages: {
      before: { text: '{name} ({value}) is before {previous} ({previousValue})', hint: `key times go ${KEY_TIMES.join(' ≤ ')}; check the date and the offset` },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      let previous: { name: string; value: string; time: number } | undefined;
      for (const name of KEY_TIMES) {
        const value = incident[name];
        if (value === undefined) continue;
        const time = Date.parse(value);
        if (previous && time < previous.time) {
          report(placeOf(incident.entry, [name]), { message: 'before', data: { name, value, previous: previous.name, previousValue: previous.value } });
        }
        previous = { name, value, time };
      }
    }
  },
});
