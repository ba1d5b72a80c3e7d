import { defineRule } from '../../core/rule.ts';
import { durationMs } from '../../core/time.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { cadenceAfter } from '../../model/update-cadence.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-cadence',
    severity: 'warning',
    summary:
      'A gap between public updates of an open incident longer than its cadence: publicUpdateCadence (per severity), or monitoringUpdateCadence while monitoring; not checked on backfilled incidents.',
    configurable: true,
    messages: {
      gap: {
        text: 'public update {number} came {minutes} min after the one before it; the cadence is {cadence}',
        hint: 'customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed',
      },
      gapMonitoring: {
        text: 'public update {number} came {minutes} min after the one before it; the cadence while monitoring is {cadence}',
        hint: 'while a fix is being watched, customers still expect an update every monitoringUpdateCadence (keel.yaml)',
      },
    },
  }),
  check({ index, report }) {
    const settings = index.settings?.data;
    for (const incident of incidentFacts(index)) {
      if (incident.backfilled) continue;
      const resolved = incident.resolved ? Date.parse(incident.resolved) : undefined;
      let previous: { time: number; status: string | undefined } | undefined;
      for (const update of incident.updates) {
        if (update.at === undefined) continue;
        const time = Date.parse(update.at);
        // The gap after an update is held to the cadence of the status it left in force.
        const cadence = previous && cadenceAfter(settings, incident.severity, previous.status, durationMs);
        // An update posted before the one above it is incident/update-order's finding.
        if (previous && cadence && time >= previous.time && time - previous.time > cadence.ms && (resolved === undefined || previous.time < resolved)) {
          report(placeOf(incident.entry, ['public', 'updates', update.index, 'at']), {
            message: cadence.monitoring ? 'gapMonitoring' : 'gap',
            data: { number: update.index + 1, minutes: Math.round((time - previous.time) / 60_000), cadence: cadence.text },
          });
        }
        previous = { time, status: update.effective };
      }
    }
  },
});
