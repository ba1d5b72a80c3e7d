import { defineRule } from '../../core/rule.ts';
import { durationMs } from '../../core/time.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-cadence',
    severity: 'warning',
    summary: 'A gap between public updates of an open incident longer than publicUpdateCadence (not checked on backfilled incidents).',
    configurable: true,
    messages: {
      gap: {
        text: 'public update {number} came {minutes} min after the one before it; the cadence is {cadence}',
        hint: 'customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed',
      },
    },
  }),
  check({ index, report }) {
    const cadenceText = index.settings?.data.publicUpdateCadence ?? '60m';
    const cadence = durationMs(cadenceText);
    for (const incident of incidentFacts(index)) {
      if (incident.backfilled) continue;
      const resolved = incident.resolved ? Date.parse(incident.resolved) : undefined;
      let previous: number | undefined;
      for (const update of incident.updates) {
        if (update.at === undefined) continue;
        const time = Date.parse(update.at);
        // An update posted before the one above it is incident/update-order's finding.
        if (previous !== undefined && time >= previous && time - previous > cadence && (resolved === undefined || previous < resolved)) {
          report(placeOf(incident.entry, ['public', 'updates', update.index, 'at']), {
            message: 'gap',
            data: { number: update.index + 1, minutes: Math.round((time - previous) / 60_000), cadence: cadenceText },
          });
        }
        previous = time;
      }
    }
  },
});
