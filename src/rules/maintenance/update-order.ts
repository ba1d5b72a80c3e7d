import { defineRule } from '../../core/rule.ts';
import { maintenanceFacts } from '../maintenance-facts.ts';
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
    for (const m of maintenanceFacts(index)) {
      let previous = Number.NEGATIVE_INFINITY;
      m.updates.forEach((at, i) => {
        if (at === undefined) return;
        const t = Date.parse(at);
        if (t < previous) report(placeOf(m.entry, ['updates', i, 'at']), { message: 'earlier', data: { number: i + 1, at } });
        previous = t;
      });
    }
  },
});
