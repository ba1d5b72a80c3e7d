/**
 * The three ways Keel prints a report: the compiler format (`file:line:col severity message
 * rule` + hint), GitHub workflow commands, and JSON.
 */
import type { Diagnostic } from '../core/diagnostic.ts';

export type OutputFormat = 'text' | 'github' | 'json';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
}

export function summarize(diagnostics: Diagnostic[], files: number): Summary {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { files, errors, warnings: diagnostics.length - errors };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatSummary(summary: Summary): string {
  const checked = `${plural(summary.files, 'file')} checked`;
  if (summary.errors === 0 && summary.warnings === 0) return `${checked}: no problems`;
  return `${checked}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
}

/** One diagnostic in the compiler format, hint on its own indented line. */
export function formatDiagnosticText(d: Diagnostic): string {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}  ${d.rule}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** GitHub Actions escapes for workflow-command data and properties. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatDiagnosticGithub(d: Diagnostic): string {
  const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
  const text = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${d.severity} ${props}::${escapeData(text)}`;
}

/** The whole report in one format, ending with the summary (text and github). */
export function formatReport(diagnostics: Diagnostic[], summary: Summary, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify({ summary, diagnostics }, null, 2);
  const lines = diagnostics.map(format === 'github' ? formatDiagnosticGithub : formatDiagnosticText);
  lines.push(formatSummary(summary));
  return lines.join('\n');
}
