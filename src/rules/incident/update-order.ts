import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/update-order',
    severity: 'error',
    summary: 'Public updates not listed oldest first.',
    configurable: true,
    messages: {
      earlier: { text: 'public update {number} ({at}) is earlier than the one before it', hint: 'list public updates oldest first' },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      let previous: number | undefined;
      (entry.data.public?.updates ?? []).forEach((update, i) => {
        const time = Date.parse(update.at);
        if (previous !== undefined && time < previous) {
          report(placeOf(entry, ['public', 'updates', i, 'at']), { message: 'earlier', data: { number: i + 1, at: update.at } });
        }
        previous = time;
      });
    }
  },
});
