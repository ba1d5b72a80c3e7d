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
        hint: 'add the service to services, or check the component',
      },
    },
  }),
  check({ index, report }) {
    // A component may be declared by several services; listing any one of them is enough.
    const servicesOf = new Map<string, string[]>();
    for (const service of index.collections.services) {
      if (!service.data.statusPage) continue;
      const list = servicesOf.get(service.data.statusPage.component) ?? [];
      list.push(service.id);
      servicesOf.set(service.data.statusPage.component, list);
    }
    for (const incident of incidentFacts(index)) {
      if (incident.services.length === 0) continue;
      const reported = new Set<string>();
      for (const impact of incident.impact) {
        const declaring = impact.component === undefined ? undefined : servicesOf.get(impact.component);
        // Unknown components are ref/unknown's finding; say each missing component once.
        if (declaring === undefined || declaring.some((s) => incident.services.includes(s)) || reported.has(impact.component!)) continue;
        reported.add(impact.component!);
        report(placeOf(incident.entry, ['impact', impact.index, 'component']), {
          message: 'unlisted',
          data: { component: impact.component!, service: declaring.join('" or "') },
        });
      }
    }
  },
});
