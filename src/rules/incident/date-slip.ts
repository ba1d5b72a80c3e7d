import { defineRule } from '../../core/rule.ts';
import { DAY_MS } from '../../core/time.ts';
import { KEY_TIMES } from '../../schemas/incident.ts';
import { incidentFacts, startedMonthsBeforeUpdates, type IncidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/** A time this far from every other time of its incident is more likely a typo than a fact. */
const SLIP_MS = 7 * DAY_MS;

interface Stamp {
  name: string;
  value: string;
  time: number;
  path: (string | number)[];
}

function stamps(incident: IncidentFacts): Stamp[] {
  const out: Stamp[] = [];
  const add = (name: string, value: string | undefined, path: (string | number)[]) => {
    if (value !== undefined) out.push({ name, value, time: Date.parse(value), path });
  };
  for (const name of KEY_TIMES) add(name, incident[name], [name]);
  for (const u of incident.updates) add(`public update ${u.index + 1}`, u.at, ['public', 'updates', u.index, 'at']);
  for (const i of incident.impact) {
    add(`impact ${i.index + 1} from`, i.from, ['impact', i.index, 'from']);
    add(`impact ${i.index + 1} to`, i.to, ['impact', i.index, 'to']);
  }
  return out.sort((a, b) => a.time - b.time);
}

const days = (ms: number) => Math.round(ms / DAY_MS);

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/date-slip',
    severity: 'warning',
    summary: 'The earliest or latest time of an incident, more than 7 days from every other one: probably a wrong date, even when the order holds.',
    configurable: true,
    messages: {
      early: {
        text: '{name} ({value}) is {days} days before any other time of this incident ({next}: {nextValue}): probable date slip',
        hint: 'check the year, month and day; a real gap this long is worth a sentence in the retrospective',
      },
      late: {
        text: '{name} ({value}) is {days} days after any other time of this incident ({next}: {nextValue}): probable date slip',
        hint: 'check the year, month and day; a real gap this long is worth a sentence in the retrospective',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const all = stamps(incident);
      if (all.length < 3) continue;
      const [first, second] = [all[0]!, all[1]!];
      const [last, beforeLast] = [all.at(-1)!, all.at(-2)!];
      // A start months before the first update is incident/month-typo's (an error unless backfilled).
      const typo = !incident.backfilled && first.name === 'started' && startedMonthsBeforeUpdates(incident);
      if (second.time - first.time > SLIP_MS && !typo) {
        report(placeOf(incident.entry, first.path), {
          message: 'early',
          data: { name: first.name, value: first.value, days: days(second.time - first.time), next: second.name, nextValue: second.value },
        });
      }
      if (last.time - beforeLast.time > SLIP_MS) {
        report(placeOf(incident.entry, last.path), {
          message: 'late',
          data: { name: last.name, value: last.value, days: days(last.time - beforeLast.time), next: beforeLast.name, nextValue: beforeLast.value },
        });
      }
    }
  },
});
