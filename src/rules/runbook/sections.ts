import { defineRule } from '../../core/rule.ts';
import { RUNBOOK_SECTIONS } from '../../schemas/runbook.ts';
import { defineBodyRule } from '../rule.ts';

export default defineBodyRule({
  meta: defineRule({
    id: 'runbook/sections',
    severity: 'warning',
    summary: `A runbook without its sections as ## headings: ${RUNBOOK_SECTIONS.join(', ')}.`,
    configurable: true,
    messages: {
      missing: { text: 'runbook is missing section{s} {missing}', hint: `add "## {first}" (every runbook has ## ${RUNBOOK_SECTIONS.join(', ## ')})` },
    },
  }),
  collections: ['runbooks'],
  check(body, { file, report }) {
    const headings = new Set<string>();
    let inFence = false;
    for (const line of body.text.split('\n')) {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      const m = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
      if (m) headings.add(m[1]!.toLowerCase());
    }
    const missing = RUNBOOK_SECTIONS.filter((s) => !headings.has(s.toLowerCase()));
    if (missing.length === 0) return;
    report(
      { file, line: body.line, column: 1 },
      { message: 'missing', data: { s: missing.length > 1 ? 's' : '', missing: missing.join(', '), first: missing[0]! } },
    );
  },
});
