import { defineRule } from '../../core/rule.ts';
import { durationMs } from '../../core/time.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';
import { cadenceAfter } from '../../model/update-cadence.ts';
import { updateGaps } from '../../domain/incidents/deadlines.ts';
import type { Severity } from '../../schemas/common.ts';

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
    const deadlines = { cadenceAfter: (severity: Severity | undefined, status: string | undefined) => cadenceAfter(settings, severity, status, durationMs) };
    for (const incident of incidentFacts(index)) {
      const facts = {
        severity: incident.severity,
        resolved: incident.resolved ? Date.parse(incident.resolved) : undefined,
        backfilled: incident.backfilled,
        updates: incident.updates.map((u) => ({ index: u.index, at: u.at === undefined ? undefined : Date.parse(u.at), effective: u.effective })),
      };
      for (const gap of updateGaps(facts, deadlines)) {
        if (!gap.late) continue;
        report(placeOf(incident.entry, ['public', 'updates', gap.index, 'at']), {
          message: gap.cadence.monitoring ? 'gapMonitoring' : 'gap',
          data: { number: gap.index + 1, minutes: Math.round(gap.gapMs / 60_000), cadence: gap.cadence.text },
        });
      }
    }
  },
});
