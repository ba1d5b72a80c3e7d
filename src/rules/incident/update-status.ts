import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-status',
    severity: 'error',
    summary: 'A "resolved" public update that is not the last one, or a first update without a status.',
    configurable: true,
    messages: {
      resolvedEarly: 'only the last public update may be "resolved"',
      firstWithoutStatus: {
        text: 'public update 1 has no status',
        hint: 'the first update sets the status customers see (investigating, identified, monitoring or resolved); later updates without one keep it',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const { updates } = incident;
      const first = updates[0];
      // A first update whose status is malformed is the schema's finding, not this one.
      if (first && !first.statusWritten) {
        report(placeOf(incident.entry, ['public', 'updates', 0]), { message: 'firstWithoutStatus' });
      }
      for (const update of updates) {
        if (update.status === 'resolved' && update.index < updates.length - 1) {
          report(placeOf(incident.entry, ['public', 'updates', update.index, 'status']), { message: 'resolvedEarly' });
        }
      }
    }
  },
});
