import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/**
 * `impact[]` is the status-page component history: what customers were shown for each component.
 * Teams flip components as they learn, so an interval may begin before `started` or end after
 * `mitigated` and `resolved` (uptime counts what the status page showed). What remains a
 * contradiction: an interval that ends before it begins, one left open on a resolved incident, and
 * one that lies wholly outside the incident (it cannot be this incident's history).
 */
export default defineIndexRule({
  meta: defineRule({
    id: 'incident/impact-window',
    severity: 'error',
    summary:
      'An impact interval that contradicts itself or its incident: ending before it starts, open on a resolved incident, or wholly before started or after resolved (unless backfilled). Intervals may begin before started and end after mitigated or resolved: impact[] is what the status page showed.',
    configurable: true,
    messages: {
      reversed: 'impact ends ({to}) before it starts ({from})',
      open: { text: 'impact has no end but the incident is resolved', hint: 'add to: when this component recovered' },
      outside: {
        text: 'impact ({from} to {to}) lies wholly {side} the incident ({bound}: {boundValue}), so it cannot be its status-page history',
        hint: 'correct the dates of the interval or of {bound}; an incident written up after the fact is backfilled: true',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const started = incident.started === undefined || incident.startedIsOff ? undefined : Date.parse(incident.started);
      const resolved = incident.resolved === undefined ? undefined : Date.parse(incident.resolved);
      for (const impact of incident.impact) {
        const at = (field: 'from' | 'to' | undefined) => placeOf(incident.entry, field ? ['impact', impact.index, field] : ['impact', impact.index]);
        if (impact.from === undefined) continue;
        const from = Date.parse(impact.from);
        const to = impact.to === undefined ? undefined : Date.parse(impact.to);
        if (to !== undefined && to < from) {
          report(at('to'), { message: 'reversed', data: { to: impact.to!, from: impact.from } });
          continue;
        }
        if (to === undefined && resolved !== undefined) {
          report(at(undefined), { message: 'open' });
          continue;
        }
        if (incident.backfilled) continue;
        if (to !== undefined && started !== undefined && to <= started && from < started) {
          report(at('to'), {
            message: 'outside',
            data: { from: impact.from, to: impact.to!, side: 'before', bound: 'started', boundValue: incident.started! },
          });
        } else if (resolved !== undefined && from >= resolved && (to === undefined || to > resolved)) {
          report(at('from'), {
            message: 'outside',
            data: { from: impact.from, to: impact.to ?? '(open)', side: 'after', bound: 'resolved', boundValue: incident.resolved! },
          });
        }
      }
    }
  },
});
