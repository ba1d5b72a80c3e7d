import { defineRule } from '../../core/rule.ts';
import { formatDuration, wallClockText } from '../../core/time.ts';
import { incidentFacts, startedMonthsBeforeUpdates } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/month-typo',
    severity: 'error',
    summary:
      'An incident that started four weeks or more before its first public update, without backfilled: true — almost always a wrong month ("February 18" for an incident posted in August), which would publish it as lasting months and push it out of the API\'s recent incidents.',
    configurable: true,
    messages: {
      early: {
        text: 'started ({started}) is {span} before the first public update ({first}): probably a wrong month or year',
        hint: 'correct started; if the incident really was posted this long after it began, mark it backfilled: true',
      },
    },
  }),
  check({ index, report }) {
    const zone = index.settings?.data.timeZone ?? 'UTC';
    for (const incident of incidentFacts(index)) {
      if (incident.backfilled || !startedMonthsBeforeUpdates(incident)) continue;
      const started = Date.parse(incident.started!);
      const first = Math.min(...incident.updates.flatMap((u) => (u.at === undefined ? [] : [Date.parse(u.at)])));
      report(placeOf(incident.entry, ['started']), {
        message: 'early',
        data: { started: wallClockText(started, zone), first: wallClockText(first, zone), span: formatDuration(first - started) },
      });
    }
  },
});
