import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/internal-impact',
    severity: 'warning',
    summary: 'An incident that impairs status-page components but has no public block: the status page shows the impact with no incident to explain it.',
    configurable: true,
    messages: {
      unexplained: {
        text: 'the incident impairs {components} but has no public block, so the status page shows the impact without an incident',
        hint: 'add public: { title, updates } for customers, or leave impact out if customers were not affected',
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      if (incident.hasPublic) continue;
      const impaired = [
        ...new Set(incident.impact.filter((i) => i.level !== undefined && i.level !== 'operational').flatMap((i) => (i.component ? [i.component] : []))),
      ];
      if (impaired.length === 0) continue;
      const first = incident.impact.find((i) => i.component === impaired[0])!;
      report(placeOf(incident.entry, ['impact', first.index]), { message: 'unexplained', data: { components: impaired.map((c) => `"${c}"`).join(', ') } });
    }
  },
});
