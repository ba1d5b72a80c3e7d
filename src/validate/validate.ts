/**
 * The validator: load every file, then run the cross-file rules. The CLI (`keel validate`)
 * and the Astro integration (before every build) both call this, so they report alike.
 */
import { loadContent, type LoadOptions } from '../content/load.ts';
import type { ContentIndex } from '../content/entry.ts';
import { now as clockNow } from '../domain/clock.ts';
import { checkIncidents } from './checks/incidents.ts';
import { checkReferences, checkUniqueIds } from './checks/references.ts';
import { checkSchedules } from './checks/schedules.ts';
import { checkSlos } from './checks/slos.ts';
import { sortDiagnostics, summarize, type Diagnostic, type Summary } from './diagnostic.ts';

/** Loading options (working directory, MDX worker, what to keep) and the checks' own. */
export interface ValidateOptions extends LoadOptions {
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

export async function validateContent(contentDir: string, options: ValidateOptions = {}): Promise<ValidationResult> {
  const { index, diagnostics } = await loadContent(contentDir, options);
  diagnostics.push(
    ...checkUniqueIds(index),
    ...checkReferences(index),
    ...checkIncidents(index),
    ...checkSlos(index),
    ...checkSchedules(index, options.now ?? clockNow()),
  );
  const final = sortDiagnostics(
    options.strict ? diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)) : diagnostics,
  );
  const summary = summarize(final, index.fileCount);
  return { index, diagnostics: final, summary, ok: summary.errors === 0 };
}
