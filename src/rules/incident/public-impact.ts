import { defineRule } from '../../core/rule.ts';
import { incidentFacts } from '../incident-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/public-impact',
    severity: 'warning',
    summary:
      'A public incident whose impact customers cannot be told: no public.impact declared and no component impact to derive it from, so the pages, feeds and API say "No impact".',
    configurable: true,
    messages: {
      unknown: {
        text: 'the public incident declares no impact and names no component impact to derive it from: customers will read "No impact"',
        hint: "declare it: public.impact: none, minor, major or critical (Statuspage's incident impact), or add impact[] per component",
      },
    },
  }),
  check({ index, report }) {
    for (const incident of incidentFacts(index)) {
      if (!incident.hasPublic || incident.publicImpact !== undefined || incident.publicImpactWritten || incident.impact.length > 0) continue;
      report(placeOf(incident.entry, ['public'], 'key'), { message: 'unknown' });
    }
  },
});
