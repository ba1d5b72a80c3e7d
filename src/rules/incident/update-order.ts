import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-order',
    severity: 'error',
    summary: 'Public updates not listed oldest first.',
    configurable: true,
    messages: {
      earlier: { text: 'public update {number} ({at}) is earlier than the one before it', hint: 'list public updates oldest first' },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      let previous: number | undefined;
      for (const update of incident.updates) {
        if (update.at === undefined) continue;
        const time = Date.parse(update.at);
        if (previous !== undefined && time < previous) {
          report(placeOf(incident.entry, ['public', 'updates', update.index, 'at']), { message: 'earlier', data: { number: update.index + 1, at: update.at } });
        }
        previous = time;
      }
    }
  },
});
