/**
 * The validator: load every file (running body rules as files are read), then run the index
 * rules; keel.yaml's rule severities apply as findings are reported, and rules turned off are
 * not run (configuration.ts). The CLI (`keel validate`) and the Astro integration (before every
 * build) both call this, so they report alike.
 */
import type { DataPath, Diagnostic, Place, Sink } from '../core/diagnostic.ts';
import { now as clockNow } from '../core/env.ts';
import { diagnose, type RuleMeta } from '../core/rule.ts';
import type { ContentIndex } from '../content/entry.ts';
import { loadContent, type BodyCheck, type LoadOptions, type Omitted } from '../content/load.ts';
import { LIMIT_FINDINGS } from '../content/rules.ts';
import { MAX_FINDINGS_PER_FILE } from '../core/limits.ts';
import { lintDocument } from '../lint/lint.ts';
import { ruleConfiguration } from './configuration.ts';
import { guard, guardIndexRule } from './guard.ts';
import { ALL_RULES, RULE_MODULES } from './index.ts';
import { summarize, type Summary } from './report.ts';
import type { ReportArgs } from './rule.ts';
import { sortDiagnostics } from '../core/diagnostic.ts';

/** Loading options (working directory, MDX worker, what to keep) and the checks' own. */
export interface ValidateOptions extends Omit<LoadOptions, 'checkBody'> {
  /** "Now" for rules that depend on it (stale runbooks). */
  now?: number;
  /** Treat warnings as errors. */
  strict?: boolean;
  /**
   * Report some files only (`keel validate --changed`): the rules see every file loaded (the
   * sub-index, when `select` narrows it), but only the findings that `keep` accepts (by display
   * path) are reported, and the summary says `files` of all were checked.
   */
  scope?: { keep: (file: string) => boolean; files: number };
}

export interface ValidationResult {
  index: ContentIndex;
  diagnostics: Diagnostic[];
  summary: Summary;
  ok: boolean;
}

/** A report function that turns a rule's message at a place into a diagnostic (with the finding's own severity, if it has one). */
function reporter<M extends string>(meta: RuleMeta<M>, sink: Sink) {
  return (place: Place, args: ReportArgs<M>) => {
    const d = diagnose(meta, place, args);
    sink(args.severity === undefined || args.severity === d.severity ? d : { ...d, severity: args.severity });
  };
}

/** The collections whose prose the blameless-language lint reads (src/lint). */
const LINTED = { incidents: 'incident', runbooks: 'runbook' } as const;

/** Runs the body rules of a file's collection on its body, then the lint. */
const checkBodies: BodyCheck = (collection, file, body, fileSink, { data, locate, settings, text }) => {
  const configuration = ruleConfiguration(settings);
  const report = configuration.sink(fileSink);
  // Front-matter positions parse the front matter again: only when a finding asks.
  const placeOf = (path: DataPath, where: 'value' | 'key' = 'value'): Place => (locate ? { file, ...locate(path, where) } : { file, line: 1, column: 1 });
  // A rule that throws is one finding at the body's start (src/rules/guard.ts), not the end of the run.
  const start = { file, line: body.line, column: 1 };
  for (const rule of RULE_MODULES) {
    if (rule.scope !== 'body' || !rule.collections.includes(collection) || configuration.isOff(rule.meta)) continue;
    guard(rule.meta.id, start, report, () => rule.check(body, { file, data, placeOf, settings, report: reporter(rule.meta, report) }));
  }
  const kind = Object.hasOwn(LINTED, collection) ? LINTED[collection as keyof typeof LINTED] : undefined;
  const linter = configuration.linter;
  if (kind && linter) guard('lint', start, report, () => lintDocument({ kind, file, body, data, placeOf, frontMatter: { text, line: 2 } }, report, linter));
};

export async function validateContent(contentDir: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const { index, diagnostics, omitted } = await loadContent(contentDir, { ...options, checkBody: checkBodies });
  const now = options.now ?? clockNow();
  // Index rules may find as much as the loader: keep a file's first findings, count the rest.
  const configuration = ruleConfiguration(index.settings?.data);
  const listed = new Map<string, number>();
  const sink: Sink = configuration.sink((d) => {
    const n = listed.get(d.file) ?? 0;
    if (n < MAX_FINDINGS_PER_FILE) {
      listed.set(d.file, n + 1);
      diagnostics.push(d);
      return;
    }
    const o = omitted.get(d.file);
    if (o) o.count++;
    else omitted.set(d.file, { count: 1, first: { file: d.file, line: d.line, column: d.column } });
  });
  for (const rule of RULE_MODULES) {
    if (rule.scope !== 'index' || configuration.isOff(rule.meta)) continue;
    guardIndexRule(rule.meta.id, index, sink, (checked, report) => rule.check({ index: checked, now, rules: ALL_RULES, report: reporter(rule.meta, report) }));
  }
  const final = capPerFile(
    sortDiagnostics(options.strict ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : diagnostics),
    omitted,
  );
  if (options.scope) {
    const { keep, files } = options.scope;
    const kept = final.filter((d) => keep(d.file));
    const summary = { ...summarize(kept, files), total: index.fileCount };
    return { index, diagnostics: kept, summary, ok: summary.errors === 0 };
  }
  const summary = summarize(final, index.fileCount);
  return { index, diagnostics: final, summary, ok: summary.errors === 0 };
}

/**
 * At most MAX_FINDINGS_PER_FILE findings per file (in report order), then one finding that
 * says how many more there are, at the first one not listed (or, for those the loader and the
 * index rules only counted, where the listed ones end). Input sorted; output sorted.
 */
function capPerFile(sorted: Diagnostic[], omitted: ReadonlyMap<string, Omitted>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const more = new Map<string, Omitted>();
  for (const [file, o] of omitted) more.set(file, { count: o.count, first: o.first });
  let file: string | undefined;
  let listed = 0;
  for (const d of sorted) {
    if (d.file !== file) {
      file = d.file;
      listed = 0;
    }
    if (listed < MAX_FINDINGS_PER_FILE) {
      out.push(d);
      listed++;
      continue;
    }
    const o = more.get(d.file);
    if (!o) more.set(d.file, { count: 1, first: { file: d.file, line: d.line, column: d.column } });
    else {
      o.count++;
      if (d.line < o.first.line || (d.line === o.first.line && d.column < o.first.column)) o.first = { file: d.file, line: d.line, column: d.column };
    }
  }
  if (more.size === 0) return out;
  for (const o of more.values()) out.push(diagnose(LIMIT_FINDINGS, o.first, { message: 'more', data: { count: o.count } }));
  return sortDiagnostics(out);
}
