import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/last-update',
    severity: 'error',
    summary: 'The last public update and the resolved time disagree about whether the incident is over.',
    configurable: true,
    messages: {
      notResolved: {
        text: 'the incident is resolved but its last public update is "{status}"',
        hint: 'add a final public update with status: resolved telling customers it is over',
      },
      noResolvedTime: {
        text: 'the last public update says "resolved" but the incident has no resolved time',
        hint: 'set resolved: to when the incident was closed',
      },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      const updates = entry.data.public?.updates ?? [];
      const last = updates[updates.length - 1];
      if (!last) continue;
      // Positions cost a second parse of the file: ask for one only to report.
      const place = () => placeOf(entry, ['public', 'updates', updates.length - 1, 'status']);
      if (entry.data.resolved !== undefined && last.status !== 'resolved') report(place(), { message: 'notResolved', data: { status: last.status } });
      if (entry.data.resolved === undefined && last.status === 'resolved') report(place(), { message: 'noResolvedTime' });
    }
  },
});
