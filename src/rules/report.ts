/**
 * The ways Keel prints a report: the compiler format (`file:line:col severity message rule` +
 * hint), GitHub workflow commands, GitLab's code-quality report, and JSON.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../core/diagnostic.ts';
import { escapeControls } from '../core/escape.ts';
import { plural } from '../core/words.ts';

export type OutputFormat = 'text' | 'github' | 'gitlab' | 'json';

export interface Summary {
  files: number;
  errors: number;
  warnings: number;
  /** Files of the folder, when only some of them were checked (`keel validate --changed`). */
  total?: number;
}

export function summarize(diagnostics: Diagnostic[], files: number): Summary {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return { files, errors, warnings: diagnostics.length - errors };
}

export function formatSummary(summary: Summary): string {
  const checked = summary.total === undefined ? `${plural(summary.files, 'file')} checked` : `${summary.files} of ${plural(summary.total, 'file')} checked`;
  if (summary.errors === 0 && summary.warnings === 0) return `${checked}: no problems`;
  return `${checked}: ${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}`;
}

/**
 * A file name as the first thing on a line: never the start of a workflow command (`::…`, or
 * the older `##[…]`, which GitHub Actions reads from any output line, leading spaces trimmed).
 */
function lineSafePath(file: string): string {
  const shown = escapeControls(file);
  return /^\s*(::|##\[)/.test(shown) ? `./${shown}` : shown;
}

/**
 * One diagnostic in the compiler format, hint on its own indented line. Every part that may
 * come from content is escaped (src/core/escape.ts): a value cannot start a line of its own.
 */
export function formatDiagnosticText(d: Diagnostic): string {
  const head = `${lineSafePath(d.file)}:${d.line}:${d.column} ${d.severity} ${escapeControls(d.message)}  ${escapeControls(d.rule)}`;
  return d.hint ? `${head}\n  hint: ${escapeControls(d.hint)}` : head;
}

/**
 * GitHub Actions escapes for workflow-command data and properties: CR and LF as GitHub's own
 * escapes (a line break inside the annotation, never a new command), every other control
 * character as a visible escape.
 */
function escapeData(s: string): string {
  return s
    .split(/(\r|\n)/)
    .map((part) => (part === '\r' || part === '\n' ? part : escapeControls(part)))
    .join('')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatDiagnosticGithub(d: Diagnostic): string {
  const props = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(d.rule)}`;
  const text = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
  return `::${d.severity} ${props}::${escapeData(text)}`;
}

/** Characters JSON leaves as they are that a log viewer may still act on (line separators, bidi controls). */
const JSON_UNSAFE = /[\u0085\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * What the report is about when it is not the whole folder (`keel validate --changed`): a line
 * that opens the text and github reports, and a value the JSON report carries as `changed`.
 */
export interface ReportScope {
  note: string;
  data: Record<string, unknown>;
}

/**
 * GitLab's code-quality report (the Code Climate issue subset GitLab reads): one issue per
 * finding, shown in the merge request's widget. The fingerprint identifies a finding across
 * pipelines, so GitLab can tell new findings from fixed ones.
 */
function formatGitlab(diagnostics: Diagnostic[]): string {
  const issues = diagnostics.map((d) => ({
    description: d.hint ? `${d.message} (hint: ${d.hint})` : d.message,
    check_name: d.rule,
    fingerprint: createHash('sha256').update(`${d.file}\0${d.line}\0${d.column}\0${d.rule}\0${d.message}`).digest('hex'),
    severity: d.severity === 'error' ? 'major' : 'minor',
    location: { path: d.file, lines: { begin: d.line } },
  }));
  return JSON.stringify(issues, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The whole report in one format, ending with the summary (text and github). */
export function formatReport(diagnostics: Diagnostic[], summary: Summary, format: OutputFormat, scope?: ReportScope): string {
  if (format === 'gitlab') return formatGitlab(diagnostics);
  if (format === 'json') {
    return JSON.stringify(scope ? { summary, changed: scope.data, diagnostics } : { summary, diagnostics }, null, 2).replace(
      JSON_UNSAFE,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  const lines = diagnostics.map(format === 'github' ? formatDiagnosticGithub : formatDiagnosticText);
  if (scope) lines.unshift(escapeControls(scope.note));
  lines.push(formatSummary(summary));
  return lines.join('\n');
}
