/**
 * The parse cache of `keel validate --changed`: what loading each file gave the content index
 * (entries' data, ids of rejected entries and the data as written of invalid ones, measurement
 * series), keyed by the file's path and its git blob hash, so that a file unchanged since the
 * last run is neither read nor parsed again. Beside each file's part of the index it keeps what
 * the file defines and names (its keys, src/rules/related.ts), and the part itself as its own
 * serialized bytes, turned back into data only for a file the run needs (the sub-index): a run
 * with one changed file reads the keys of every file and the data of a few. It serves files whose
 * findings are not reported (outside the checked set), so neither findings nor positions are
 * kept: a restored entry places every value at line 1, column 1.
 *
 * One file per content folder, written with node:v8 (structured clone: Maps, Sets, undefined and
 * Dates survive, and it reads several times faster than the JSON of the same data). It is
 * valid for one build of Keel's loader: the fingerprint hashes the sources of src/core,
 * src/schemas, src/kinds, src/content and src/rules/related.ts and the V8 version; any other
 * fingerprint is a miss.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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

/** A file's part of the index. */
interface CachedPart {
  entries: CachedEntry[];
  rejected: { collection: CollectionName; id: string; invalid: boolean; raw: unknown }[];
  measurement?: Pick<MeasurementEntry, 'id' | 'series' | 'rowLines'>;
}

/** One file of the cache: its blob hash, whether it counts as a content file, its keys, and its part of the index (serialized). */
export interface CachedFile<K> {
  hash: string;
  counted: boolean;
  keys: K;
  part: Uint8Array;
}

interface CacheData<K> {
  fingerprint: string;
  files: Map<string, CachedFile<K>>;
}

/**
 * The file: the length of its header (4 bytes, little-endian), the header (node:v8: the
 * fingerprint, and per file its hash, counted, keys and where its part lies), then every file's
 * part, one after the other. Opening deserializes the header only; a part is a view of the
 * bytes read, deserialized when restored.
 */
interface Header<K> {
  fingerprint: string;
  files: Map<string, Omit<CachedFile<K>, 'part'> & { at: number; length: number }>;
}

function decodeCache<K>(bytes: Buffer): CacheData<K> | undefined {
  if (bytes.length < 4) return undefined;
  const headerLength = bytes.readUInt32LE(0);
  const header = deserialize(bytes.subarray(4, 4 + headerLength)) as Header<K>;
  if (!(header?.files instanceof Map)) return undefined;
  const body = 4 + headerLength;
  const files = new Map<string, CachedFile<K>>();
  for (const [rel, { at, length, ...rest }] of header.files) files.set(rel, { ...rest, part: bytes.subarray(body + at, body + at + length) });
  return { fingerprint: header.fingerprint, files };
}

function encodeCache<K>({ fingerprint, files }: CacheData<K>): Buffer {
  const header: Header<K> = { fingerprint, files: new Map() };
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const [rel, { part, ...rest }] of files) {
    header.files.set(rel, { ...rest, at, length: part.length });
    parts.push(part);
    at += part.length;
  }
  const head = serialize(header);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  return Buffer.concat([length, head, ...parts]);
}

/** Positions are not kept. */
const NOWHERE: Locate = () => ({ line: 1, column: 1 });

/** Bump when the shape of CachedFile changes. */
const FORMAT = 'keel-parse-cache/4';

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
  // What the keys are made of (a checkout's .ts, the installed package's .js).
  for (const name of ['related.ts', 'related.js']) if (existsSync(join(src, 'rules', name))) hash.update(readFileSync(join(src, 'rules', name)));
  return (fingerprintMemo = hash.digest('hex'));
}

/** The cache file of one content folder inside a cache folder. */
export function cacheFileFor(cacheDir: string, contentDir: string): string {
  const key = createHash('sha1').update(resolve(contentDir)).digest('hex').slice(0, 16);
  return join(cacheDir, `parse-${key}.v8`);
}

export class ParseCache<K> {
  private readonly path: string | undefined;
  private readonly files: Map<string, CachedFile<K>>;
  private readonly print: string;
  /** Files looked up and found, or stored: what the next save keeps. */
  private readonly used = new Map<string, CachedFile<K>>();
  private added = 0;
  hits = 0;

  private constructor(path: string | undefined, data: CacheData<K> | undefined) {
    this.path = path;
    this.print = fingerprint();
    this.files = data?.fingerprint === this.print ? data.files : new Map<string, CachedFile<K>>();
  }

  /**
   * Reads the cache file at `path` (a missing, unreadable or outdated file is an empty cache); no
   * path: a cache that only lives in memory. A cache file that is a symbolic link (or not a
   * regular file) is refused, read or written: UsageError, exit 2.
   */
  static open<K>(path: string | undefined): ParseCache<K> {
    if (!path) return new ParseCache<K>(undefined, undefined);
    const { exists } = containedPath(dirname(path), basename(path));
    let data: CacheData<K> | undefined;
    try {
      data = exists ? decodeCache<K>(readFileSync(path)) : undefined;
    } catch {
      data = undefined;
    }
    return new ParseCache<K>(path, data);
  }

  /** The cached result of the file at `rel` if its content still has this blob hash. */
  lookup(rel: string, hash: string): CachedFile<K> | undefined {
    const cached = this.files.get(rel);
    if (cached?.hash !== hash) {
      return undefined;
    }
    this.hits++;
    this.used.set(rel, cached);
    return cached;
  }

  /** Keeps what the file at `rel`, of this blob hash, gave the index, and its keys (keel.yaml is never cached: it is always read). */
  store(rel: string, hash: string, result: FileResult, keys: K): void {
    if (result.settings) return;
    const part: CachedPart = {
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
      part.measurement = { id, series, rowLines };
    }
    this.used.set(rel, { hash, counted: result.counted, keys, part: serialize(part) });
    this.added++;
  }

  /** A file's result rebuilt from the cache: its part of the index, without findings or positions. */
  restore(contentDir: string, rel: string, shown: string, cached: CachedFile<K>): FileResult {
    const path = join(resolve(contentDir), ...rel.split('/'));
    const part = deserialize(cached.part) as CachedPart;
    const result: FileResult = {
      counted: cached.counted,
      diagnostics: [],
      entries: part.entries.map(({ collection, id, data, bodyLine, format }) => {
        const entry: Entry<unknown> = { id, file: shown, path, data, raw: undefined, locate: NOWHERE };
        if (bodyLine !== undefined && format !== undefined) Object.assign(entry, { body: '', bodyLine, format });
        return { collection, entry };
      }),
      rejected: part.rejected.map(({ collection, id, invalid, raw }) => (invalid ? { collection, id, invalid: { id, file: shown, raw, locate: NOWHERE } } : { collection, id })),
    };
    if (part.measurement) result.measurement = { ...part.measurement, file: shown, path };
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
      replaceContained(dirname(this.path), basename(this.path), encodeCache({ fingerprint: this.print, files: this.used }));
    } catch (cause) {
      // A link planted since the cache was opened is refused like one found then.
      if (cause instanceof UsageError) throw cause;
    }
  }
}
