/**
 * The leak guard: after a public build, every file of the output folder (HTML, XML, JSON, JS,
 * CSS, SVG, sitemap, anything) and every file's path is searched for the content's internal
 * values (src/projections/internal-values.ts). A hit fails the build.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ContentIndex } from '../content/entry.ts';
import { escapeControls, excerpt } from '../core/escape.ts';
import { listFiles } from '../core/walk.ts';
import { plural } from '../core/words.ts';
import { internalValueSearch, normaliseText, ValueSearch, type InternalValue, type InternalValueSearch } from '../projections/internal-values.ts';

export interface Leak {
  /** Path of the output file, relative to the folder searched. */
  file: string;
  /** Where the value was found: in the file's text or in its path. */
  in: 'text' | 'name';
  value: InternalValue;
}

/** One search for all of `values` (indexes into them). */
function searchOf(values: readonly InternalValue[]): InternalValueSearch['search'] {
  const built = new ValueSearch(values.map((v) => v.text));
  return (text) => built.search(text);
}

/**
 * Every internal value found in `dir` (contents and file paths), by file, then value. A file
 * that is a byte-for-byte copy of the same path in `staticDir` (Astro's public folder: Keel's
 * own static files, such as the editor JSON Schemas, whose descriptions hold examples) is not
 * made from the content and is not searched; its path still is. `prebuilt`: the search for
 * `values` when the caller has one (internalValueSearch), so a large history builds it once.
 */
export function findLeaks(dir: string, values: readonly InternalValue[], staticDir?: string, prebuilt?: InternalValueSearch['search']): Leak[] {
  const search = prebuilt ?? searchOf(values);
  const leaks: Leak[] = [];
  for (const file of listFiles(dir, { skip: () => false })) {
    for (const i of search(normaliseText(file))) leaks.push({ file, in: 'name', value: values[i]! });
    const bytes = readFileSync(join(dir, file));
    const copy = staticDir === undefined ? undefined : join(staticDir, file);
    if (copy !== undefined && existsSync(copy) && readFileSync(copy).equals(bytes)) continue;
    const text = normaliseText(bytes.toString('utf8'));
    for (const i of search(text)) leaks.push({ file, in: 'text', value: values[i]! });
  }
  return leaks;
}

/** Leaks listed at most, so that a systematic leak does not flood the terminal. */
const SHOWN = 20;

/** The report of a failed guard: one line per leak (file, value, source), then a summary. */
export function formatLeaks(leaks: readonly Leak[], shownDir: string): string {
  const lines = leaks.slice(0, SHOWN).map((l) => {
    const where = `${shownDir}/${l.file}`;
    return `${escapeControls(where)}: ${l.in === 'name' ? 'file name contains' : 'contains'} internal value "${escapeControls(excerpt(l.value.text, 80))}" (from ${escapeControls(l.value.source)})`;
  });
  if (leaks.length > SHOWN) lines.push(`… and ${leaks.length - SHOWN} more`);
  const files = new Set(leaks.map((l) => l.file)).size;
  lines.push(
    `keel: leak guard: ${plural(leaks.length, 'internal value')} in ${plural(files, 'file')} of the public site; ${shownDir} was removed so that it cannot be published`,
  );
  return lines.join('\n');
}

/**
 * Searches a finished public build, the folder `site`, for the internal values of `index` (at
 * `now`). Returns the report when something leaked, after removing `site` and the output folder
 * `outDir` it was to be published to (src/astro/staging.ts; the report names files there);
 * undefined when it is clean.
 */
export function guardPublicBuild(site: string, index: ContentIndex, now: number, staticDir?: string, outDir = site, cwd = process.cwd()): string | undefined {
  const { values, search } = internalValueSearch(index, now);
  const leaks = findLeaks(site, values, staticDir, search);
  if (leaks.length === 0) return undefined;
  const report = formatLeaks(leaks, relative(cwd, outDir) || '.');
  rmSync(site, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
  return report;
}
