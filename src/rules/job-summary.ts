/**
 * The job summary of `keel validate --format github` (GitHub Actions' $GITHUB_STEP_SUMMARY):
 * the summary line and a table of the findings, written as Markdown from a syntax tree
 * (src/core/document.ts), so a message quoting content cannot break the table or add HTML.
 * Loaded only when a summary is written: `keel validate` does not pay for the Markdown writer.
 */
import type { Diagnostic } from '../core/diagnostic.ts';
import { code, plain, render, strong, type Cell } from '../core/document.ts';
import { escapeControls } from '../core/escape.ts';
import { formatSummary, type ReportScope, type Summary } from './report.ts';

/** GitHub shows at most 1 MiB of summary per step; a few hundred rows say what there is to say. */
const MAX_ROWS = 200;

export function formatJobSummary(diagnostics: readonly Diagnostic[], summary: Summary, scope?: ReportScope): string {
  const shown = diagnostics.slice(0, MAX_ROWS);
  const rows: Cell[][] = shown.map((d) => [
    [code(`${escapeControls(d.file)}:${d.line}:${d.column}`)],
    [d.severity === 'error' ? strong('error') : plain('warning')],
    [plain(escapeControls(d.message)), ...(d.hint ? [plain(` — ${escapeControls(d.hint)}`)] : [])],
    [code(d.rule)],
  ]);
  const more = diagnostics.length - shown.length;
  return render(
    {
      title: 'keel validate',
      summary: [
        scope ? escapeControls(scope.note) : undefined,
        formatSummary(summary),
        more > 0 ? `The first ${MAX_ROWS} findings are listed; ${more} more are in the log.` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      sections: [{ heading: [plain('Findings')], columns: ['Where', 'Severity', 'Problem', 'Rule'], rows, empty: 'No problems.' }],
    },
    'markdown',
  );
}
