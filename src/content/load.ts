/**
 * Reads a content folder: every file is either parsed into an entry or reported.
 * Hidden files and folders (".git", ".DS_Store") are not content.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic, Place, Sink } from '../core/diagnostic.ts';
import { formatBytes, MAX_FILE_BYTES, MAX_FINDINGS_PER_FILE, MAX_MEASUREMENT_BYTES } from '../core/limits.ts';
import { decodeText, readBounded } from '../core/read.ts';
import { diagnose } from '../core/rule.ts';
import { didYouMean } from '../core/suggest.ts';
import { walkContent, type ContentFile, type ContentWalk, type SpecialType } from '../core/walk.ts';
import { COLLECTION_NAMES, DOCUMENT_KINDS, FILE_KINDS, IGNORED_TOP_LEVEL, MEASUREMENTS, SETTINGS, type CollectionName } from '../kinds/index.ts';
import { extensionsOf, type KindDefinition } from '../kinds/kind.ts';
import type { Settings } from '../schemas/settings.ts';
import type { Collections, ContentIndex, DocumentEntry, Entry, InvalidEntry, MeasurementEntry } from './entry.ts';
import { createMdxChecker, type MdxCheck } from './mdx-checker.ts';
import {
  parseDocument,
  parseDocumentFile,
  parseMeasurements,
  parseSingleYaml,
  type Body,
  type DocumentKinds,
  type FrontMatter,
  type OnInvalid,
  type SourceFile,
} from './parse.ts';
import { CONTENT_MISSING, ENCODING, LIMIT_FILE_SIZE, LINK, SETTINGS_MISSING, SPECIAL_FILE, UNKNOWN_FILE, UNREADABLE } from './rules.ts';

export interface LoadResult {
  index: ContentIndex;
  diagnostics: Diagnostic[];
  /** Findings of a file beyond MAX_FINDINGS_PER_FILE: how many, and where the first one was. */
  omitted: Map<string, Omitted>;
}

/** Findings not listed for one file. */
export interface Omitted {
  count: number;
  first: Place;
}

function emptyCollections(): Collections {
  return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, []])) as unknown as Collections;
}

/** Every content folder, for hints. */
const FOLDERS = [...FILE_KINDS.keys(), ...DOCUMENT_KINDS.keys(), MEASUREMENTS.folder];

/** What may stand at the top of a content folder. */
const TOP_LEVEL = [...FOLDERS, SETTINGS.file, ...IGNORED_TOP_LEVEL];

/**
 * A content folder that is also a project's root (it holds package.json or .git: keel.yaml at
 * the top of a content repository) shares its top level with other tools. There only Keel's
 * folders and files are content; other top-level entries (package.json, node_modules/, dist/,
 * src/) are not Keel's to judge, unless the name is a likely typo of one of Keel's
 * (`incident/`, `keel.yml`), which is read and reported as anywhere else.
 */
function isProjectRoot(root: string): boolean {
  return existsSync(join(root, 'package.json')) || existsSync(join(root, '.git'));
}

function skipOtherTools(name: string, rel: string): boolean {
  if (name.startsWith('.')) return true;
  if (rel.includes('/') || TOP_LEVEL.includes(name)) return false;
  return didYouMean(name, TOP_LEVEL) === undefined;
}

/** Where a file belongs, or why it does not. */
function classify(rel: string):
  | { kind: 'settings' | 'measurements' }
  | { kind: 'documents'; kinds: DocumentKinds }
  | { kind: 'file'; definition: KindDefinition }
  | { kind: 'ignored' }
  | { kind: 'unknown'; message: keyof typeof UNKNOWN_FILE.messages; data: Record<string, string> } {
  const [top = '', ...rest] = rel.split('/');
  const ext = extname(rel).toLowerCase();
  if (rest.length === 0) {
    if (rel === SETTINGS.file) return { kind: 'settings' };
    if (IGNORED_TOP_LEVEL.includes(rel)) return { kind: 'ignored' };
    return { kind: 'unknown', message: 'topLevel', data: { folders: FOLDERS.map((f) => `${f}/`).join(', ') } };
  }
  if (top === MEASUREMENTS.folder) {
    return ext === MEASUREMENTS.extension && rest.length === 1 ? { kind: 'measurements' } : { kind: 'unknown', message: 'measurements', data: {} };
  }
  const documents = DOCUMENT_KINDS.get(top);
  const definition = FILE_KINDS.get(top) as KindDefinition | undefined;
  if (!documents && !definition) return { kind: 'unknown', message: 'unknownFolder', data: { folder: top, folders: FOLDERS.join(', ') } };
  const extensions = extensionsOf(definition?.source ?? { format: 'yaml', folder: top });
  if (!extensions.includes(ext)) {
    // slos/ names one extension in its hint, as it always has.
    const list = documents ? extensions[0]! : extensions.join(' or ');
    return { kind: 'unknown', message: 'wrongExtension', data: { folder: top, extensions: list } };
  }
  if (documents) return { kind: 'documents', kinds: documents };
  return { kind: 'file', definition: definition! };
}

/** Everything one file yielded. */
export interface FileResult {
  /** False for files that are not content (a top-level README). */
  counted: boolean;
  diagnostics: Diagnostic[];
  /** Findings past MAX_FINDINGS_PER_FILE, counted, not kept. */
  omitted?: Omitted | undefined;
  settings?: Entry<Settings> | undefined;
  entries: { collection: CollectionName; entry: Entry<unknown> }[];
  measurement?: MeasurementEntry | undefined;
  /**
   * Entries that failed: their ids (references to them are not reported again) and, when the
   * YAML parsed, the data as written (their own references are still checked).
   */
  rejected: { collection: CollectionName; id: string; invalid?: InvalidEntry }[];
}

/**
 * A check of a Markdown body that runs as each file is read, before the body is let go of
 * (src/rules: rules of scope "body"). It runs whether or not the front matter passed its schema,
 * and sees the front matter as written and keel.yaml's settings (read before every other file).
 */
export type BodyCheck = (collection: CollectionName, file: string, body: Body, report: Sink, source: BodySource) => void;

/** What a body check knows besides the body: the file's front matter and the portal's settings. */
export interface BodySource extends FrontMatter {
  /** keel.yaml's settings; undefined when it is missing or fails its schema. */
  settings: Settings | undefined;
}

/** A file of the content folder: its name there, and the path to read (links resolved). */
interface SourceRef {
  rel: string;
  real: string;
  /** The file's bytes when they come from elsewhere (another version of it, from git): not read. */
  bytes?: Uint8Array | undefined;
}

const SPECIAL_NAMES: Record<SpecialType, string> = {
  fifo: 'named pipe',
  socket: 'socket',
  device: 'device',
  kernel: 'kernel file',
  other: 'special file',
};

/** Every file is read into this buffer when it fits, and decoded at once (see readBounded). */
const SCRATCH = Buffer.allocUnsafe(256 * 1024);

/** Keeps the first MAX_FINDINGS_PER_FILE findings of a file, and counts the rest. */
function cappedSink(result: FileResult): Sink {
  return (d, count = 1) => {
    if (count === 1 && result.diagnostics.length < MAX_FINDINGS_PER_FILE) result.diagnostics.push(d);
    else if (result.omitted) result.omitted.count += count;
    else result.omitted = { count, first: { file: d.file, line: d.line, column: d.column } };
  };
}

/** Reads and parses one file of the content folder; reports instead of throwing. */
function parseSource(
  root: string,
  { rel, real, bytes }: SourceRef,
  shown: (rel: string) => string,
  checkMdx: MdxCheck | undefined,
  checkBody?: BodyCheck,
  settings?: Settings,
): FileResult {
  const result: FileResult = { counted: true, diagnostics: [], entries: [], rejected: [] };
  const report = cappedSink(result);
  const path = join(root, ...rel.split('/'));
  const file = shown(rel);
  const place = classify(rel);
  if (place.kind === 'ignored') return { ...result, counted: false };
  if (place.kind === 'unknown') {
    report(diagnose(UNKNOWN_FILE, { file, line: 1, column: 1 }, { message: place.message, data: place.data }));
    return result;
  }
  const limit = place.kind === 'measurements' ? MAX_MEASUREMENT_BYTES : MAX_FILE_BYTES;
  let text: string;
  try {
    const read = bytes ? ({ ok: true, bytes } as const) : readBounded(real, limit, { scratch: SCRATCH });
    if (!read.ok) {
      if (read.reason === 'special') report(diagnose(SPECIAL_FILE, { file, line: 1, column: 1 }, { message: 'special', data: { type: SPECIAL_NAMES[read.type] } }));
      else report(diagnose(LIMIT_FILE_SIZE, { file, line: 1, column: 1 }, { message: 'size', data: { limit: formatBytes(limit), size: formatBytes(read.size) } }));
      rejectWhole(result, place, rel);
      return result;
    }
    const decoded = decodeText(read.bytes);
    text = decoded.text;
    for (const p of decoded.problems) report(diagnose(ENCODING, { file, line: p.line, column: p.column }, { message: p.kind }));
  } catch (cause) {
    const reason = (cause as Error).message.replace(/, \w+ '.*'$/, '');
    report(diagnose(UNREADABLE, { file, line: 1, column: 1 }, { message: 'unreadable', data: { cause: reason } }));
    return result;
  }
  const source: SourceFile = { path, file, text };
  switch (place.kind) {
    case 'settings':
      result.settings = parseSingleYaml<Settings>(source, SETTINGS.schema, report, { needsId: false });
      break;
    case 'documents':
      result.entries = parseDocumentFile(source, place.kinds, report, (collection, id, raw, locate) =>
        result.rejected.push({ collection, id, invalid: { id, file, raw, locate } }),
      );
      break;
    case 'measurements':
      result.measurement = parseMeasurements(source, report);
      break;
    case 'file': {
      const { definition } = place;
      const collection = definition.name as CollectionName;
      const id = fileId(rel);
      let invalid: InvalidEntry | undefined;
      const onInvalid: OnInvalid = (raw, locate) => (invalid = { id, file, raw, locate });
      const entry =
        definition.source.format === 'yaml'
          ? parseSingleYaml(source, definition.schema, report, { onInvalid })
          : parseDocument<unknown>(source, definition.schema, report, {
              checkMdx,
              onInvalid,
              onBody: checkBody && ((body, frontMatter) => checkBody(collection, file, body, report, { ...frontMatter, settings })),
            });
      if (entry) result.entries.push({ collection, entry });
      else result.rejected.push({ collection, id, ...(invalid ? { invalid } : {}) });
      break;
    }
  }
  return result;
}

/** The file name without its extension: the id of a file-based entry. */
function fileId(rel: string): string {
  return basename(rel, extname(rel));
}

/** A file that was not read is still known to exist: references to it are not reported again. */
function rejectWhole(result: FileResult, place: ReturnType<typeof classify>, rel: string): void {
  if (place.kind === 'file') result.rejected.push({ collection: place.definition.name as CollectionName, id: fileId(rel) });
}

/** A path as shown to the user: relative to the working directory, forward slashes. */
function displayPath(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/');
}

/**
 * The display path of each file of the folder: the folder's display path and the file's own
 * (path.relative per file is a measurable share of a large run). When the working directory is
 * inside the folder, paths go up and back down, and each is computed in full.
 */
function displayPaths(cwd: string, root: string): (rel: string) => string {
  const inside = relative(root, cwd);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    return inside === '' ? (rel) => rel : (rel) => displayPath(cwd, join(root, ...rel.split('/')));
  }
  const prefix = displayPath(cwd, root);
  return (rel) => `${prefix}/${rel}`;
}

/** Findings about entries of the folder that are not read: links leading out, loops, special files. */
function refusals(root: string, cwd: string, refused: ContentWalk['refused']): FileResult[] {
  return refused.map((r) => {
    const result: FileResult = { counted: true, diagnostics: [], entries: [], rejected: [] };
    const place = { file: displayPath(cwd, join(root, ...r.rel.split('/'))), line: 1, column: 1 };
    if (r.reason === 'broken') {
      // As reading it would say: the link names a file that does not exist.
      result.diagnostics.push(diagnose(UNREADABLE, place, { message: 'unreadable', data: { cause: 'ENOENT: no such file or directory' } }));
      return result;
    }
    result.diagnostics.push(
      r.reason === 'special'
        ? diagnose(SPECIAL_FILE, place, { message: 'special', data: { type: SPECIAL_NAMES[r.type] } })
        : diagnose(LINK, place, { message: r.reason }),
    );
    rejectWhole(result, classify(r.rel), r.rel);
    return result;
  });
}

/** Lets go of what only a build needs; the checks read `data` (invalid entries keep `raw`). */
function dropSources(result: FileResult): void {
  for (const { entry } of result.entries) {
    entry.raw = undefined;
    if ('body' in entry) (entry as DocumentEntry<unknown>).body = '';
  }
}

export interface LoadOptions {
  /** Working directory that file paths are shown relative to. */
  cwd?: string;
  /** Check MDX on a worker thread from this many MDX files on (default MDX_WORKER_FROM). */
  mdxWorkerFrom?: number;
  /**
   * Keep each entry's data as written (`raw`) and its Markdown body (default). The CLI only
   * reports, so it drops them (`raw` undefined, `body` empty): less memory, less GC.
   */
  keepSources?: boolean;
  /** Checks Markdown bodies as files are read (see BodyCheck). */
  checkBody?: BodyCheck;
  /**
   * A file's result from elsewhere (`keel validate --changed`: a cache of unchanged files),
   * given the file and its display path; when it returns one, the file is not read.
   */
  reuse?: (file: ContentFile, shown: string) => FileResult | undefined;
  /** Learns each file's result as it is parsed (not the reused ones). */
  onFile?: (file: ContentFile, result: FileResult) => void;
  /** The folder as walked already (walkFolder), so that it is not walked again. */
  walked?: ContentWalk;
  /** Load only the files (and refused entries) whose path in the folder this accepts: a sub-index (`keel validate --changed`). */
  select?: (rel: string) => boolean;
}

/** Every file of the content folder `root` as the loader reads it (a project root's other tools' folders left out). */
export function walkFolder(root: string): ContentWalk {
  return isProjectRoot(root) ? walkContent(root, { skip: skipOtherTools }) : walkContent(root);
}

/**
 * Parses one file of a content folder as loadContent does, without the MDX syntax check and
 * body checks: from disk, or from `bytes`, another version of it (git's copy of the file).
 */
export function parseContentFile(contentDir: string, file: ContentFile, { cwd = process.cwd(), bytes }: { cwd?: string; bytes?: Uint8Array } = {}): FileResult {
  const root = resolve(contentDir);
  return parseSource(root, { ...file, bytes }, displayPaths(cwd, root), undefined);
}

/**
 * Loads and parses every file of the content folder. Diagnostics cover syntax and schema;
 * cross-file rules run afterwards (src/rules).
 */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(contentDir);
  const collections = emptyCollections();
  const index: ContentIndex = { root, settings: undefined, collections, measurements: [], fileCount: 0 };
  const diagnostics: Diagnostic[] = [];
  const omitted = new Map<string, Omitted>();

  let stat;
  try {
    stat = statSync(root);
  } catch {
    stat = undefined;
  }
  if (!stat?.isDirectory()) {
    diagnostics.push(diagnose(CONTENT_MISSING, { file: relative(cwd, root) || '.', line: 1, column: 1 }, { message: 'missing' }));
    return { index, diagnostics, omitted };
  }

  const all = options.walked ?? walkFolder(root);
  const { select } = options;
  const walked = select ? { files: all.files.filter((f) => select(f.rel)), refused: all.refused.filter((r) => select(r.rel)) } : all;
  const files = walked.files;
  const shown = displayPaths(cwd, root);
  // Results given from elsewhere first: only the files left are read (and need an MDX checker).
  const given = options.reuse && new Map(files.map((f) => [f.rel, options.reuse!(f, shown(f.rel))]));
  const mdxFiles = files.filter((f) => extname(f.rel).toLowerCase() === '.mdx' && !given?.get(f.rel)).length;
  const mdx = await createMdxChecker(mdxFiles, options.mdxWorkerFrom);
  const results = refusals(root, cwd, walked.refused);
  // keel.yaml first: body checks read its settings (retrospective.requiredSections).
  let settings: Settings | undefined;
  for (const ref of [...files.filter((f) => f.rel === SETTINGS.file), ...files.filter((f) => f.rel !== SETTINGS.file)]) {
    const reused = given?.get(ref.rel);
    if (reused) {
      results.push(reused);
      continue;
    }
    const result = parseSource(root, ref, shown, mdx?.check, options.checkBody, settings);
    if (result.settings) settings = result.settings.data;
    // Let go of what only a build needs as soon as the file is parsed, not after all of them.
    if (options.keepSources === false) dropSources(result);
    options.onFile?.(ref, result);
    results.push(result);
  }
  // MDX problems may still be on their way from the worker: each lands in its file's result.
  await mdx?.drain();
  for (const result of results) {
    if (result.counted) index.fileCount++;
    // One by one: a spread of a long list into push() overflows the stack.
    for (const d of result.diagnostics) diagnostics.push(d);
    if (result.omitted) omitted.set(result.omitted.first.file, result.omitted);
    if (result.settings) index.settings = result.settings;
    if (result.measurement) index.measurements.push(result.measurement);
    for (const { collection, entry } of result.entries) (collections[collection] as Entry<unknown>[]).push(entry);
    for (const { collection, id, invalid } of result.rejected) {
      ((index.rejected ??= {})[collection] ??= new Set()).add(id);
      if (invalid) ((index.invalid ??= {})[collection] ??= []).push(invalid);
    }
  }
  if (!all.files.some((f) => f.rel === SETTINGS.file) && !all.refused.some((r) => r.rel === SETTINGS.file)) {
    const file = `${displayPath(cwd, root) || '.'}/${SETTINGS.file}`;
    diagnostics.push(diagnose(SETTINGS_MISSING, { file, line: 1, column: 1 }, { message: 'missing' }));
  }
  return { index, diagnostics, omitted };
}
