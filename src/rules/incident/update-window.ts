import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-window',
    severity: 'error',
    summary: 'A public update posted before the incident started, or after it was resolved (unless the incident is backfilled).',
    configurable: true,
    messages: {
      outside: {
        text: 'public update {number} ({at}) is outside the incident ({started} to {resolved})',
        hint: 'updates are posted between started and resolved',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      if (incident.started === undefined) continue;
      const started = Date.parse(incident.started);
      // A backfilled incident was written up after the fact: its updates may postdate resolution.
      const resolved = incident.resolved && !incident.backfilled ? Date.parse(incident.resolved) : undefined;
      for (const update of incident.updates) {
        if (update.at === undefined) continue;
        const time = Date.parse(update.at);
        if (time < started || (resolved !== undefined && time > resolved)) {
          report(placeOf(incident.entry, ['public', 'updates', update.index, 'at']), {
            message: 'outside',
            data: { number: update.index + 1, at: update.at, started: incident.started, resolved: incident.resolved ?? 'now' },
          });
        }
      }
    }
  },
});
