import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-status',
    severity: 'error',
    summary: 'A "resolved" public update that is not the last one.',
    configurable: true,
    messages: {
      resolvedEarly: 'only the last public update may be "resolved"',
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      const updates = entry.data.public?.updates ?? [];
      updates.forEach((update, i) => {
        if (update.status === 'resolved' && i < updates.length - 1) report(placeOf(entry, ['public', 'updates', i, 'status']), { message: 'resolvedEarly' });
      });
    }
  },
});
