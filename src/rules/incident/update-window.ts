import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-window',
    severity: 'error',
    summary: 'A public update posted before the incident started or after it was resolved.',
    configurable: true,
    messages: {
      outside: {
        text: 'public update {number} ({at}) is outside the incident ({started} to {resolved})',
        hint: 'updates are posted between started and resolved',
      },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      const started = Date.parse(entry.data.started);
      const resolved = entry.data.resolved ? Date.parse(entry.data.resolved) : undefined;
      (entry.data.public?.updates ?? []).forEach((update, i) => {
        const time = Date.parse(update.at);
        if (time < started || (resolved !== undefined && time > resolved)) {
          report(placeOf(entry, ['public', 'updates', i, 'at']), {
            message: 'outside',
            data: { number: i + 1, at: update.at, started: entry.data.started, resolved: entry.data.resolved ?? 'now' },
          });
        }
      });
    }
  },
});
