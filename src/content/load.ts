/**
 * Reads a content folder: every file is either parsed into an entry or reported.
 * Hidden files and folders (".git", ".DS_Store") are not content.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { Settings } from '../schemas/settings.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import type { Collections, ContentIndex, DocumentEntry, Entry, InvalidEntry, MeasurementEntry } from './entry.ts';
import {
  type CollectionName,
  COLLECTION_NAMES,
  FOLDER_KINDS,
  IGNORED_TOP_LEVEL,
  MARKDOWN_EXTENSIONS,
  MEASUREMENT_FOLDER,
  SETTINGS_FILE,
  SettingsSchema,
  SLO_FOLDER,
  YAML_EXTENSIONS,
} from './kinds.ts';
import { createMdxChecker, type MdxCheck } from './mdx-checker.ts';
import { parseDocument, parseMeasurements, parseSingleYaml, parseSloFile, type OnInvalid, type SourceFile } from './parse.ts';

export interface LoadResult {
  index: ContentIndex;
  diagnostics: Diagnostic[];
}

/** All files below `dir`, relative, with forward slashes, skipping hidden ones. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const dirent of readdirSync(join(dir, rel), { withFileTypes: true })) {
      if (dirent.name.startsWith('.')) continue;
      const child = rel ? `${rel}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

function emptyCollections(): Collections {
  return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, []])) as unknown as Collections;
}

const FOLDERS = Object.entries(FOLDER_KINDS).map(([collection, kind]) => ({ collection, ...kind }));

/** Where a file belongs, or why it does not. */
function classify(rel: string):
  | { kind: 'settings' | 'slos' | 'measurements' }
  | { kind: 'folder'; folder: (typeof FOLDERS)[number] }
  | { kind: 'ignored' }
  | { kind: 'unknown'; hint: string } {
  const [top, ...rest] = rel.split('/');
  const ext = extname(rel).toLowerCase();
  if (rest.length === 0) {
    if (rel === SETTINGS_FILE) return { kind: 'settings' };
    if (IGNORED_TOP_LEVEL.includes(rel)) return { kind: 'ignored' };
    return { kind: 'unknown', hint: `content files live in folders: ${[...FOLDERS.map((f) => f.folder), SLO_FOLDER, MEASUREMENT_FOLDER].map((f) => `${f}/`).join(', ')}` };
  }
  if (top === SLO_FOLDER) {
    return YAML_EXTENSIONS.includes(ext) ? { kind: 'slos' } : { kind: 'unknown', hint: 'slos/ holds .yaml files' };
  }
  if (top === MEASUREMENT_FOLDER) {
    return ext === '.csv' && rest.length === 1 ? { kind: 'measurements' } : { kind: 'unknown', hint: 'measurements/ holds <slo-name>.csv files' };
  }
  const folder = FOLDERS.find((f) => f.folder === top);
  if (!folder) {
    return { kind: 'unknown', hint: `"${top}/" is not a content folder; known folders: ${[...FOLDERS.map((f) => f.folder), SLO_FOLDER, MEASUREMENT_FOLDER].join(', ')}` };
  }
  const extensions = folder.format === 'yaml' ? YAML_EXTENSIONS : MARKDOWN_EXTENSIONS;
  if (!extensions.includes(ext)) return { kind: 'unknown', hint: `${folder.folder}/ holds ${extensions.join(' or ')} files` };
  return { kind: 'folder', folder };
}

/** Everything one file yielded. */
export interface FileResult {
  /** False for files that are not content (a top-level README). */
  counted: boolean;
  diagnostics: Diagnostic[];
  settings?: Entry<Settings> | undefined;
  entries: { collection: CollectionName; entry: Entry<unknown> }[];
  measurement?: MeasurementEntry | undefined;
  /**
   * Entries that failed: their ids (references to them are not reported again) and, when the
   * YAML parsed, the data as written (their own references are still checked).
   */
  rejected: { collection: CollectionName; id: string; invalid?: InvalidEntry }[];
}

/** Reads and parses one file of the content folder; reports instead of throwing. */
export function parseSource(root: string, rel: string, cwd: string, checkMdx: MdxCheck | undefined): FileResult {
  const result: FileResult = { counted: true, diagnostics: [], entries: [], rejected: [] };
  const report = (d: Diagnostic) => result.diagnostics.push(d);
  const path = join(root, ...rel.split('/'));
  const file = relative(cwd, path).split(sep).join('/');
  const place = classify(rel);
  if (place.kind === 'ignored') return { ...result, counted: false };
  if (place.kind === 'unknown') {
    report({ file, line: 1, column: 1, severity: 'error', message: 'file is not part of any content kind and would not be published', rule: 'content/unknown-file', hint: place.hint });
    return result;
  }
  let text: string;
  try {
    text = readSource(path);
  } catch (cause) {
    report({ file, line: 1, column: 1, severity: 'error', message: `cannot read file: ${(cause as Error).message.replace(/, \w+ '.*'$/, '')}`, rule: 'content/unreadable',
      hint: 'check that the file exists (not a broken symbolic link) and is readable' });
    return result;
  }
  const source: SourceFile = { path, file, text };
  switch (place.kind) {
    case 'settings':
      result.settings = parseSingleYaml<Settings>(source, SettingsSchema, report, { needsId: false });
      break;
    case 'slos':
      result.entries = parseSloFile(source, report, (collection, id, raw, locate) =>
        result.rejected.push({ collection, id, invalid: { id, file, raw, locate } }),
      );
      break;
    case 'measurements':
      result.measurement = parseMeasurements(source, report);
      break;
    case 'folder': {
      const { folder } = place;
      const collection = folder.collection as CollectionName;
      const id = basename(rel, extname(rel));
      let invalid: InvalidEntry | undefined;
      const onInvalid: OnInvalid = (raw, locate) => (invalid = { id, file, raw, locate });
      const entry =
        folder.format === 'yaml'
          ? parseSingleYaml(source, folder.schema, report, { onInvalid })
          : (parseDocument(source, collection, folder.schema, report, checkMdx, onInvalid) as DocumentEntry<unknown> | undefined);
      if (entry) result.entries.push({ collection, entry });
      else result.rejected.push({ collection, id, ...(invalid ? { invalid } : {}) });
      break;
    }
  }
  return result;
}

/** A file's text, without a byte-order mark. */
function readSource(path: string): string {
  const text = readFileSync(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
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
}

/**
 * Loads and parses every file of the content folder. Diagnostics cover syntax and schema;
 * cross-file rules run afterwards (src/validate/checks).
 */
export async function loadContent(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const cwd = options.cwd ?? process.cwd();
  const root = resolve(contentDir);
  const collections = emptyCollections();
  const index: ContentIndex = { root, settings: undefined, collections, measurements: [], fileCount: 0 };
  const diagnostics: Diagnostic[] = [];

  let stat;
  try {
    stat = statSync(root);
  } catch {
    stat = undefined;
  }
  if (!stat?.isDirectory()) {
    diagnostics.push({ file: relative(cwd, root) || '.', line: 1, column: 1, severity: 'error', message: 'content folder not found', rule: 'content/missing', hint: 'pass --content DIR or set KEEL_CONTENT to the folder holding keel.yaml' });
    return { index, diagnostics };
  }

  const files = listFiles(root);
  const mdx = await createMdxChecker(files.filter((f) => f.endsWith('.mdx')).length, options.mdxWorkerFrom);
  const results = files.map((rel) => {
    const result = parseSource(root, rel, cwd, mdx?.check);
    // Let go of what only a build needs as soon as the file is parsed, not after all of them.
    if (options.keepSources === false) dropSources(result);
    return result;
  });
  // MDX problems may still be on their way from the worker: each lands in its file's result.
  await mdx?.drain();
  for (const result of results) {
    if (result.counted) index.fileCount++;
    diagnostics.push(...result.diagnostics);
    if (result.settings) index.settings = result.settings;
    if (result.measurement) index.measurements.push(result.measurement);
    for (const { collection, entry } of result.entries) (collections[collection] as Entry<unknown>[]).push(entry);
    for (const { collection, id, invalid } of result.rejected) {
      ((index.rejected ??= {})[collection] ??= new Set()).add(id);
      if (invalid) ((index.invalid ??= {})[collection] ??= []).push(invalid);
    }
  }
  if (!files.includes(SETTINGS_FILE)) {
    diagnostics.push({ file: `${relative(cwd, root).split(sep).join('/') || '.'}/${SETTINGS_FILE}`, line: 1, column: 1, severity: 'error', message: 'keel.yaml is missing', rule: 'settings/missing', hint: 'create keel.yaml with at least organisation (name, url) and timeZone' });
  }
  return { index, diagnostics };
}
