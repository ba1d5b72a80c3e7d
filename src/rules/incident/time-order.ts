import { defineRule } from '../../core/rule.ts';
import { KEY_TIMES, type Incident } from '../../schemas/incident.ts';
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
    for (const entry of index.collections.incidents) {
      let previous: { name: string; time: number } | undefined;
      for (const name of KEY_TIMES) {
        const value = entry.data[name];
        if (value === undefined) continue;
        const time = Date.parse(value);
        if (previous && time < previous.time) {
          const previousValue = entry.data[previous.name as keyof Incident] as string;
          report(placeOf(entry, [name]), { message: 'before', data: { name, value, previous: previous.name, previousValue } });
        }
        previous = { name, time };
      }
    }
  },
});
