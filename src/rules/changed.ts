/**
 * `keel validate --changed`: validates the files that changed since a git commit and every
 * file related to them (src/rules/related.ts), so that a checked file gets exactly the findings
 * a full run gives it (tests/changed.test.ts compares the two over random edits).
 *
 * Two passes: the first learns what every file defines and names (its keys), from the parse
 * cache (src/content/cache.ts) for files unchanged since the commit and by parsing the others;
 * the checked files and their sub-index (what the rules read to judge them: what they name,
 * their SLOs with everything of those, the services theirs depend on) are then known, and the
 * second pass is the validator itself on the sub-index only: it parses the checked files again
 * with every check (MDX syntax, body rules) and restores the rest from the cache. The cross-file
 * rules see the sub-index, not the whole folder. Only the checked files' findings are reported.
 * When keel.yaml changed (its settings reach every rule), every file is checked.
 */
import { join, relative, resolve, sep } from 'node:path';
import type { Locate } from '../core/diagnostic.ts';
import { ParseCache, type CachedFile } from '../content/cache.ts';
import { parseContentFile, walkFolder, type FileResult } from '../content/load.ts';
import { SETTINGS } from '../kinds/index.ts';
import { decodeKeys, encodeKeys, keysOf, relatedFiles, type FileKeys } from './related.ts';
import { validateContent, type ValidateOptions, type ValidationResult } from './validate.ts';

/** What git says changed in the content folder (paths in the folder, forward slashes). */
export interface ContentChanges {
  /** Files added, modified or untracked, or deleted, since the commit compared with. */
  paths: ReadonlySet<string>;
  /** Blob hashes of the files as they were at that commit. */
  blobs: ReadonlyMap<string, string>;
  /** The bytes at that commit of changed files that existed then (see `oldVersions`). */
  before: ReadonlyMap<string, Uint8Array>;
}

export interface ChangedResult extends ValidationResult {
  /** Every file is checked: keel.yaml changed. */
  everything: boolean;
  /** Changed files of the folder that exist now, and those deleted. */
  changed: number;
  deleted: number;
  /** Files checked because they are related to a changed one. */
  related: number;
  /** Files whose index data came from the cache. */
  cached: number;
  /** The files checked, as shown in findings (not when every file is checked). */
  checked?: string[];
}

export interface ChangedOptions extends Omit<ValidateOptions, 'scope' | 'reuse' | 'onFile' | 'walked' | 'select'> {
  /** The parse cache file; without one, nothing is kept between runs. */
  cacheFile?: string | undefined;
}

/** The display path of a file of the folder, as the loader shows it. */
function displayOf(cwd: string, root: string, rel: string): string {
  return relative(cwd, join(root, ...rel.split('/')))
    .split(sep)
    .join('/');
}

/** Where every finding of an unchecked file is: nowhere in particular, since none is reported. */
const NOWHERE: Locate = () => ({ line: 1, column: 1 });

/**
 * A file outside the checked set, for the second pass: its findings are dropped, so the rules
 * need not look up where they are (a cached entry would parse its file to know, and a rule may
 * report hundreds of unchecked files). The one rule that names another entry's position in a
 * message, id/duplicate, names one that is checked: files defining the same id as a checked
 * file are checked (src/rules/related.ts).
 */
function unreported(result: FileResult): FileResult {
  for (const { entry } of result.entries) entry.locate = NOWHERE;
  for (const { invalid } of result.rejected) if (invalid) invalid.locate = NOWHERE;
  return result;
}

/**
 * `asked` may still be on its way (git runs in processes of its own): the cache is read and the
 * folder walked meanwhile. A problem with git is reported before one with the cache.
 */
export async function validateChanged(
  contentDir: string,
  asked: ContentChanges | Promise<ContentChanges>,
  options: ChangedOptions = {},
): Promise<ChangedResult> {
  const root = resolve(contentDir);
  const cwd = options.cwd ?? process.cwd();
  const { cacheFile, ...validateOptions } = options;
  let opened: { cache: ParseCache<string> } | { error: unknown };
  try {
    opened = { cache: ParseCache.open<string>(cacheFile) };
  } catch (error) {
    opened = { error };
  }
  const walked = walkFolder(root);
  const changes = await asked;
  if (changes.paths.has(SETTINGS.file)) {
    const result = await validateContent(root, { ...validateOptions, walked });
    return { ...result, everything: true, changed: changes.paths.size, deleted: 0, related: 0, cached: 0 };
  }
  if ('error' in opened) throw opened.error;
  const { cache } = opened;

  // Pass 1: what every file defines and names, from the cache where its blob is known (its
  // part of the index stays serialized until the second pass needs it), by parsing otherwise.
  const keys = new Map<string, FileKeys>();
  const cached = new Map<string, CachedFile<string>>();
  const parsed = new Map<string, FileResult>();
  let total = 0;
  for (const file of walked.files) {
    const hash = changes.paths.has(file.rel) ? undefined : changes.blobs.get(file.rel);
    const hit = hash === undefined ? undefined : cache.lookup(file.rel, hash);
    if (hit) {
      cached.set(file.rel, hit);
      keys.set(file.rel, decodeKeys(hit.keys));
      if (hit.counted) total++;
      continue;
    }
    const result = parseContentFile(root, file, { cwd });
    const fileKeys = keysOf(result);
    if (hash !== undefined) cache.store(file.rel, hash, result, encodeKeys(fileKeys));
    parsed.set(file.rel, result);
    keys.set(file.rel, fileKeys);
    if (result.counted) total++;
  }
  cache.save();

  // The files as they were: what they defined may be named by files that did not change.
  const before: FileKeys[] = [];
  let deleted = 0;
  for (const [rel, bytes] of changes.before) {
    const result = parseContentFile(root, { rel, real: join(root, rel) }, { cwd, bytes });
    before.push(keysOf(result));
    if (!keys.has(rel) && (result.entries.length > 0 || result.rejected.length > 0 || result.measurement)) deleted++;
  }
  const changed = new Set([...changes.paths].filter((rel) => keys.has(rel)));
  const { checked, subIndex } = relatedFiles({ keys, changed, before });
  checked.add(SETTINGS.file);
  subIndex.add(SETTINGS.file);

  // Pass 2: the validator on the sub-index, parsing the checked files and restoring the rest.
  const keep = new Set([...checked].map((rel) => displayOf(cwd, root, rel)));
  // Changed entries the walk does not read (a link leading out of the folder) are still reported.
  for (const rel of changes.paths) keep.add(displayOf(cwd, root, rel));
  // Findings about the folder itself.
  keep.add(relative(cwd, root) || '.');
  const counted = (rel: string) => cached.get(rel)?.counted ?? parsed.get(rel)?.counted ?? false;
  const shown = [...checked].filter(counted).map((rel) => displayOf(cwd, root, rel));
  const count = shown.length;
  const result = await validateContent(root, {
    ...validateOptions,
    walked,
    // The refused entries (links leading out, special files) are findings of their own: the changed ones are kept.
    select: (rel) => subIndex.has(rel) || changes.paths.has(rel),
    reuse: (file, display) => {
      if (checked.has(file.rel)) return undefined;
      const hit = cached.get(file.rel);
      if (hit) return unreported(cache.restore(root, file.rel, display, hit));
      const result = parsed.get(file.rel);
      return result && unreported(result);
    },
    scope: { keep: (file) => keep.has(file), files: count },
  });
  const changedCounted = [...changed].filter(counted).length;
  // keel.yaml is checked always, not as a related file.
  return {
    ...result,
    summary: { ...result.summary, total },
    everything: false,
    changed: changedCounted,
    deleted,
    related: count - changedCounted - 1,
    cached: cache.hits,
    checked: shown.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
