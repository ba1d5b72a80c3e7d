import { defineRule } from '../../core/rule.ts';
import { formatDuration, wallClockText } from '../../core/time.ts';
import { maintenanceFacts } from '../maintenance-facts.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'maintenance/window',
    severity: 'error',
    summary: 'A maintenance window that ends before it starts.',
    configurable: true,
    messages: {
      reversed: 'the window ends ({to}) {span} before it starts ({from})',
    },
  }),
  check({ index, report }) {
    const zone = index.settings?.data.timeZone ?? 'UTC';
    for (const m of maintenanceFacts(index)) {
      if (m.from === undefined || m.to === undefined) continue;
      const from = Date.parse(m.from);
      const to = Date.parse(m.to);
      if (to <= from) {
        report(placeOf(m.entry, ['scheduled', 'to']), {
          message: 'reversed',
          data: { to: wallClockText(to, zone), from: wallClockText(from, zone), span: formatDuration(from - to) },
        });
      }
    }
  },
});
