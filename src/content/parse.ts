/**
 * Per-file parsing: text → YAML/front matter/CSV with positions → schema → entries.
 * Each function reports every problem it finds in the file and never throws on content.
 */
import { basename, extname } from 'node:path';
import type { z } from 'zod';
import { RFC1123_LABEL } from '../schemas/common.ts';
import { RATIO_HEADER, RatioMeasurementSchema, THRESHOLD_HEADER, ThresholdMeasurementSchema } from '../schemas/measurement.ts';
import { RUNBOOK_SECTIONS } from '../schemas/runbook.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { didYouMean } from '../validate/suggest.ts';
import { issuesToDiagnostics } from '../validate/zod-issues.ts';
import type { DocumentEntry, Entry, MeasurementEntry } from './entry.ts';
import { SLO_FOLDER_KINDS, type CollectionName } from './kinds.ts';
import type { MdxCheck } from './mdx-checker.ts';
import { parseYaml, type Locate, type YamlDocument } from './yaml.ts';

export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Display path. */
  file: string;
  text: string;
}

type Sink = (d: Diagnostic) => void;

const error = (file: string, line: number, column: number, message: string, rule: string, hint?: string): Diagnostic => ({
  file,
  line,
  column,
  severity: 'error',
  message,
  rule,
  hint,
});

/** The id of a file-based entry: the `id` field if given, else the file name. */
function entryId(source: SourceFile, data: unknown, locate: Locate, report: Sink): string | undefined {
  const given = (data as { id?: unknown } | null)?.id;
  if (typeof given === 'string') return given;
  const name = basename(source.path, extname(source.path));
  if (RFC1123_LABEL.test(name)) return name;
  report({
    ...error(source.file, 0, 0, `file name "${name}" is not a valid id`, 'schema/id',
      'rename the file using lower-case letters, digits and hyphens, or set id: in the file'),
    ...locate([]),
  });
  return undefined;
}

function yamlProblems(source: SourceFile, problems: ReturnType<typeof parseYaml>['problems'], report: Sink): void {
  for (const p of problems) {
    report(error(source.file, p.line, p.column, `YAML syntax error: ${p.message}`, 'yaml/syntax', yamlHint(p.code)));
  }
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation: nested keys line up under their parent, with spaces, not tabs';
    case 'TAB_AS_INDENT':
      return 'YAML indents with spaces; replace the tab';
    case 'ALIAS_COUNT':
      return 'use fewer aliases (*name): write the repeated values out';
    default:
      return 'quote values that contain ": " or start with a special character (@ ` | > * & ! % #)';
  }
}

function parseWith<T>(
  schema: z.ZodType,
  source: SourceFile,
  doc: YamlDocument,
  report: Sink,
): { ok: true; data: T } | { ok: false } {
  const result = schema.safeParse(doc.data, { reportInput: true });
  if (result.success) return { ok: true, data: result.data as T };
  const diagnostics = issuesToDiagnostics(result.error.issues, { file: source.file, locate: doc.locate, schema });
  for (const d of dropShadowedRequired(diagnostics)) report(d);
  return { ok: false };
}

/** "x is required" beside an unknown field that is a typo of x says the same thing twice. */
function dropShadowedRequired(diagnostics: Diagnostic[]): Diagnostic[] {
  const typoOf = new Set(
    diagnostics
      .filter((d) => d.rule === 'schema/unknown-field' && d.hint?.startsWith('did you mean'))
      .map((d) => d.hint!.slice('did you mean "'.length, -2)),
  );
  return diagnostics.filter((d) => {
    if (d.rule !== 'schema/required') return true;
    const field = d.message.replace(/ is required$/, '').split('.').pop()!;
    return !typoOf.has(field);
  });
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
  if (documents.length === 0 || documents[0]!.data == null) {
    report(error(source.file, 1, 1, 'file is empty', 'yaml/empty', 'an empty file is probably a mistake: fill it in or delete it'));
    return undefined;
  }
  if (documents.length > 1) {
    const second = documents[1]!.start;
    report(error(source.file, second.line, second.column, 'this file holds more than one YAML document', 'yaml/multiple-documents', 'keep one entry per file; only files in slos/ hold several documents'));
  }
  const doc = documents[0]!;
  const parsed = parseWith<T>(schema, source, doc, report);
  const id = needsId ? entryId(source, doc.data, doc.locate, report) : 'settings';
  if (!parsed.ok) onInvalid?.(doc.data, doc.locate);
  if (!parsed.ok || id === undefined) return undefined;
  return { id, file: source.file, path: source.path, data: parsed.data, raw: doc.data, locate: doc.locate };
}

export interface SloFileEntry {
  collection: CollectionName;
  entry: Entry<unknown>;
}

/**
 * A file in slos/: any number of OpenSLO v1 or keel/v1 documents. `rejected` learns each
 * document that failed its schema (its name, and the data as written), so that references to
 * it are not reported again and its own references are still checked.
 */
export function parseSloFile(
  source: SourceFile,
  report: Sink,
  rejected?: (collection: CollectionName, name: string, raw: unknown, locate: Locate) => void,
): SloFileEntry[] {
  const { documents, problems } = parseYaml(source.text);
  yamlProblems(source, problems, report);
  const out: SloFileEntry[] = [];
  for (const doc of documents) {
    if (doc.data == null) continue;
    const data = doc.data as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown } };
    if (typeof data !== 'object' || Array.isArray(data)) {
      report(error(source.file, doc.start.line, doc.start.column, 'a document must be a mapping with apiVersion, kind, metadata and spec', 'schema/type'));
      continue;
    }
    const versions = Object.keys(SLO_FOLDER_KINDS) as (keyof typeof SLO_FOLDER_KINDS)[];
    const version = versions.find((v) => v === data.apiVersion);
    if (!version) {
      const got = data.apiVersion === undefined ? 'nothing' : JSON.stringify(data.apiVersion);
      report({
        ...error(source.file, 0, 0, `apiVersion must be one of ${versions.join(', ')} (got ${got})`, 'schema/api-version',
          'OpenSLO documents use apiVersion: openslo/v1; error-budget policies use keel/v1'),
        ...doc.locate(data.apiVersion === undefined ? [] : ['apiVersion']),
      });
      continue;
    }
    const kinds = SLO_FOLDER_KINDS[version] as Record<string, { collection: CollectionName; schema: z.ZodType }>;
    const kind = typeof data.kind === 'string' ? kinds[data.kind] : undefined;
    if (!kind) {
      const near = typeof data.kind === 'string' ? didYouMean(data.kind, Object.keys(kinds)) : undefined;
      report({
        ...error(source.file, 0, 0, `kind must be one of ${Object.keys(kinds).join(', ')} for ${version} (got ${data.kind === undefined ? 'nothing' : JSON.stringify(data.kind)})`, 'schema/kind',
          near ? `did you mean "${near}"?` : undefined),
        ...doc.locate(data.kind === undefined ? [] : ['kind']),
      });
      continue;
    }
    const parsed = parseWith<{ metadata: { name: string } }>(kind.schema, source, doc, report);
    if (!parsed.ok) {
      if (typeof data.metadata?.name === 'string') rejected?.(kind.collection, data.metadata.name, doc.data, doc.locate);
      continue;
    }
    out.push({
      collection: kind.collection,
      entry: { id: parsed.data.metadata.name, file: source.file, path: source.path, data: parsed.data, raw: doc.data, locate: doc.locate },
    });
  }
  // A file of comments or empty documents holds nothing either: report it, never skip it silently.
  if (problems.length === 0 && documents.every((doc) => doc.data == null)) {
    report(error(source.file, 1, 1, 'file is empty', 'yaml/empty', 'an empty file is probably a mistake: fill it in or delete it'));
  }
  return out;
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

/** A Markdown/MDX file with YAML front matter (incidents, runbooks, concerns, experiments). */
export function parseDocument<T>(
  source: SourceFile,
  collection: CollectionName,
  schema: z.ZodType,
  report: Sink,
  checkMdx?: MdxCheck,
  onInvalid?: OnInvalid,
): DocumentEntry<T> | undefined {
  const split = splitFrontMatter(source.text);
  if (split === 'missing') {
    report(error(source.file, 1, 1, 'front matter is missing', 'frontmatter/missing', 'start the file with a line "---", the YAML fields, then another "---"'));
    return undefined;
  }
  if (split === 'unclosed') {
    report(error(source.file, 1, 1, 'front matter is not closed', 'frontmatter/unclosed', 'end the front matter with a line "---"'));
    return undefined;
  }
  const { frontMatter, body, bodyLine } = split;
  const { documents, problems } = parseYaml(frontMatter, FRONT_MATTER_LINE_OFFSET);
  yamlProblems(source, problems, report);
  const format = extname(source.path) === '.mdx' ? 'mdx' : 'md';
  if (format === 'mdx' && checkMdx) {
    // The answer may come later (from a worker thread); it is reported with this file.
    checkMdx(body, (mdxProblems) => {
      for (const p of mdxProblems) {
        report(error(source.file, p.line + bodyLine - 1, p.column, `MDX syntax error: ${p.message}`, 'mdx/syntax', 'MDX is stricter than Markdown: close every tag, escape { and < in text as \\{ and \\<'));
      }
    });
  }
  if (problems.length > 0) return undefined;
  const doc = documents[0];
  if (!doc || doc.data == null) {
    report(error(source.file, 1, 1, 'front matter is empty', 'frontmatter/empty', 'fill in the fields between the two "---" lines'));
    return undefined;
  }
  const parsed = parseWith<T>(schema, source, doc, report);
  const id = entryId(source, doc.data, doc.locate, report);
  if (collection === 'runbooks') checkRunbookSections(source, body, bodyLine, report);
  if (!parsed.ok) onInvalid?.(doc.data, doc.locate);
  if (!parsed.ok || id === undefined) return undefined;
  return { id, file: source.file, path: source.path, data: parsed.data, raw: doc.data, locate: doc.locate, body, bodyLine, format };
}

/** Runbooks need their four sections as `##` headings; missing ones are warnings. */
function checkRunbookSections(source: SourceFile, body: string, bodyLine: number, report: Sink): void {
  const headings = new Set<string>();
  let inFence = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (m) headings.add(m[1]!.toLowerCase());
  }
  const missing = RUNBOOK_SECTIONS.filter((s) => !headings.has(s.toLowerCase()));
  if (missing.length > 0) {
    report({
      ...error(source.file, bodyLine, 1, `runbook is missing section${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, 'runbook/sections',
        `add "## ${missing[0]}" (every runbook has ## ${RUNBOOK_SECTIONS.join(', ## ')})`),
      severity: 'warning',
    });
  }
}

/** Stop listing bad rows of one file after this many; a summary line tells how many more. */
const MAX_ROW_DIAGNOSTICS = 10;

/** A measurements CSV: `timestamp,good,total` or `timestamp,value`. */
export function parseMeasurements(source: SourceFile, report: Sink): MeasurementEntry | undefined {
  const id = basename(source.path, '.csv');
  const lines = source.text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const type = sameColumns(header, RATIO_HEADER) ? 'ratio' : sameColumns(header, THRESHOLD_HEADER) ? 'threshold' : undefined;
  if (!type) {
    report(error(source.file, 1, 1, `header must be "${RATIO_HEADER.join(',')}" or "${THRESHOLD_HEADER.join(',')}" (got "${lines[0] ?? ''}")`, 'measurement/header',
      'ratio SLIs record good and total events per interval; threshold SLIs record a value'));
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
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const starts: number[] = [];
    cells.reduce((offset, cell) => (starts.push(offset + 1), offset + cell.length + 1), 0);
    if (cells.length !== columns.length) {
      bad(error(source.file, i + 1, 1, `row has ${cells.length} fields, expected ${columns.length} (${columns.join(',')})`, 'measurement/columns'));
      continue;
    }
    const row: Record<string, unknown> = { timestamp: cells[0]!.trim() };
    for (let c = 1; c < cells.length; c++) {
      // Keep what was written when it is not a number, so the message quotes it (not "NaN").
      const cell = cells[c]!.trim();
      const value = cell === '' ? Number.NaN : Number(cell);
      row[columns[c]!] = Number.isNaN(value) ? cell : value;
    }
    const result = schema.safeParse(row, { reportInput: true });
    if (!result.success) {
      const locate: Locate = (path) => ({ line: i + 1, column: starts[Math.max(0, columns.indexOf(path[0] as never))] ?? 1 });
      for (const d of issuesToDiagnostics(result.error.issues, { file: source.file, locate, schema })) bad(d);
      continue;
    }
    const t = Date.parse(row.timestamp as string);
    if (t <= previous) {
      bad(error(source.file, i + 1, 1, `timestamps must ascend: ${row.timestamp as string} is not after the row above`, 'measurement/order', 'sort the rows by time and remove duplicates'));
      continue;
    }
    previous = t;
    time.push(t);
    a.push(row[columns[1]!] as number);
    if (type === 'ratio') b.push(row.total as number);
    rowLines.push(i + 1);
  }
  if (problems > MAX_ROW_DIAGNOSTICS) {
    report(error(source.file, 1, 1, `${problems - MAX_ROW_DIAGNOSTICS} more bad rows not listed`, 'measurement/more'));
  }
  if (problems > 0) return undefined;
  const series = type === 'ratio' ? { type, time, good: a, total: b } as const : { type, time, value: a } as const;
  return { id, file: source.file, path: source.path, series, rowLines };
}

function sameColumns(header: string[], expected: readonly string[]): boolean {
  return header.length === expected.length && header.every((h, i) => h === expected[i]);
}
