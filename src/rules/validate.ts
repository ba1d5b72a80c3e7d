/**
 * The validator: load every file (running body rules as files are read), then run the index
 * rules, then apply keel.yaml's rule severities. The CLI (`keel validate`) and the Astro
 * integration (before every build) both call this, so they report alike.
 */
import type { Diagnostic, Place, Sink } from '../core/diagnostic.ts';
import { now as clockNow } from '../core/env.ts';
import { diagnose, type RuleMeta } from '../core/rule.ts';
import type { ContentIndex } from '../content/entry.ts';
import { loadContent, type BodyCheck, type LoadOptions } from '../content/load.ts';
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
}

export interface ValidationResult {
  index: ContentIndex;
  diagnostics: Diagnostic[];
  summary: Summary;
  ok: boolean;
}

/** A report function that turns a rule's message at a place into a diagnostic. */
function reporter<M extends string>(meta: RuleMeta<M>, sink: Sink) {
  return (place: Place, args: ReportArgs<M>) => sink(diagnose(meta, place, args));
}

/** Runs the body rules of a file's collection on its body. */
const checkBodies: BodyCheck = (collection, file, body, report) => {
  for (const rule of RULE_MODULES) {
    if (rule.scope !== 'body' || !rule.collections.includes(collection)) continue;
    rule.check(body, { file, report: reporter(rule.meta, report) });
  }
};

export async function validateContent(contentDir: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const { index, diagnostics } = await loadContent(contentDir, { ...options, checkBody: checkBodies });
  const now = options.now ?? clockNow();
  const sink: Sink = (d) => diagnostics.push(d);
  for (const rule of RULE_MODULES) {
    if (rule.scope !== 'index') continue;
    rule.check({ index, now, rules: ALL_RULES, report: reporter(rule.meta, sink) });
  }
  const configured = applySeverities(diagnostics, index);
  const final = sortDiagnostics(options.strict ? configured.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : configured);
  const summary = summarize(final, index.fileCount);
  return { index, diagnostics: final, summary, ok: summary.errors === 0 };
}

/** keel.yaml `rules:`: a configurable rule's findings take its configured severity, or are dropped when off. */
function applySeverities(diagnostics: Diagnostic[], index: ContentIndex): Diagnostic[] {
  const configured = index.settings?.data.rules ?? {};
  if (Object.keys(configured).length === 0) return diagnostics;
  const configurable = new Set(ALL_RULES.filter((r) => r.configurable).map((r) => r.id));
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const setting = configurable.has(d.rule) ? configured[d.rule] : undefined;
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}
