/**
 * Per-file parsing: text → YAML/front matter/CSV with positions → schema → entries.
 * Each function reports every problem it finds in the file and never throws on content.
 */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { formatPath, type DataPath, type Diagnostic, type Locate, type Place, type Sink } from '../core/diagnostic.ts';
import { MAX_FINDINGS_PER_FILE, MAX_ITEMS, MAX_MDX_MS, MAX_MDX_RUN_MS, MAX_NESTING } from '../core/limits.ts';
import { diagnose } from '../core/rule.ts';
import { plainUtcInstant } from '../core/time.ts';
import { didYouMean } from '../core/suggest.ts';
import type { CollectionName } from '../kinds/index.ts';
import type { KindDefinition } from '../kinds/kind.ts';
import { RFC1123_LABEL } from '../schemas/common.ts';
import { RATIO_HEADER, RatioMeasurementSchema, THRESHOLD_HEADER, ThresholdMeasurementSchema } from '../schemas/measurement.ts';
import { ID, TYPE, UNKNOWN_FIELD } from '../schemas/rules.ts';
import type { DocumentEntry, Entry, MeasurementEntry } from './entry.ts';
import type { MdxRefusal } from './mdx-bounds.ts';
import type { MdxCheck } from './mdx-checker.ts';
import type { ComponentUse } from '../core/mdx-components.ts';
import {
  API_VERSION,
  FOREIGN_FORMAT,
  FRONTMATTER_EMPTY,
  FRONTMATTER_MISSING,
  FRONTMATTER_UNCLOSED,
  KIND,
  LIMIT_ITEMS,
  LIMIT_MDX,
  LIMIT_NESTING,
  LIMIT_TIME,
  MDX_SYNTAX,
  MDX_UNSAFE,
  MEASUREMENT_COLUMNS,
  MEASUREMENT_HEADER,
  MEASUREMENT_MORE,
  MEASUREMENT_NUMBER,
  MEASUREMENT_ORDER,
  YAML_COMMENT_CUT_TEXT,
  YAML_EMPTY,
  YAML_MULTIPLE_DOCUMENTS,
  YAML_SYNTAX,
  YAML_UNKNOWN_TAG,
} from './rules.ts';
import { commentCutText, parseYaml, type YamlDocument } from './yaml.ts';
import { cappedIssuesToDiagnostics, issuesToDiagnostics } from './zod-issues.ts';

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Display path. */
  file: string;
  text: string;
}

const start = (file: string): Place => ({ file, line: 1, column: 1 });

/** The id of a file-based entry: the `id` field if given, else the file name. */
function entryId(source: SourceFile, data: unknown, locate: Locate, report: Sink): string | undefined {
  const given = (data as { id?: unknown } | null)?.id;
  if (typeof given === 'string') return given;
  const name = basename(source.path, extname(source.path));
  if (RFC1123_LABEL.test(name)) return name;
  report(diagnose(ID, { file: source.file, ...locate([]) }, { message: 'fileName', data: { name } }));
  return undefined;
}

function yamlProblems(source: SourceFile, problems: ReturnType<typeof parseYaml>['problems'], report: Sink): void {
  for (const p of problems) {
    const place = { file: source.file, line: p.line, column: p.column };
    if (p.code === 'UNKNOWN_TAG') report(diagnose(YAML_UNKNOWN_TAG, place, { message: 'unknown', data: { tag: p.message } }));
    else if (p.code === 'NESTING') report(diagnose(LIMIT_NESTING, place, { message: 'depth', data: { limit: MAX_NESTING } }));
    else if (p.code === 'SIZE') report(diagnose(LIMIT_ITEMS, place, { message: 'items', data: { path: p.message, limit: MAX_ITEMS } }));
    else if (p.gaveUp !== undefined) report(diagnose(YAML_SYNTAX, place, { message: 'unclosed', data: { reason: p.message, gaveUp: p.gaveUp } }));
    else report(diagnose(YAML_SYNTAX, place, { message: yamlMessage(p.code), data: { reason: p.message } }));
  }
}

/** yaml/comment-cut-text: list items of plain text that a " #" cut short (a text test first, then a parse for positions). */
function commentCuts(source: SourceFile, text: string, lineOffset: number, report: Sink): void {
  for (const cut of commentCutText(text, lineOffset)) {
    report(diagnose(YAML_COMMENT_CUT_TEXT, { file: source.file, line: cut.line, column: cut.column }, { message: 'cut', data: { kept: cut.kept, cut: cut.cut } }));
  }
}

/** Which yaml/syntax message (and so which hint) fits the parser's error code. */
function yamlMessage(code: string): keyof typeof YAML_SYNTAX.messages {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicateKey';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'indent';
    case 'TAB_AS_INDENT':
      return 'tab';
    case 'ALIAS_COUNT':
      return 'aliases';
    default:
      return 'other';
  }
}

function parseWith<T>(
  schema: z.ZodType,
  source: SourceFile,
  doc: YamlDocument,
  report: Sink,
): { ok: true; data: T } | { ok: false } {
  // A "__proto__" key is data in YAML but the prototype to JavaScript: Zod drops it silently.
  if (source.text.includes('__proto__')) {
    const found = protoKeys(doc.data);
    for (const path of found) {
      const where = path.length > 0 ? ` in ${formatPath(path)}` : '';
      report(diagnose(UNKNOWN_FIELD, { file: source.file, ...doc.locate([...path, '__proto__'], 'key') }, { message: 'proto', data: { where } }));
    }
    if (found.length > 0) return { ok: false };
  }
  const result = schema.safeParse(doc.data, { reportInput: true });
  if (result.success) return { ok: true, data: result.data as T };
  const { diagnostics, more } = cappedIssuesToDiagnostics(result.error.issues, { file: source.file, locate: doc.locate, schema }, MAX_FINDINGS_PER_FILE);
  for (const d of diagnostics) report(d);
  // Past the limit, only a count: the last one listed stands for them (the loader lists none of them).
  if (more > 0) report(diagnostics.at(-1)!, more);
  return { ok: false };
}

/** The paths of the objects in `data` that have an own "__proto__" key (no recursion: a work list). */
function protoKeys(data: unknown): DataPath[] {
  const out: DataPath[] = [];
  const work: { value: unknown; path: PropertyKey[] }[] = [{ value: data, path: [] }];
  for (let item = work.pop(); item; item = work.pop()) {
    const { value, path } = item;
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && Object.hasOwn(value, '__proto__')) out.push(path);
    for (const [key, child] of Object.entries(value)) work.push({ value: child, path: [...path, Array.isArray(value) ? Number(key) : key] });
  }
  return out;
}

/** Learns the data as written of an entry whose YAML parsed but whose schema failed. */
export type OnInvalid = (raw: unknown, locate: Locate) => void;

/** A YAML file holding exactly one entry (services, maintenance, keel.yaml). */
export function parseSingleYaml<T>(
  source: SourceFile,
  schema: z.ZodType,
  report: Sink,
  { needsId = true, onInvalid }: { needsId?: boolean; onInvalid?: OnInvalid } = {},
): Entry<T> | undefined {
  const { documents, problems } = parseYaml(source.text);
  yamlProblems(source, problems, report);
  if (problems.length > 0) return undefined;
  commentCuts(source, source.text, 0, report);
  if (documents.length === 0 || documents[0]!.data == null) {
    report(diagnose(YAML_EMPTY, start(source.file), { message: 'empty' }));
    return undefined;
  }
  if (documents.length > 1) {
    report(diagnose(YAML_MULTIPLE_DOCUMENTS, { file: source.file, ...documents[1]!.start }, { message: 'multiple' }));
  }
  const doc = documents[0]!;
  const parsed = parseWith<T>(schema, source, doc, report);
  const id = needsId ? entryId(source, doc.data, doc.locate, report) : 'settings';
  if (!parsed.ok) onInvalid?.(doc.data, doc.locate);
  if (!parsed.ok || id === undefined) return undefined;
  return { id, file: source.file, path: source.path, data: parsed.data, raw: doc.data, locate: doc.locate };
}

export interface DocumentFileEntry {
  collection: CollectionName;
  entry: Entry<unknown>;
}

/** The kinds one folder's documents may be, by apiVersion and kind (src/kinds/index.ts). */
export type DocumentKinds = ReadonlyMap<string, ReadonlyMap<string, KindDefinition>>;

/**
 * A file of YAML documents (content/slos/): any number of OpenSLO v1 or keel/v1 documents.
 * `rejected` learns each document that failed its schema (its name, and the data as written),
 * so that references to it are not reported again and its own references are still checked.
 */
export function parseDocumentFile(
  source: SourceFile,
  kinds: DocumentKinds,
  report: Sink,
  rejected?: (collection: CollectionName, name: string, raw: unknown, locate: Locate) => void,
): DocumentFileEntry[] {
  const { documents, problems } = parseYaml(source.text);
  yamlProblems(source, problems, report);
  if (problems.length === 0) commentCuts(source, source.text, 0, report);
  const out: DocumentFileEntry[] = [];
  const versions = [...kinds.keys()];
  for (const doc of objectsOf(documents)) {
    const data = doc.data as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      report(diagnose(TYPE, { file: source.file, ...doc.start }, { message: 'notADocument' }));
      continue;
    }
    const foreign = foreignFormat(data);
    if (foreign) {
      // At the field that names the format: apiVersion, Sloth's version, else the first key (slo-generator's shared configuration).
      const place = 'apiVersion' in data ? doc.locate(['apiVersion']) : 'version' in data ? doc.locate(['version']) : doc.locate([Object.keys(data)[0]!], 'key');
      report(diagnose(FOREIGN_FORMAT, { file: source.file, ...place }, { message: foreign.message, data: { format: foreign.format } }));
      continue;
    }
    const byKind = typeof data.apiVersion === 'string' ? kinds.get(data.apiVersion) : undefined;
    if (!byKind) {
      const got = data.apiVersion === undefined ? 'nothing' : JSON.stringify(data.apiVersion);
      const place = { file: source.file, ...doc.locate(data.apiVersion === undefined ? [] : ['apiVersion']) };
      report(diagnose(API_VERSION, place, { message: 'unknown', data: { versions: versions.join(', '), got } }));
      continue;
    }
    const version = data.apiVersion as string;
    const kind = typeof data.kind === 'string' ? byKind.get(data.kind) : undefined;
    if (!kind) {
      const names = [...byKind.keys()];
      const near = typeof data.kind === 'string' ? didYouMean(data.kind, names) : undefined;
      const place = { file: source.file, ...doc.locate(data.kind === undefined ? [] : ['kind']) };
      const got = data.kind === undefined ? 'nothing' : JSON.stringify(data.kind);
      report(diagnose(KIND, place, { message: 'unknown', data: { kinds: names.join(', '), version, got }, hint: near ? `did you mean "${near}"?` : undefined }));
      continue;
    }
    const collection = kind.name as CollectionName;
    const parsed = parseWith<{ metadata: { name: string } }>(kind.schema, source, doc, report);
    if (!parsed.ok) {
      if (typeof data.metadata?.name === 'string') rejected?.(collection, data.metadata.name, doc.data, doc.locate);
      continue;
    }
    out.push({
      collection,
      entry: { id: parsed.data.metadata.name, file: source.file, path: source.path, data: parsed.data, raw: doc.data, locate: doc.locate },
    });
  }
  // A file of comments or empty documents holds nothing either: report it, never skip it silently.
  if (problems.length === 0 && documents.every((doc) => doc.data == null)) {
    report(diagnose(YAML_EMPTY, start(source.file), { message: 'empty' }));
  }
  return out;
}

/**
 * The objects of a YAML stream: each document, and each item of a document that is a list
 * (the form `oslo fmt` writes and the OpenSLO SDK reads), located within its document.
 */
function objectsOf(documents: readonly YamlDocument[]): YamlDocument[] {
  const out: YamlDocument[] = [];
  for (const doc of documents) {
    if (doc.data == null) continue;
    if (!Array.isArray(doc.data)) {
      out.push(doc);
      continue;
    }
    doc.data.forEach((item: unknown, i) => {
      out.push({
        data: item,
        locate: (path, at) => doc.locate([i, ...path], at),
        get start() {
          return doc.locate([i]);
        },
      });
    });
  }
  return out;
}

/** Top-level keys of slo-generator's shared configuration file (config.yaml), which has no apiVersion. */
const SLO_GENERATOR_SHARED_KEYS = ['backends', 'exporters', 'error_budget_policies', 'default_exporters'];

/** SLO formats Keel does not read, recognised so the finding can name them and say what to do. */
function foreignFormat(data: Record<string, unknown>): { format: string; message: keyof typeof FOREIGN_FORMAT.messages } | undefined {
  const apiVersion = typeof data.apiVersion === 'string' ? data.apiVersion : '';
  if (data.version === 'prometheus/v1') return { format: 'a Sloth spec (version: prometheus/v1)', message: 'rewrite' };
  if (apiVersion.startsWith('sloth.slok.dev/')) {
    if (data.kind === 'AlertWindows') return { format: `a Sloth AlertWindows file (${apiVersion}): the alert windows of an SLO period`, message: 'alertWindows' };
    return { format: `a Sloth Kubernetes resource (${apiVersion})`, message: 'rewrite' };
  }
  if (apiVersion.startsWith('pyrra.dev/')) return { format: `a Pyrra ServiceLevelObjective (${apiVersion})`, message: 'rewrite' };
  if (apiVersion.startsWith('sre.google.com/')) return { format: `an slo-generator SLO configuration (${apiVersion})`, message: 'rewrite' };
  if (data.apiVersion === undefined && SLO_GENERATOR_SHARED_KEYS.some((key) => key in data)) {
    return { format: 'an slo-generator shared configuration (backends, exporters, error_budget_policies)', message: 'sharedConfig' };
  }
  if (apiVersion === 'openslo/v1alpha') return { format: 'OpenSLO v1alpha', message: 'v1alpha' };
  if (apiVersion.startsWith('openslo.com/v2') || apiVersion.startsWith('openslo/v2')) {
    return { format: `OpenSLO ${apiVersion.split('/')[1]} (a draft of the next version)`, message: 'draft' };
  }
  return undefined;
}

const FENCE = /^---[ \t]*$/;
/** The closing fence, searched from the newline that ends the opening one. */
const CLOSING_FENCE = /\n---[ \t]*(\r?\n|$)/;

/** Front matter starts on line 2 of the file, after the opening fence. */
export const FRONT_MATTER_LINE_OFFSET = 1;

/** Splits a Markdown file into its front matter and body, or says why it cannot. */
export function splitFrontMatter(text: string): { frontMatter: string; body: string; bodyLine: number } | 'missing' | 'unclosed' {
  const firstBreak = text.indexOf('\n');
  if (!FENCE.test((firstBreak < 0 ? text : text.slice(0, firstBreak)).replace(/\r$/, ''))) return 'missing';
  // Find the closing fence without splitting the (possibly long) body into lines.
  const close = firstBreak < 0 ? null : CLOSING_FENCE.exec(text.slice(firstBreak));
  if (!close) return 'unclosed';
  const frontMatter = text.slice(firstBreak + 1, firstBreak + close.index + 1);
  let frontMatterLines = 0;
  for (let i = frontMatter.indexOf('\n'); i >= 0; i = frontMatter.indexOf('\n', i + 1)) frontMatterLines++;
  if (frontMatter !== '' && !frontMatter.endsWith('\n')) frontMatterLines++;
  return {
    frontMatter,
    body: text.slice(firstBreak + close.index + close[0].length),
    // Line 1 is the opening fence, then the front matter, then the closing fence.
    bodyLine: frontMatterLines + 3,
  };
}

/**
 * A string that does not share the memory of the one it was cut from. V8 makes a slice of a
 * string a view of the whole (a "sliced string"), and so are the strings the YAML parser cuts
 * from the front matter: an entry keeps its data and its front matter (for positions) to the end
 * of the run, and through them its whole file, body and all, which the collector then copies from
 * generation to generation. Joining a character makes a new string that V8 flattens into one
 * block of its own when it is sliced again, so what is kept is the front matter alone.
 */
function ownCopy(text: string): string {
  return `${text}\n`.slice(0, -1);
}

/** The body of a Markdown file: its text, the file line it starts on, and its format. */
export interface Body {
  text: string;
  line: number;
  format: 'md' | 'mdx';
}

/**
 * The front matter of a Markdown file as written (before the schema: no defaults), for body
 * checks that read it: `data` is undefined when its YAML did not parse. `locate` finds a value's
 * position (the `yaml` package parses again: call it only for a finding).
 */
export interface FrontMatter {
  data: unknown;
  locate: Locate | undefined;
  /** The front matter's text as written; its first line is the file's line 2. */
  text: string;
}

/** A Markdown/MDX file with YAML front matter (incidents, runbooks, concerns, experiments). */
export function parseDocument<T>(
  source: SourceFile,
  schema: z.ZodType,
  report: Sink,
  {
    checkMdx,
    onInvalid,
    onBody,
  }: { checkMdx?: MdxCheck | undefined; onInvalid?: OnInvalid; onBody?: ((body: Body, frontMatter: FrontMatter) => void) | undefined } = {},
): DocumentEntry<T> | undefined {
  const split = splitFrontMatter(source.text);
  if (split === 'missing') {
    report(diagnose(FRONTMATTER_MISSING, start(source.file), { message: 'missing' }));
    return undefined;
  }
  if (split === 'unclosed') {
    report(diagnose(FRONTMATTER_UNCLOSED, start(source.file), { message: 'unclosed' }));
    return undefined;
  }
  const { body, bodyLine } = split;
  const frontMatter = ownCopy(split.frontMatter);
  const { documents, problems } = parseYaml(frontMatter, FRONT_MATTER_LINE_OFFSET);
  yamlProblems(source, problems, report);
  if (problems.length === 0) commentCuts(source, frontMatter, FRONT_MATTER_LINE_OFFSET, report);
  // Extensions are matched whatever their case: a file.MDX is MDX and gets the MDX check.
  const format = extname(source.path).toLowerCase() === '.mdx' ? 'mdx' : 'md';
  // Body checks see the front matter as written, whether or not it passes its schema.
  const written = problems.length === 0 ? documents[0] : undefined;
  onBody?.({ text: body, line: bodyLine, format }, { data: written?.data ?? undefined, locate: written?.locate, text: frontMatter });
  // The components an MDX body uses (filled when its check answers, before the rules run).
  const components: ComponentUse[] = [];
  if (format === 'mdx' && checkMdx) {
    // The answer may come later (from a worker thread); it is reported with this file.
    checkMdx(body, (mdxProblems, uses = []) => {
      components.push(...uses);
      for (const p of mdxProblems) {
        if (p.refused) {
          report(mdxRefusal(p.refused, { file: source.file, line: p.line + bodyLine - 1, column: 1 }));
          continue;
        }
        if (p.timeout) {
          const [message, seconds] = p.runGuard ? (['run', MAX_MDX_RUN_MS / 1000] as const) : (['mdx', MAX_MDX_MS / 1000] as const);
          report(diagnose(LIMIT_TIME, { file: source.file, line: bodyLine, column: 1 }, { message, data: { seconds } }));
          continue;
        }
        const place = { file: source.file, line: p.line + bodyLine - 1, column: p.column };
        if (p.unsafe) report(diagnose(MDX_UNSAFE, place, { message: p.unsafe, data: { what: p.message } }));
        else report(diagnose(MDX_SYNTAX, place, { message: 'syntax', data: { reason: p.message } }));
      }
    });
  }
  if (problems.length > 0) return undefined;
  const doc = documents[0];
  if (!doc || doc.data == null) {
    report(diagnose(FRONTMATTER_EMPTY, start(source.file), { message: 'empty' }));
    return undefined;
  }
  const parsed = parseWith<T>(schema, source, doc, report);
  const id = entryId(source, doc.data, doc.locate, report);
  if (!parsed.ok) onInvalid?.(doc.data, doc.locate);
  if (!parsed.ok || id === undefined) return undefined;
  return {
    id,
    file: source.file,
    path: source.path,
    data: parsed.data,
    raw: doc.data,
    locate: doc.locate,
    body,
    bodyLine,
    format,
    ...(format === 'mdx' ? { components } : {}),
  };
}

/** The finding for an MDX body that was not parsed, for what it holds. */
function mdxRefusal(refused: MdxRefusal, place: Place): Diagnostic {
  switch (refused.limit) {
    case 'links':
      return diagnose(LIMIT_MDX, place, { message: 'links', data: { count: refused.count, limit: refused.max } });
    case 'nesting':
      return diagnose(LIMIT_MDX, place, { message: 'nesting', data: { depth: refused.depth, limit: refused.max } });
    case 'budget':
      return diagnose(LIMIT_MDX, place, { message: 'budget', data: { budget: refused.budget } });
  }
}

/** A count as a measurement cell: decimal notation (the schema says whether it is whole and not negative). */
const COUNT_CELL = /^-?\d+(\.\d+)?$/;
/** A value: a decimal number, with an optional sign, fraction and exponent (finite by its length). */
const VALUE_CELL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/** Stop listing bad rows of one file after this many; a summary line tells how many more. */
const MAX_ROW_DIAGNOSTICS = 10;

/** A measurements CSV: `timestamp,good,total` or `timestamp,value`. */
export function parseMeasurements(source: SourceFile, report: Sink): MeasurementEntry | undefined {
  const id = basename(source.path, extname(source.path));
  const lines = source.text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const type = sameColumns(header, RATIO_HEADER) ? 'ratio' : sameColumns(header, THRESHOLD_HEADER) ? 'threshold' : undefined;
  if (!type) {
    report(diagnose(MEASUREMENT_HEADER, start(source.file), { message: 'header', data: { ratio: RATIO_HEADER.join(','), threshold: THRESHOLD_HEADER.join(','), got: lines[0] ?? '' } }));
    return undefined;
  }
  const schema = type === 'ratio' ? RatioMeasurementSchema : ThresholdMeasurementSchema;
  const columns = type === 'ratio' ? RATIO_HEADER : THRESHOLD_HEADER;
  const time: number[] = [];
  const a: number[] = [];
  const b: number[] = [];
  const rowLines: number[] = [];
  let problems = 0;
  const bad = (d: Diagnostic) => {
    problems++;
    if (problems <= MAX_ROW_DIAGNOSTICS) report(d);
  };
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (type === 'ratio' ? readPlainRatioRow(line) : readPlainThresholdRow(line)) {
      if (plainRow.time > previous) {
        previous = plainRow.time;
        time.push(plainRow.time);
        a.push(plainRow.a);
        if (type === 'ratio') b.push(plainRow.b);
        rowLines.push(i + 1);
        continue;
      }
    }
    // Any other row, and one out of order, takes the general path, which names what is wrong.
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const starts: number[] = [];
    cells.reduce((offset, cell) => (starts.push(offset + 1), offset + cell.length + 1), 0);
    if (cells.length !== columns.length) {
      bad(diagnose(MEASUREMENT_COLUMNS, { file: source.file, line: i + 1, column: 1 }, { message: 'columns', data: { count: cells.length, expected: columns.length, columns: columns.join(',') } }));
      continue;
    }
    const row: Record<string, unknown> = { timestamp: cells[0]!.trim() };
    let numbers = true;
    for (let c = 1; c < cells.length; c++) {
      // Keep what was written when it is not a number, so the message quotes it (not "NaN").
      const cell = cells[c]!.trim();
      const column = columns[c]!;
      const value = cell === '' ? Number.NaN : Number(cell);
      row[column] = Number.isNaN(value) ? cell : value;
      // Number() also reads 0x10, 2e4 and Infinity: counts are written in decimal, values are finite
      // decimals. Text that is no number at all is left to the schema, which quotes it.
      const count = column !== 'value';
      if (!Number.isNaN(value) && (!(count ? COUNT_CELL : VALUE_CELL).test(cell) || !Number.isFinite(value))) {
        bad(diagnose(MEASUREMENT_NUMBER, { file: source.file, line: i + 1, column: starts[c]! }, { message: count ? 'count' : 'value', data: { column, value: cell } }));
        numbers = false;
      }
    }
    if (!numbers) continue;
    const result = schema.safeParse(row, { reportInput: true });
    if (!result.success) {
      const locate: Locate = (path) => ({ line: i + 1, column: starts[Math.max(0, columns.indexOf(path[0] as never))] ?? 1 });
      for (const d of issuesToDiagnostics(result.error.issues, { file: source.file, locate, schema })) bad(d);
      continue;
    }
    const t = Date.parse(row.timestamp as string);
    if (t <= previous) {
      bad(diagnose(MEASUREMENT_ORDER, { file: source.file, line: i + 1, column: 1 }, { message: 'order', data: { timestamp: row.timestamp as string } }));
      continue;
    }
    previous = t;
    time.push(t);
    a.push(row[columns[1]] as number);
    if (type === 'ratio') b.push(row.total as number);
    rowLines.push(i + 1);
  }
  if (problems > MAX_ROW_DIAGNOSTICS) {
    report(diagnose(MEASUREMENT_MORE, start(source.file), { message: 'more', data: { count: problems - MAX_ROW_DIAGNOSTICS } }));
  }
  if (problems > 0) return undefined;
  const series = type === 'ratio' ? { type, time, good: a, total: b } as const : { type, time, value: a } as const;
  return { id, file: source.file, path: source.path, series, rowLines };
}

/** The row {@link readPlainRatioRow} or {@link readPlainThresholdRow} read last (one object, no allocation per row). */
const plainRow = { time: 0, a: 0, b: 0 };

/**
 * The value of `line[from, to)` when it is 1 to 15 decimal digits (a safe integer), else -1.
 */
function plainCount(line: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = line.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/*
 * The fast path of a measurements file: a row of the plain shape a metrics export writes —
 * `2026-08-24T13:00:00Z,42169,42185` (digits only, good ≤ total) or `2026-08-24T13:00:00Z,0.644`
 * — is read here into {@link plainRow} without the schema, which took 4.8 s for the corpus's
 * 3.2 million rows. These accept only rows the general path accepts, with the same values;
 * every other row (spaces, a local offset, a sign, a bad cell) goes the general path.
 */
function readPlainRatioRow(line: string): boolean {
  if (line.charCodeAt(20) !== 44) return false; // ','
  const time = plainUtcInstant(line);
  if (Number.isNaN(time)) return false;
  const comma = line.indexOf(',', 21);
  if (comma < 0) return false;
  const good = plainCount(line, 21, comma);
  const total = plainCount(line, comma + 1, line.length);
  if (good < 0 || total < 0 || good > total) return false;
  plainRow.time = time;
  plainRow.a = good;
  plainRow.b = total;
  return true;
}

function readPlainThresholdRow(line: string): boolean {
  if (line.charCodeAt(20) !== 44) return false; // ','
  const time = plainUtcInstant(line);
  if (Number.isNaN(time)) return false;
  const cell = line.slice(21);
  if (!VALUE_CELL.test(cell)) return false;
  const value = Number(cell);
  if (!Number.isFinite(value)) return false;
  plainRow.time = time;
  plainRow.a = value;
  return true;
}

function sameColumns(header: string[], expected: readonly string[]): boolean {
  return header.length === expected.length && header.every((h, i) => h === expected[i]);
}
