import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/key-times',
    severity: 'error',
    summary: 'A resolved incident without the time its impact was mitigated.',
    configurable: true,
    messages: {
      mitigated: { text: 'a resolved incident needs mitigated', hint: 'mitigated is when customer impact stopped; it may equal resolved' },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      if (entry.data.resolved !== undefined && entry.data.mitigated === undefined) report(placeOf(entry, ['resolved']), { message: 'mitigated' });
    }
  },
});
