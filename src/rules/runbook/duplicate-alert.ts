import { defineRule } from '../../core/rule.ts';
import type { DataPath } from '../../core/diagnostic.ts';
import { defineIndexRule, placeOf, type Located } from '../rule.ts';
import { valuesAt } from '../values-at.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'runbook/duplicate-alert',
    severity: 'warning',
    summary: 'An alert named by more than one runbook: its alert URL lists them instead of opening one.',
    configurable: true,
    messages: {
      duplicate: {
        text: 'alert "{alert}" is also named by {other}{more}',
        hint: 'keep the alert in one runbook, so that its alert URL opens that runbook directly, or merge the runbooks',
      },
    },
  }),
  check({ index, report }) {
    // Runbooks that failed their schema still name alerts as written: one run reports both problems.
    const runbooks: { entry: Located; data: unknown }[] = [
      ...index.collections.runbooks.map((entry) => ({ entry, data: entry.data })),
      ...(index.invalid?.runbooks ?? []).map((entry) => ({ entry, data: entry.raw })),
    ];
    const namedBy = new Map<string, { entry: Located; path: DataPath }[]>();
    for (const { entry, data } of runbooks) {
      for (const { value, path } of valuesAt(data, 'alerts[]')) {
        const list = namedBy.get(value) ?? [];
        // A runbook that lists an alert twice names it once.
        if (!list.some((other) => other.entry.file === entry.file)) list.push({ entry, path });
        namedBy.set(value, list);
      }
    }
    for (const [alert, list] of namedBy) {
      if (list.length < 2) continue;
      const files = list.map((n) => n.entry.file).sort();
      for (const { entry, path } of list) {
        // Each file is a placeholder of its own: a message shortens every value it quotes.
        const others = files.filter((file) => file !== entry.file);
        const more = others.length > 1 ? ` and ${others.length - 1} more runbook${others.length > 2 ? 's' : ''}` : '';
        report(placeOf(entry, path), { message: 'duplicate', data: { alert, other: others[0]!, more } });
      }
    }
  },
});
