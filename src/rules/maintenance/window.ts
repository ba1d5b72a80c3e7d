import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'maintenance/window',
    severity: 'error',
    summary: 'A maintenance window that ends before it starts.',
    configurable: true,
    messages: {
      reversed: 'the window ends ({to}) before it starts ({from})',
    },
  }),
  check({ index, report }) {
    for (const m of index.collections.maintenance) {
      const { from, to } = m.data.scheduled;
      if (Date.parse(to) <= Date.parse(from)) report(placeOf(m, ['scheduled', 'to']), { message: 'reversed', data: { to, from } });
    }
  },
});
