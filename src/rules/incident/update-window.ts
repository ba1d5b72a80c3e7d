import { defineRule } from '../../core/rule.ts';
import { formatDuration, wallClockText } from '../../core/time.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-window',
    severity: 'error',
    summary: 'A public update posted before the incident started, or after it was resolved (unless the incident is backfilled).',
    configurable: true,
    messages: {
      beforeStart: {
        text: 'public update {number} ({at}) is {span} before the incident started ({started})',
        hint: "updates are posted between started and resolved: correct the update's time, or started",
      },
      afterResolved: {
        text: 'public update {number} ({at}) is {span} after the incident was resolved ({resolved})',
        hint: 'updates are posted between started and resolved; an incident written up after the fact is backfilled: true',
      },
    },
  }),
  check({ index, report }) {
    // Times in messages are shown as the portal shows them: in its zone, with the zone named.
    const zone = index.settings?.data.timeZone ?? 'UTC';
    for (const incident of incidentFacts(index)) {
      if (incident.started === undefined) continue;
      const started = Date.parse(incident.started);
      // A backfilled incident was written up after the fact: its updates may postdate resolution.
      const resolved = incident.resolved && !incident.backfilled ? Date.parse(incident.resolved) : undefined;
      for (const update of incident.updates) {
        if (update.at === undefined) continue;
        const time = Date.parse(update.at);
        const place = () => placeOf(incident.entry, ['public', 'updates', update.index, 'at']);
        const shown = (at: number) => wallClockText(at, zone);
        if (time < started && !incident.startedIsOff) {
          report(place(), {
            message: 'beforeStart',
            data: { number: update.index + 1, at: shown(time), span: formatDuration(started - time), started: shown(started) },
          });
        }
        if (resolved !== undefined && time > resolved) {
          report(place(), {
            message: 'afterResolved',
            data: { number: update.index + 1, at: shown(time), span: formatDuration(time - resolved), resolved: shown(resolved) },
          });
        }
      }
    }
  },
});
