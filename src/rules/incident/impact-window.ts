import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'incident/impact-window',
    severity: 'error',
    summary: 'An impact interval that starts before the incident, ends before it starts, or never ends on a resolved incident.',
    configurable: true,
    messages: {
      beforeStart: {
        text: 'impact starts ({from}) before the incident started ({started})',
        hint: 'started is when customer impact began: move it earlier or correct from',
      },
      reversed: 'impact ends ({to}) before it starts ({from})',
      open: { text: 'impact has no end but the incident is resolved', hint: 'add to: when this component recovered' },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.incidents) {
      const started = Date.parse(entry.data.started);
      entry.data.impact.forEach((impact, i) => {
        const from = Date.parse(impact.from);
        if (from < started) report(placeOf(entry, ['impact', i, 'from']), { message: 'beforeStart', data: { from: impact.from, started: entry.data.started } });
        if (impact.to !== undefined && Date.parse(impact.to) < from)
          report(placeOf(entry, ['impact', i, 'to']), { message: 'reversed', data: { to: impact.to, from: impact.from } });
        if (impact.to === undefined && entry.data.resolved !== undefined) report(placeOf(entry, ['impact', i]), { message: 'open' });
      });
    }
  },
});
