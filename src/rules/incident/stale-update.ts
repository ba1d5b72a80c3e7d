import { defineRule } from '../../core/rule.ts';
import { instantOf, wallClockText } from '../../core/time.ts';
import { lateText, nextUpdateDeadline } from '../../domain/incidents/deadlines.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/stale-update',
    severity: 'warning',
    summary:
      'An open incident whose last public update is older than its cadence at now: publicUpdateCadence (per severity), or monitoringUpdateCadence while monitoring; not checked on backfilled incidents.',
    configurable: true,
    messages: {
      stale: {
        text: 'the incident is open and its last public update ({at}) is {age} old: the next one is {late} overdue (the cadence is {cadence})',
        hint: 'post an update even if nothing changed ("We are still working on …"), or resolve the incident if it is over',
      },
      staleMonitoring: {
        text: 'the incident is open and its last public update ({at}) is {age} old: the next one is {late} overdue (the cadence while monitoring is {cadence})',
        hint: 'tell customers the fix is holding, or resolve the incident: the cadence while monitoring is monitoringUpdateCadence (keel.yaml)',
      },
    },
  }),
  check({ index, now, report }) {
    const deadlines = deadlinesOf(index.settings?.data);
    for (const incident of incidentFacts(index)) {
      const next = nextUpdateDeadline(
        {
          severity: incident.severity,
          resolved: incident.resolved === undefined ? undefined : instantOf(incident.resolved),
          backfilled: incident.backfilled,
          updates: incident.updates.map((u) => ({ index: u.index, at: u.at === undefined ? undefined : instantOf(u.at), effective: u.effective })),
        },
        deadlines,
        now,
      );
      if (next === undefined || next.lateMs <= 0) continue;
      report(placeOf(incident.entry, ['public', 'updates', next.last.index, 'at']), {
        message: next.cadence.monitoring ? 'staleMonitoring' : 'stale',
        data: { at: wallClockText(next.last.at, deadlines.zone), age: lateText(now - next.last.at), late: lateText(next.lateMs), cadence: next.cadence.text },
      });
    }
  },
});
