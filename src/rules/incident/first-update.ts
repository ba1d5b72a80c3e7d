import { defineRule } from '../../core/rule.ts';
import { durationMs } from '../../core/time.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { severityCadence } from '../../model/update-cadence.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/first-update',
    severity: 'warning',
    summary: "The first public update posted later than the severity's publicUpdateCadence after detection (not checked on backfilled incidents).",
    configurable: true,
    messages: {
      late: {
        text: 'the first public update came {minutes} min after the incident was {from}; the cadence is {cadence}',
        hint: 'tell customers early, even before the cause is known: "We are investigating …"',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const cadence = severityCadence(index.settings?.data, incident.severity, durationMs);
      if (incident.backfilled) continue;
      const first = incident.updates[0];
      const from = incident.detected !== undefined ? 'detected' : 'started';
      const fromValue = incident.detected ?? incident.started;
      if (first?.at === undefined || fromValue === undefined) continue;
      const gap = Date.parse(first.at) - Date.parse(fromValue);
      if (gap > cadence.ms) {
        report(placeOf(incident.entry, ['public', 'updates', 0, 'at']), {
          message: 'late',
          data: { minutes: Math.round(gap / 60_000), from, cadence: cadence.text },
        });
      }
    }
  },
});
