import { defineRule } from '../../core/rule.ts';
import { readSections } from '../../lint/markdown.ts';
import { RUNBOOK_SECTIONS } from '../../schemas/runbook.ts';
import { defineBodyRule } from '../rule.ts';

const WANTED = RUNBOOK_SECTIONS.map((s) => s.toLowerCase());

export default defineBodyRule({
  meta: defineRule({
    id: 'runbook/sections',
    severity: 'warning',
    summary: `A runbook without its sections as ## headings (${RUNBOOK_SECTIONS.join(', ')}), read as retrospectives are; or with a code fence left open, which hides every heading after it.`,
    configurable: true,
    messages: {
      missing: { text: 'runbook is missing section{s} {missing}', hint: `add "## {first}" (every runbook has ## ${RUNBOOK_SECTIONS.join(', ## ')})` },
      unclosedFence: { text: 'code fence {fence} is never closed: every heading after it is read as code', hint: 'close it with a line of {fence}' },
    },
  }),
  collections: ['runbooks'],
  check(body, { file, report }) {
    const missingOf = (headings: readonly { heading: string }[]) => {
      const present = new Set(headings.map((s) => s.heading.toLowerCase()));
      return RUNBOOK_SECTIONS.filter((_, i) => !present.has(WANTED[i]!));
    };
    const { sections, unclosedFence } = readSections(body.text, body.format, (scanned) => missingOf(scanned).length === 0);
    if (unclosedFence) {
      report(
        { file, line: unclosedFence.line + body.line - 1, column: unclosedFence.column },
        { message: 'unclosedFence', data: { fence: unclosedFence.fence } },
      );
    }
    const missing = missingOf(sections);
    if (missing.length === 0) return;
    report(
      { file, line: body.line, column: 1 },
      { message: 'missing', data: { s: missing.length > 1 ? 's' : '', missing: missing.join(', '), first: missing[0]! } },
    );
  },
});
