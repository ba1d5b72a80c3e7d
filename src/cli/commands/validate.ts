import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from '../../core/diagnostic.ts';
import { requireContentFolder } from '../../core/content-folder.ts';
import { contentDir, now } from '../../core/env.ts';
import { UsageError } from '../../core/usage-error.ts';
import { plural } from '../../core/words.ts';
import type { ChangedResult } from '../../rules/changed.ts';
import { formatReport, type OutputFormat, type ReportScope, type Summary } from '../../rules/report.ts';
import type { GitChanges } from '../changed.ts';
import { CONTENT_OPTION, type Command, type Io } from '../command.ts';

const FORMATS: OutputFormat[] = ['text', 'github', 'gitlab', 'json'];

export const validate: Command = {
  name: 'validate',
  summary: 'Check every file of the content folder; report every problem.',
  options: {
    content: CONTENT_OPTION,
    format: {
      type: 'string',
      value: 'FORMAT',
      description: 'text (default), github (workflow annotations and a job summary), gitlab (code-quality report) or json',
    },
    strict: { type: 'boolean', description: 'treat warnings as errors' },
    changed: { type: 'string', value: 'REF', description: 'check only the files changed since the git REF (its merge base) and the files related to them' },
  },
  async run({ values }, io) {
    const format = (values.format ?? 'text') as OutputFormat;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${String(values.format)}")`);
    if (values.content === '') throw new UsageError('--content must name a folder (got an empty value)');
    const dir = contentDir(io.cwd, io.env, values.content as string | undefined);
    // The clock reads the same environment as the rest of the run (KEEL_NOW, SOURCE_DATE_EPOCH).
    const clock = now(io.env);
    requireContentFolder(dir, io.cwd);
    const options = { cwd: io.cwd, strict: values.strict === true, now: clock, keepSources: false };
    if (values.changed !== undefined) {
      // git first: its processes run while the validator's modules load (a pre-commit hook waits for both).
      // Loaded here: a plain `keel validate` needs neither git, the cache directory nor the cache.
      const { cacheDirectory, gitChanges } = await import('../changed.ts');
      const asked = gitChanges(resolve(dir), values.changed as string, io);
      asked.catch(() => {});
      const [{ validateChanged }, { cacheFileFor }] = await Promise.all([import('../../rules/changed.ts'), import('../../content/cache.ts')]);
      const cache = cacheDirectory(resolve(dir));
      // git's answer is awaited there, after what needs none of it (the cache, the walk).
      const result = await validateChanged(resolve(dir), asked, { ...options, cacheFile: cache && cacheFileFor(cache, resolve(dir)) });
      const scope = changedScope(await asked, result);
      io.out(formatReport(result.diagnostics, result.summary, format, scope));
      if (format === 'github') await writeJobSummary(io, result.diagnostics, result.summary, scope);
      return result.ok ? 0 : 1;
    }
    const { validateContent } = await import('../../rules/validate.ts');
    const result = await validateContent(resolve(dir), options);
    io.out(formatReport(result.diagnostics, result.summary, format));
    if (format === 'github') await writeJobSummary(io, result.diagnostics, result.summary);
    return result.ok ? 0 : 1;
  },
};

/** In GitHub Actions ($GITHUB_STEP_SUMMARY set), the findings as a table on the run's page too. */
async function writeJobSummary(io: Io, diagnostics: Diagnostic[], summary: Summary, scope?: ReportScope): Promise<void> {
  const file = io.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  const { formatJobSummary } = await import('../../rules/job-summary.ts');
  appendFileSync(file, `${formatJobSummary(diagnostics, summary, scope)}\n`);
}

/** The line that opens a --changed report (what was compared, what is checked) and its JSON. */
function changedScope(changes: GitChanges, result: ChangedResult): ReportScope {
  const short = changes.base.slice(0, 12);
  const since = changes.mergeBase ? `${changes.ref} (merge base ${short})` : `${changes.ref} (${short}; no merge base with HEAD, compared with it directly)`;
  const data = {
    ref: changes.ref,
    commit: changes.commit,
    base: changes.base,
    mergeBase: changes.mergeBase,
    everything: result.everything,
    changed: result.changed,
    deleted: result.deleted,
    related: result.related,
    checked: result.summary.files,
    total: result.summary.total ?? result.summary.files,
    cached: result.cached,
    ...(result.checked ? { files: result.checked } : {}),
  };
  if (result.everything) return { note: `keel.yaml changed since ${since}: its settings reach every rule, so every file is checked`, data };
  const parts = [`${result.changed} changed since ${since}`];
  if (result.deleted > 0) parts.push(`${result.deleted} deleted`);
  parts.push(`${result.related} related to them`, 'and keel.yaml');
  return { note: `checking ${result.summary.files} of ${plural(data.total, 'file')}: ${parts.join(', ')}`, data };
}
