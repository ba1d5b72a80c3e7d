import { defineRule } from '../../core/rule.ts';
import { durationMs } from '../../core/time.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-cadence',
    severity: 'warning',
    summary: 'A gap between public updates of an open incident longer than publicUpdateCadence.',
    configurable: true,
    messages: {
      gap: {
        text: 'public update {number} came {minutes} min after the one before it; the cadence is {cadence}',
        hint: 'customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed',
      },
    },
  }),
  check({ index, report }) {
    const cadenceText = index.settings?.data.publicUpdateCadence ?? '60m';
    const cadence = durationMs(cadenceText);
    for (const entry of index.collections.incidents) {
      const resolved = entry.data.resolved ? Date.parse(entry.data.resolved) : undefined;
      let previous: number | undefined;
      (entry.data.public?.updates ?? []).forEach((update, i) => {
        const time = Date.parse(update.at);
        // An update posted before the one above it is incident/update-order's finding.
        if (previous !== undefined && time >= previous && time - previous > cadence && (resolved === undefined || previous < resolved)) {
          report(placeOf(entry, ['public', 'updates', i, 'at']), {
            message: 'gap',
            data: { number: i + 1, minutes: Math.round((time - previous) / 60_000), cadence: cadenceText },
          });
        }
        previous = time;
      });
    }
  },
});
