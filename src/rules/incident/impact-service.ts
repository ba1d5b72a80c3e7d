import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/impact-service',
    severity: 'warning',
    summary: 'An impacted component whose service the incident does not list in services.',
    configurable: true,
    messages: {
      unlisted: {
        text: 'component "{component}" belongs to service "{service}", which services does not list',
        hint: 'add {service} to services, or check the component',
      },
    },
  }),
  check({ index, report }) {
    const serviceOf = new Map<string, string>();
    for (const service of index.collections.services) if (service.data.statusPage) serviceOf.set(service.data.statusPage.component, service.id);
    for (const incident of incidentFacts(index)) {
      if (incident.services.length === 0) continue;
      const reported = new Set<string>();
      for (const impact of incident.impact) {
        const service = impact.component === undefined ? undefined : serviceOf.get(impact.component);
        // Unknown components are ref/unknown's finding; say each missing service once.
        if (service === undefined || incident.services.includes(service) || reported.has(service)) continue;
        reported.add(service);
        report(placeOf(incident.entry, ['impact', impact.index, 'component']), { message: 'unlisted', data: { component: impact.component!, service } });
      }
    }
  },
});
