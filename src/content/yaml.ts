/**
 * YAML with source positions, read with the YAML 1.2 core schema so dates and times stay
 * strings until a schema reads them.
 *
 * Two parsers, for speed: js-yaml (about ten times faster) reads the data; the `yaml` package,
 * which keeps a node tree with source ranges, runs only when a position is asked for (a
 * diagnostic) or when js-yaml finds a syntax error (so every syntax error is listed, with
 * positions). Any path in the data can be traced back to a line and column.
 */
import jsYaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import type { DataPath, Locate, Position } from '../core/diagnostic.ts';

export interface YamlDocument {
  data: unknown;
  locate: Locate;
  /** Position of the document's first line (for multi-document files). */
  readonly start: Position;
}

export interface YamlProblem extends Position {
  message: string;
  code: string;
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
  // js-yaml shares aliased nodes without limit, so an alias bomb would hang the schema check;
  // text with anchors takes the slow path, which caps aliases (yaml's maxAliasCount).
  if (text.includes('&') && ANCHOR.test(text)) return parseYamlWithPositions(text, lineOffset);
  const data: unknown[] = [];
  try {
    jsYaml.loadAll(text, (doc) => data.push(doc), { schema: jsYaml.CORE_SCHEMA });
  } catch {
    return parseYamlWithPositions(text, lineOffset);
  }
  let located: YamlDocument[] | undefined;
  // js-yaml accepted every document; index the yaml package's documents the same way, even one
  // it is stricter about, so that positions never come from the wrong document.
  const positioned = (i: number): YamlDocument | undefined => (located ??= readDocuments(text, lineOffset).all)[i];
  const first: Position = { line: 1 + lineOffset, column: 1 };
  return {
    problems: [],
    documents: data.map((value, i) => ({
      data: value ?? null,
      locate: (path, at) => positioned(i)?.locate(path, at) ?? first,
      get start() {
        return positioned(i)?.start ?? first;
      },
    })),
  };
}

/** Parses with the `yaml` package: slower, but every node knows its place in the source. */
export function parseYamlWithPositions(text: string, lineOffset = 0): ParsedYaml {
  const { documents, problems } = readDocuments(text, lineOffset, true);
  return { documents, problems };
}

/** An anchor (`&name`) where a node may start; without one there are no aliases. */
const ANCHOR = /(^|[\s[{,:-])&[^\s,[\]{}]/m;

/**
 * Every document with positions: `all` has one per document of the stream, `documents` those
 * without errors. The data is built only when `withData` (it expands aliases, within limits).
 */
function readDocuments(text: string, lineOffset: number, withData = false): ParsedYaml & { all: YamlDocument[] } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, schema: 'core', version: '1.2' });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  // An empty stream is an EmptyStream (array-like, no documents).
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const problems: YamlProblem[] = [];
  const documents: YamlDocument[] = [];
  const all: YamlDocument[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      problems.push({ ...toPosition(error.pos[0]), message: firstLine(error.message), code: error.code });
    }
    const root = doc.contents;
    const start = toPosition(root?.range?.[0] ?? doc.range[0]);
    const located: YamlDocument = { data: undefined, start, locate: (path, at = 'value') => toPosition(offsetOf(root, path, at, doc.range[0])) };
    all.push(located);
    if (doc.errors.length > 0 || !withData) continue;
    try {
      located.data = doc.toJS({ maxAliasCount: 100 });
    } catch (cause) {
      // An alias bomb ("Excessive alias count…") or an alias without its anchor: report, never crash.
      const message = firstLine((cause as Error).message);
      if (message.startsWith('Excessive alias count')) {
        problems.push({ ...start, message, code: 'ALIAS_COUNT' });
      } else {
        // "Unresolved alias (…): name": point at the alias.
        let at = start;
        const name = message.slice(message.lastIndexOf(': ') + 2);
        visit(doc, {
          Alias(_, node) {
            if (node.source !== name || !node.range) return undefined;
            at = toPosition(node.range[0]);
            return visit.BREAK;
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
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && keyOf(p.key) === String(segment));
      if (!pair) return offset;
      if (last && at === 'key') return rangeStart(pair.key) ?? offset;
      node = pair.value;
      // `key:` with no value: point at the key.
      offset = (isEmptyScalar(pair.value) ? undefined : rangeStart(pair.value)) ?? rangeStart(pair.key) ?? offset;
    } else if (isSeq(node) && typeof segment === 'number') {
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

/** The null of `key:` with nothing after it: a scalar of no characters, placed after the colon. */
function isEmptyScalar(node: unknown): boolean {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return isScalar(node) && range !== undefined && range[0] === range[1];
}

function keyOf(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range ? range[0] : undefined;
}
