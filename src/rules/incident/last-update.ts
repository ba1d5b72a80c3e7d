import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/last-update',
    severity: 'error',
    summary: 'The status after the last public update and the resolved time disagree about whether the incident is over.',
    configurable: true,
    messages: {
      notResolved: {
        text: 'the incident is resolved but its last public update is "{status}"',
        hint: 'add a final public update with status: resolved telling customers it is over',
      },
      noResolvedTime: {
        text: 'the last public update says "resolved" but the incident has no resolved time',
        hint: 'set resolved: to when the incident was closed',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const last = incident.updates.at(-1);
      // Without a status in force (none written, or a malformed one) there is nothing to compare.
      if (!last?.effective) continue;
      // Positions cost a second parse of the file: ask for one only to report.
      const place = () => placeOf(incident.entry, ['public', 'updates', last.index, last.status === undefined ? 'at' : 'status']);
      if (incident.resolved !== undefined && last.effective !== 'resolved') report(place(), { message: 'notResolved', data: { status: last.effective } });
      if (incident.resolved === undefined && last.effective === 'resolved') report(place(), { message: 'noResolvedTime' });
    }
  },
});
