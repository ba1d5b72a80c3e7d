import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'maintenance/update-order',
    severity: 'error',
    summary: 'Maintenance updates not listed oldest first.',
    configurable: true,
    messages: {
      earlier: { text: 'update {number} ({at}) is earlier than the one before it', hint: 'list updates oldest first' },
    },
  }),
  check({ index, report }) {
    for (const m of index.collections.maintenance) {
      let previous = Number.NEGATIVE_INFINITY;
      m.data.updates.forEach((u, i) => {
        const t = Date.parse(u.at);
        if (t < previous) report(placeOf(m, ['updates', i, 'at']), { message: 'earlier', data: { number: i + 1, at: u.at } });
        previous = t;
      });
    }
  },
});
