import { defineRule } from '../../core/rule.ts';
import { KEY_TIMES } from '../../schemas/incident.ts';
import { incidentFacts, type IncidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/time-order',
    severity: 'error',
    summary: 'Key times out of order (started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved), compared as instants.',
    configurable: true,
    messages: {
      before: { text: '{name} ({value}) is before {previous} ({previousValue})', hint: `key times go ${KEY_TIMES.join(' ≤ ')}; check the date and the offset` },
      startedLast: {
        text: 'started ({value}) is after every other time of this incident, the earliest being {earliest} ({earliestValue}): check its date and offset',
        hint: 'started is when customer impact began; the comparisons of other times with started are left out until it is corrected',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      let previous: { name: string; value: string; time: number } | undefined;
      if (incident.startedIsOff) {
        const earliest = earliestOther(incident);
        report(placeOf(incident.entry, ['started']), {
          message: 'startedLast',
          data: { value: incident.started!, earliest: earliest.name, earliestValue: earliest.value },
        });
      }
      for (const name of KEY_TIMES) {
        // One finding for a wrong started, not one per time compared with it.
        if (name === 'started' && incident.startedIsOff) continue;
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

/** The earliest time of an incident other than started: a key time, an update or an impact start. */
function earliestOther(incident: IncidentFacts): { name: string; value: string } {
  const candidates = [
    ...KEY_TIMES.filter((k) => k !== 'started').flatMap((k) => (incident[k] ? [{ name: k, value: incident[k] }] : [])),
    ...incident.updates.flatMap((u) => (u.at ? [{ name: `public update ${u.index + 1}`, value: u.at }] : [])),
    ...incident.impact.flatMap((i) => (i.from ? [{ name: `impact ${i.index + 1}`, value: i.from }] : [])),
  ];
  return candidates.reduce((a, b) => (Date.parse(b.value) < Date.parse(a.value) ? b : a));
}
