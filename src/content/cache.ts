/**
 * The parse cache of `keel validate --changed`: what loading each file gave the content index
 * (entries' data, ids of rejected entries and the data as written of invalid ones, measurement
 * series), keyed by the file's path and its git blob hash, so that a file unchanged since the
 * last run is neither read nor parsed again. It serves files whose findings are not reported
 * (outside the checked set), so neither findings nor positions are kept: a restored entry
 * places every value at line 1, column 1.
 *
 * One file per content folder, written with node:v8 (structured clone: Maps, undefined and
 * Dates survive, and it reads several times faster than the JSON of the same data). It is
 * valid for one build of Keel's loader: the fingerprint hashes the sources of src/core,
 * src/schemas, src/kinds and src/content and the V8 version; any other fingerprint is a miss.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { containedPath, replaceContained } from '../core/contained-write.ts';
import { UsageError } from '../core/usage-error.ts';
import { deserialize, serialize } from 'node:v8';
import type { Locate } from '../core/diagnostic.ts';
import { listFiles } from '../core/walk.ts';
import type { CollectionName } from '../kinds/index.ts';
import type { DocumentEntry, Entry, MeasurementEntry } from './entry.ts';
import type { FileResult } from './load.ts';

interface CachedEntry {
  collection: CollectionName;
  id: string;
  data: unknown;
  /** Markdown entries: where the body starts and its format (the body itself is not kept). */
  bodyLine?: number;
  format?: 'md' | 'mdx';
}

interface CachedFile {
  hash: string;
  counted: boolean;
  entries: CachedEntry[];
  rejected: { collection: CollectionName; id: string; invalid: boolean; raw: unknown }[];
  measurement?: Pick<MeasurementEntry, 'id' | 'series' | 'rowLines'>;
}

interface CacheData {
  fingerprint: string;
  files: Map<string, CachedFile>;
}

/** Positions are not kept. */
const NOWHERE: Locate = () => ({ line: 1, column: 1 });

/** Bump when the shape of CachedFile changes. */
const FORMAT = 'keel-parse-cache/1';

let fingerprintMemo: string | undefined;

/** What the cached data depends on: the loader's own sources (src/core … src/content) and V8. */
function fingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const hash = createHash('sha256').update(`${FORMAT}\0${process.versions.v8}\0`);
  const src = resolve(import.meta.dirname, '..');
  for (const layer of ['core', 'schemas', 'kinds', 'content']) {
    const dir = join(src, layer);
    for (const rel of listFiles(dir)) {
      if (rel.includes('.test.')) continue;
      hash.update(`${layer}/${rel}\0`).update(readFileSync(join(dir, rel))).update('\0');
    }
  }
  return (fingerprintMemo = hash.digest('hex'));
}

/** The cache file of one content folder inside a cache folder. */
export function cacheFileFor(cacheDir: string, contentDir: string): string {
  const key = createHash('sha1').update(resolve(contentDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `parse-${key}.v8`);
}

export class ParseCache {
  private readonly path: string | undefined;
  private readonly files: Map<string, CachedFile>;
  private readonly print: string;
  /** Files looked up and found, or stored: what the next save keeps. */
  private readonly used = new Map<string, CachedFile>();
  private added = 0;
  hits = 0;

  private constructor(path: string | undefined, data: CacheData | undefined) {
    this.path = path;
    this.print = fingerprint();
    this.files = data?.fingerprint === this.print ? data.files : new Map<string, CachedFile>();
  }

  /**
   * Reads the cache file at `path` (a missing, unreadable or outdated file is an empty cache); no
   * path: a cache that only lives in memory. A cache file that is a symbolic link (or not a
   * regular file) is refused, read or written: UsageError, exit 2.
   */
  static open(path: string | undefined): ParseCache {
    if (!path) return new ParseCache(undefined, undefined);
    const { exists } = containedPath(dirname(path), basename(path));
    let data: CacheData | undefined;
    try {
      data = exists ? (deserialize(readFileSync(path)) as CacheData) : undefined;
      if (!(data?.files instanceof Map)) data = undefined;
    } catch {
      data = undefined;
    }
    return new ParseCache(path, data);
  }

  /** The cached result of the file at `rel` if its content still has this blob hash. */
  lookup(rel: string, hash: string): CachedFile | undefined {
    const cached = this.files.get(rel);
    if (cached?.hash !== hash) {
      return undefined;
    }
    this.hits++;
    this.used.set(rel, cached);
    return cached;
  }

  /** Keeps what the file at `rel`, of this blob hash, gave the index (keel.yaml is never cached: it is always read). */
  store(rel: string, hash: string, result: FileResult): void {
    if (result.settings) return;
    const cached: CachedFile = {
      hash,
      counted: result.counted,
      entries: result.entries.map(({ collection, entry }) => {
        const out: CachedEntry = { collection, id: entry.id, data: entry.data };
        if ('bodyLine' in entry) {
          const doc = entry as DocumentEntry<unknown>;
          out.bodyLine = doc.bodyLine;
          out.format = doc.format;
        }
        return out;
      }),
      rejected: result.rejected.map(({ collection, id, invalid }) => ({ collection, id, invalid: invalid !== undefined, raw: invalid?.raw })),
    };
    if (result.measurement) {
      const { id, series, rowLines } = result.measurement;
      cached.measurement = { id, series, rowLines };
    }
    this.used.set(rel, cached);
    this.added++;
  }

  /** A file's result rebuilt from the cache: its part of the index, without findings or positions. */
  restore(contentDir: string, rel: string, shown: string, cached: CachedFile): FileResult {
    const path = join(resolve(contentDir), ...rel.split('/'));
    const result: FileResult = {
      counted: cached.counted,
      diagnostics: [],
      entries: cached.entries.map(({ collection, id, data, bodyLine, format }) => {
        const entry: Entry<unknown> = { id, file: shown, path, data, raw: undefined, locate: NOWHERE };
        if (bodyLine !== undefined && format !== undefined) Object.assign(entry, { body: '', bodyLine, format });
        return { collection, entry };
      }),
      rejected: cached.rejected.map(({ collection, id, invalid, raw }) => (invalid ? { collection, id, invalid: { id, file: shown, raw, locate: NOWHERE } } : { collection, id })),
    };
    if (cached.measurement) result.measurement = { ...cached.measurement, file: shown, path };
    return result;
  }

  /**
   * Writes the files looked up or stored in this run (others are gone, or belong to another
   * version of the folder), when anything was added or dropped. A cache is only an
   * optimisation: a folder that cannot be written to is no error.
   */
  save(): void {
    if (!this.path || (this.added === 0 && this.used.size === this.files.size)) return;
    try {
      replaceContained(dirname(this.path), basename(this.path), serialize({ fingerprint: this.print, files: this.used } satisfies CacheData));
    } catch (cause) {
      // A link planted since the cache was opened is refused like one found then.
      if (cause instanceof UsageError) throw cause;
    }
  }
}
