/**
 * YAML with source positions, read with the YAML 1.2 core schema so dates and times stay
 * strings until a schema reads them.
 *
 * Two parsers, for speed: js-yaml (about ten times faster) reads the data; the `yaml` package,
 * which keeps a node tree with source ranges, runs only when a position is asked for (a
 * diagnostic) or when js-yaml finds a syntax error (so every syntax error is listed, with
 * positions). Any path in the data can be traced back to a line and column.
 */
import { createRequire } from 'node:module';
import jsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { formatPath, type DataPath, type Locate, type Position } from '../core/diagnostic.ts';
import { MAX_ALIASES, MAX_ITEMS, MAX_NESTING } from '../core/limits.ts';

const requireYaml = createRequire(import.meta.url);
let yamlMemo: typeof Yaml | undefined;
/**
 * The `yaml` package, loaded on first use (its CommonJS build, synchronously): a run in which no
 * file needs a position never loads its seventy modules.
 */
const yaml = (): typeof Yaml => (yamlMemo ??= requireYaml('yaml') as typeof Yaml);

export interface YamlDocument {
  data: unknown;
  locate: Locate;
  /** Position of the document's first line (for multi-document files). */
  readonly start: Position;
}

export interface YamlProblem extends Position {
  message: string;
  code: string;
  /** For a token never closed (code UNCLOSED): where the parser gave up, in words. */
  gaveUp?: string;
}

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: YamlProblem[];
}

/**
 * Parses every document in `text`. `lineOffset` shifts reported lines, for YAML embedded in a
 * larger file (front matter starts on line 2).
 */
export function parseYaml(text: string, lineOffset = 0): ParsedYaml {
  const data: unknown[] = [];
  try {
    // js-yaml stops at MAX_NESTING levels with the place: nesting deeper is never handed to a
    // recursive parser (the yaml package's would overflow the stack).
    jsYaml.loadAll(text, (doc) => data.push(doc), { schema: jsYaml.CORE_SCHEMA, maxDepth: MAX_NESTING } as jsYaml.LoadOptions);
  } catch (cause) {
    const mark = (cause as { mark?: { line: number; column: number } }).mark;
    if (mark && /exceeded maxDepth/.test((cause as Error).message)) {
      return { documents: [], problems: [{ line: mark.line + 1 + lineOffset, column: mark.column + 1, message: `nested deeper than ${MAX_NESTING} levels`, code: 'NESTING' }] };
    }
    return parseYamlWithPositions(text, lineOffset);
  }
  // js-yaml shares aliased nodes without limit, so an alias bomb would hang the schema check;
  // text that may hold an anchor takes the slow path, which caps aliases (yaml's maxAliasCount).
  if (mayHoldAnchor(text)) return parseYamlWithPositions(text, lineOffset);
  // A collection of more items than any content kind has is reported, not checked item by item
  // (and not located through the slower parser: its path is in the message).
  const problems: YamlProblem[] = [];
  for (const value of data) {
    const big = oversized(value);
    if (big) problems.push({ line: 1 + lineOffset, column: 1, message: big, code: 'SIZE' });
  }
  if (problems.length > 0) return { documents: [], problems };
  return { problems: [], documents: locatedLater(data, text, lineOffset) };
}

/**
 * Documents whose positions are found when first asked for. Made apart from parseYaml so that
 * what `locate` keeps (an entry keeps it to the end of the run) is the text and nothing else of
 * the parse: a closure keeps every variable its scope shares with other closures, and there the
 * parser's output would stay reachable after the CLI lets go of it.
 */
function locatedLater(values: readonly unknown[], text: string, lineOffset: number): YamlDocument[] {
  let located: YamlDocument[] | undefined;
  // js-yaml accepted every document; index the yaml package's documents the same way, even one
  // it is stricter about, so that positions never come from the wrong document.
  const positioned = (i: number): YamlDocument | undefined => (located ??= readDocuments(text, lineOffset).all)[i];
  const first: Position = { line: 1 + lineOffset, column: 1 };
  return values.map((value, i) => ({
    data: value ?? null,
    locate: (path, at) => positioned(i)?.locate(path, at) ?? first,
    get start() {
      return positioned(i)?.start ?? first;
    },
  }));
}

/**
 * An anchor is `&` and its name (no space, no flow indicator) where a node's properties start:
 * never inside a word (a tag and an anchor are separated by a space). So `Q&A` and `a & b` hold
 * no anchor; the test matches at least every anchor (a property test checks it against the YAML
 * lexer), so text that may hold one takes the slow path, and prose with an ampersand (imported
 * update bodies) does not. An anchor without a name is a syntax error to js-yaml, which then
 * takes the slow path anyway.
 */
const ANCHOR = /(?:^|[^A-Za-z0-9])&[^\s[\]{},]/;

export function mayHoldAnchor(text: string): boolean {
  return text.includes('&') && ANCHOR.test(text);
}

/** The path of the first list or mapping of more than MAX_ITEMS entries (`dependsOn`, `(document)`), if any; iterative. */
function oversized(root: unknown): string | undefined {
  // Paths are built only for the finding: each pending node keeps its parent link (most files have none).
  interface Pending {
    value: object;
    key: PropertyKey | undefined;
    parent: Pending | undefined;
  }
  const pathOf = (node: Pending): DataPath => {
    const path: PropertyKey[] = [];
    for (let n: Pending | undefined = node; n?.key !== undefined; n = n.parent) path.unshift(n.key);
    return path;
  };
  if (root === null || typeof root !== 'object') return undefined;
  const pending: Pending[] = [{ value: root, key: undefined, parent: undefined }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value } = next;
    if (Array.isArray(value)) {
      if (value.length > MAX_ITEMS) return formatPath(pathOf(next)) || '(document)';
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        if (child !== null && typeof child === 'object') pending.push({ value: child, key: i, parent: next });
      }
      continue;
    }
    let count = 0;
    for (const key in value) {
      if (++count > MAX_ITEMS) return formatPath(pathOf(next)) || '(document)';
      const child: unknown = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') pending.push({ value: child, key, parent: next });
    }
  }
  return undefined;
}

/** Parses with the `yaml` package: slower, but every node knows its place in the source. */
export function parseYamlWithPositions(text: string, lineOffset = 0): ParsedYaml {
  const { documents, problems } = readDocuments(text, lineOffset, true);
  return { documents, problems };
}

/**
 * A line that may hold a block-list item of plain text cut by " #" right before a word
 * (`- Post in #reliability`): the cheap text test that spares nearly every file the second parse.
 */
const CUT_TEXT_LINE = /^[ \t]*(?:-[ \t]+)+[^\s'"[\]{}|>&*!%@`#-][^\n]*?[ \t]#[^\s#]/m;

/** A list item whose plain text YAML ends at " #": what it keeps, what the comment took, where the # is. */
export interface CutText extends Position {
  kept: string;
  cut: string;
}

/**
 * Block-list items of plain text that a comment cuts short: a plain scalar of words followed by
 * " #" and, with no space after the #, more text (a channel, a ticket: `- Post in #reliability`
 * is "Post in"). A comment written as one (`- api # the main one`) has a space after the #.
 */
export function commentCutText(text: string, lineOffset = 0): CutText[] {
  // No "#", no cut: most front matters hold none, and indexOf is cheaper than the pattern's line-by-line scan.
  if (!text.includes('#') || !CUT_TEXT_LINE.test(text)) return [];
  const { LineCounter, parseAllDocuments, visit, isScalar } = yaml();
  const lineCounter = new LineCounter();
  const out: CutText[] = [];
  for (const doc of parseAllDocuments(text, { lineCounter, schema: 'core', version: '1.2', uniqueKeys: false, resolveKnownTags: false })) {
    visit(doc, {
      Seq(_, seq) {
        if (seq.flow) return;
        for (const item of seq.items) {
          if (!isScalar(item) || item.type !== 'PLAIN' || typeof item.value !== 'string' || !/\p{L}/u.test(item.value)) continue;
          const comment = item.comment;
          if (!comment || /^\s/.test(comment) || !item.range) continue;
          const hash = text.indexOf('#', item.range[1]);
          if (hash < 0) continue;
          const { line, col } = lineCounter.linePos(hash);
          out.push({ line: line + lineOffset, column: col, kept: item.value, cut: comment.split('\n')[0]! });
        }
      },
    });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/**
 * Every document with positions: `all` has one per document of the stream, `documents` those
 * without errors. The data is built only when `withData` (it expands aliases, within limits).
 */
function readDocuments(text: string, lineOffset: number, withData = false): ParsedYaml & { all: YamlDocument[] } {
  const lineCounter = new (yaml().LineCounter)();
  // resolveKnownTags: no tags beyond the core schema's (the yaml package would read !!binary, !!set,
  // !!timestamp by default). The yaml package looks for a duplicate key by scanning the keys before it (quadratic: 100,000
  // keys take minutes); duplicateKeys() below does the same in one pass.
  const docs = yaml().parseAllDocuments(text, { lineCounter, prettyErrors: false, schema: 'core', version: '1.2', uniqueKeys: false, resolveKnownTags: false });
  const toPosition = (offset: number): Position => {
    // The end of a file that ends with a line break is on its last line, not on a line after it.
    const { line, col } = lineCounter.linePos(offset >= text.length && text.endsWith('\n') ? text.length - 1 : offset);
    return { line: line + lineOffset, column: col };
  };
  // An empty stream is an EmptyStream (array-like, no documents).
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const problems: YamlProblem[] = [];
  const documents: YamlDocument[] = [];
  const all: YamlDocument[] = [];
  for (const doc of list) {
    const before = problems.length;
    let deep = false;
    for (const error of doc.errors) {
      // A nesting too deep for the parser's recursion (js-yaml reported none: an earlier error stopped it).
      const code = /Maximum call stack/.test(error.message) ? 'NESTING' : error.code;
      deep ||= code === 'NESTING';
      const indented = overIndented(text, error, doc.errors);
      if (indented !== undefined) {
        // One finding per key out of line, with the indentation hint (BLOCK_AS_IMPLICIT_KEY says the same).
        if (error.code === 'MULTILINE_IMPLICIT_KEY') problems.push({ ...toPosition(indented), code: 'BAD_INDENT', message: 'this key is indented deeper than the keys before it' });
        continue;
      }
      problems.push({ ...toPosition(error.pos[0]), code, ...unclosedOpener(text, error.pos[0], firstLine(error.message), toPosition) });
    }
    if (!deep) for (const offset of duplicateKeys(doc.contents)) problems.push({ ...toPosition(offset), message: 'Map keys must be unique', code: 'DUPLICATE_KEY' });
    // The core schema has no tags of its own: an unresolved tag is an error, never a string.
    for (const warning of doc.warnings) {
      if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
      problems.push({ ...toPosition(warning.pos[0]), message: text.slice(warning.pos[0], warning.pos[1]), code: 'UNKNOWN_TAG' });
    }
    const root = doc.contents;
    const start = toPosition(root?.range?.[0] ?? doc.range[0]);
    const located: YamlDocument = { data: undefined, start, locate: (path, at = 'value') => toPosition(offsetOf(root, path, at, doc.range[0])) };
    all.push(located);
    if (problems.length > before || !withData) continue;
    try {
      located.data = doc.toJS({ maxAliasCount: MAX_ALIASES });
      const big = oversized(located.data);
      if (big) {
        problems.push({ ...start, message: big, code: 'SIZE' });
        continue;
      }
    } catch (cause) {
      // An alias bomb ("Excessive alias count…") or an alias without its anchor: report, never crash.
      const message = firstLine((cause as Error).message);
      if (cause instanceof RangeError) {
        problems.push({ ...start, message, code: 'NESTING' });
      } else if (message.startsWith('Excessive alias count')) {
        const over = aliasOverLimit(doc);
        problems.push({ ...(over === undefined ? start : toPosition(over)), message, code: 'ALIAS_COUNT' });
      } else {
        // "Unresolved alias (…): name": point at the alias.
        let at = start;
        const name = message.slice(message.lastIndexOf(': ') + 2);
        yaml().visit(doc, {
          Alias(_, node) {
            if (node.source !== name || !node.range) return undefined;
            at = toPosition(node.range[0]);
            return yaml().visit.BREAK;
          },
        });
        problems.push({ ...at, message, code: 'BAD_ALIAS' });
      }
      continue;
    }
    documents.push(located);
  }
  return { documents, problems, all };
}

/**
 * A key indented deeper than its siblings (`owner: team` then `  tier: 1`) makes the line
 * before it a plain scalar that runs on into a key: the parser reports that at the start of
 * the scalar, on the line before, as MULTILINE_IMPLICIT_KEY (and BLOCK_AS_IMPLICIT_KEY at the
 * same start). The key out of line is where the range ends: the offset of its first character
 * on the range's last line; undefined for any other error.
 */
function overIndented(text: string, error: { code: string; pos: [number, number] }, all: readonly { code: string; pos: [number, number] }[]): number | undefined {
  const multiline =
    error.code === 'MULTILINE_IMPLICIT_KEY'
      ? error
      : error.code === 'BLOCK_AS_IMPLICIT_KEY'
        ? all.find((e) => e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === error.pos[0])
        : undefined;
  if (!multiline) return undefined;
  const lastLine = text.lastIndexOf('\n', multiline.pos[1] - 1);
  if (lastLine < multiline.pos[0]) return undefined;
  let at = lastLine + 1;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}

/**
 * The offset of the alias at which a document's aliases cross MAX_ALIASES: the one whose
 * resolution throws first. The yaml package says only that the limit was crossed, so the data
 * is built again with the aliases' `resolve` watched for that one run (and put back after it).
 */
function aliasOverLimit(doc: Document.Parsed): number | undefined {
  const proto = yaml().Alias.prototype;
  const resolve = proto.resolve;
  let over: number | undefined;
  proto.resolve = function (this: Yaml.Alias, ...args: Parameters<typeof resolve>) {
    try {
      return resolve.apply(this, args);
    } catch (cause) {
      // The innermost alias catches first: the one that crossed the limit.
      over ??= this.range?.[0];
      throw cause;
    }
  };
  try {
    doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    // The same error again: its alias is known now.
  } finally {
    proto.resolve = resolve;
  }
  return over;
}

/** Offsets of keys that repeat an earlier key of their mapping (scalar keys, by value), in one iterative pass. */
function duplicateKeys(root: unknown): number[] {
  const found: number[] = [];
  const pending: unknown[] = [root];
  for (let node = pending.pop(); pending.length > 0 || node !== undefined; node = pending.pop()) {
    if (yaml().isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key: unknown = pair.key;
        if (yaml().isScalar(key)) {
          const id = `${typeof key.value}:${String(key.value)}`;
          if (seen.has(id)) found.push(rangeStart(key) ?? 0);
          else seen.add(id);
        } else pending.push(key);
        pending.push(pair.value);
      }
    } else if (yaml().isSeq(node)) {
      for (const item of node.items) pending.push(item);
    } else if (yaml().isPair(node)) {
      pending.push(node.key, node.value);
    }
  }
  return found.sort((a, b) => a - b);
}

/** What an unclosed-token error is about: the character that opens the token. */
const UNCLOSED: { pattern: RegExp; opener: string }[] = [
  { pattern: /^Missing closing "quote/, opener: '"' },
  { pattern: /^Missing closing 'quote/, opener: "'" },
  { pattern: /^Flow sequence .*end with a \]/, opener: '[' },
  { pattern: /^Flow map .*end with a \}/, opener: '{' },
];

/**
 * An error about a quote, bracket or brace that is never closed points where the parser gave
 * up, often lines later. Point at the opening token instead, and say where the parser gave up.
 */
function unclosedOpener(
  text: string,
  gaveUpAt: number,
  message: string,
  toPosition: (offset: number) => Position,
): { message: string; code?: string; gaveUp?: string } & Partial<Position> {
  const kind = UNCLOSED.find((u) => u.pattern.test(message));
  const opened = kind === undefined ? undefined : lastUnclosed(text, gaveUpAt, kind.opener);
  if (opened === undefined) return { message };
  const end = toPosition(gaveUpAt);
  const reason = message.replace(/ at line \d+, column \d+:?$/, '');
  const where = text.slice(gaveUpAt).trim() === '' ? 'at the end of the file' : `at line ${end.line}, column ${end.column}`;
  return { ...toPosition(opened), message: reason, gaveUp: where, code: 'UNCLOSED' };
}

/**
 * The offset of the innermost `opener` still open at `until`, scanning from the start: quotes
 * (with YAML's escapes), flow brackets and comments are followed; undefined when there is none.
 */
function lastUnclosed(text: string, until: number, opener: string): number | undefined {
  const open: { char: string; at: number }[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let i = 0; i < until && i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (c === quote.char) {
        // '' inside a single-quoted scalar is an escaped quote.
        if (c === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < until && text[i] !== '\n') i++;
      continue;
    }
    const startsScalar = i === 0 || /[\s:[{,-]/.test(text[i - 1]!);
    if ((c === '"' || c === "'") && startsScalar) quote = { char: c, at: i };
    else if (c === '[' || c === '{') open.push({ char: c, at: i });
    else if ((c === ']' || c === '}') && open.length > 0) open.pop();
  }
  if (opener === '"' || opener === "'") return quote?.char === opener ? quote.at : undefined;
  for (let j = open.length - 1; j >= 0; j--) if (open[j]!.char === opener) return open[j]!.at;
  return undefined;
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0]!.trim();
}

/**
 * Walks `path` down the node tree as far as it exists and returns the start offset of the
 * deepest node reached: the value itself, or its key when `at` is 'key' (or when the value is
 * missing, so that "x is required" points at the map that should hold it).
 */
function offsetOf(root: Node | null, path: DataPath, at: 'value' | 'key', fallback: number): number {
  let node: unknown = root;
  let offset = rangeStart(root) ?? fallback;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (yaml().isMap(node)) {
      const pair = pairsOf(node).get(String(segment));
      if (!pair) return offset;
      if (last && at === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
      // `key:` with no value: point at the key.
      offset = (isEmptyScalar(pair.value) ? undefined : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? offset;
    } else if (yaml().isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) return offset;
      node = item;
      offset = rangeStart(item) ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A mapping's pairs by key (the first of duplicates), built once: locating many keys stays linear. */
function pairsOf(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items) {
      const key = yaml().isPair(p) ? keyOf(p.key) : undefined;
      if (key !== undefined && !index.has(key)) index.set(key, p);
    }
    pairIndex.set(map, index);
  }
  return index;
}

/** The null of `key:` with nothing after it: a scalar of no characters, placed after the colon. */
function isEmptyScalar(node: unknown): boolean {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return yaml().isScalar(node) && range !== undefined && range[0] === range[1];
}

/**
 * A key as the data names it. js-yaml turns a complex key (`? [a, b]`) into a string as
 * JavaScript does ("a,b", "[object Object]"), so such a key is found by that name too.
 */
function keyOf(key: unknown): string | undefined {
  if (yaml().isScalar(key)) return String(key.value);
  if (!yaml().isCollection(key)) return undefined;
  try {
    return String(key.toJSON());
  } catch {
    return undefined;
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}
