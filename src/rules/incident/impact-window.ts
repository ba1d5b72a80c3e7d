import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/impact-window',
    severity: 'error',
    summary:
      'An impact interval outside the incident: starting before it started, ending before it starts, after mitigated or resolved, or never on a resolved incident (a backfilled incident may end impact after its resolution).',
    configurable: true,
    messages: {
      beforeStart: {
        text: 'impact starts ({from}) before the incident started ({started})',
        hint: 'started is when customer impact began: move it earlier or correct from',
      },
      reversed: 'impact ends ({to}) before it starts ({from})',
      open: { text: 'impact has no end but the incident is resolved', hint: 'add to: when this component recovered' },
      afterBound: {
        text: 'impact ends ({to}) after the incident was {bound} ({boundValue})',
        hint: '{bound} is when customer impact stopped for every component: correct to, or {bound}',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      const started = incident.started === undefined ? undefined : Date.parse(incident.started);
      // Impact ends by mitigated when there is one, else by resolved.
      const boundName = incident.mitigated !== undefined ? 'mitigated' : 'resolved';
      const boundValue = incident.mitigated ?? incident.resolved;
      for (const impact of incident.impact) {
        const at = (field: 'from' | 'to' | undefined) => placeOf(incident.entry, field ? ['impact', impact.index, field] : ['impact', impact.index]);
        const from = impact.from === undefined ? undefined : Date.parse(impact.from);
        if (from !== undefined && started !== undefined && !incident.startedIsOff && from < started) {
          report(at('from'), { message: 'beforeStart', data: { from: impact.from!, started: incident.started! } });
        }
        if (impact.to !== undefined && from !== undefined && Date.parse(impact.to) < from) {
          report(at('to'), { message: 'reversed', data: { to: impact.to, from: impact.from! } });
        }
        if (impact.to === undefined && impact.from !== undefined && incident.resolved !== undefined) report(at(undefined), { message: 'open' });
        if (impact.to !== undefined && boundValue !== undefined && !incident.backfilled && Date.parse(impact.to) > Date.parse(boundValue)) {
          report(at('to'), { message: 'afterBound', data: { to: impact.to, bound: boundName, boundValue } });
        }
      }
    }
  },
});
