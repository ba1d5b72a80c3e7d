/**
 * Markdown bodies as syntax trees, for the checks that read their structure: the retrospective
 * sections and the prose lint. remark parses (remark-mdx for MDX), never compiles or runs.
 *
 * Parsing every body would cost more than the rest of `keel validate` together, so the checks
 * first read the text with cheap scans (scanSections here, the phrase filter in lint.ts) and
 * parse only a body where the scan cannot answer exactly or finds something.
 */
import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { remarkMdxPlugin, unifiedStack } from './stack.ts';

export type MarkdownFormat = 'md' | 'mdx';

/**
 * Bodies parsed with remark at most: micromark takes time quadratic in some text (a long run
 * of "[a]("), so a larger body, or one with more opening brackets, is read by the scans alone.
 */
const MAX_PARSED_BYTES = 256 * 1024;
const MAX_PARSED_BRACKETS = 4_000;

/** The parser of a format, made on first use: a folder of Markdown only never loads remark-mdx. */
function createProcessor(format: MarkdownFormat) {
  const { unified, remarkParse } = unifiedStack();
  return format === 'mdx' ? unified().use(remarkParse).use(remarkMdxPlugin()).freeze() : unified().use(remarkParse).freeze();
}

const processors: Partial<Record<MarkdownFormat, ReturnType<typeof createProcessor>>> = {};

/** Whether a body is small and tame enough to parse (see MAX_PARSED_BYTES). */
function parsable(text: string): boolean {
  if (text.length > MAX_PARSED_BYTES) return false;
  let brackets = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) if (++brackets > MAX_PARSED_BRACKETS) return false;
  return true;
}

/** The last body parsed: the section check and the lint of one body share its tree. */
let last: { text: string; format: MarkdownFormat; tree: Root | undefined } | undefined;

/**
 * The body's mdast tree (never changed by its readers), or undefined when it cannot be parsed
 * (invalid MDX, which mdx/syntax reports; too large or too many brackets, see MAX_PARSED_BYTES).
 */
export function parseMarkdown(text: string, format: MarkdownFormat): Root | undefined {
  if (last?.text === text && last.format === format) return last.tree;
  let tree: Root | undefined;
  if (parsable(text)) {
    try {
      tree = (processors[format] ??= createProcessor(format)).parse(text);
    } catch {
      tree = undefined;
    }
  }
  last = { text, format, tree };
  return tree;
}

/** A `##` section of a body: its heading's text and place (body lines), and whether it holds anything. */
export interface Section {
  heading: string;
  line: number;
  column: number;
  /** Nothing but whitespace and comments under the heading. */
  empty: boolean;
}

/** HTML comments alone (`<!-- … -->`, several in a row allowed; the last one may run to the end, unclosed). */
const HTML_COMMENTS = /^(\s*<!--[\s\S]*?-->)*\s*(<!--(?![\s\S]*-->)[\s\S]*)?$/;
/** An MDX expression holding only a comment (`{/* … *\/}`), as its value (without braces). */
const MDX_COMMENT = /^\s*(\/\*[\s\S]*?\*\/\s*)*$/;

/** Nodes that show nothing: comments, definitions, MDX imports and exports. */
function invisible(node: RootContent): boolean {
  switch (node.type) {
    case 'html':
      return HTML_COMMENTS.test(node.value);
    case 'mdxFlowExpression':
      return MDX_COMMENT.test(node.value);
    case 'mdxjsEsm':
    case 'definition':
    case 'yaml':
      return true;
    default:
      return false;
  }
}

/** The text of a heading as a reader sees it: no markup, no comments or expressions, spaces collapsed. */
function headingText(node: Heading): string {
  const parts: string[] = [];
  const visit = (n: Nodes) => {
    if (n.type === 'html' || n.type === 'mdxTextExpression' || n.type === 'mdxFlowExpression') return;
    if (n.type === 'text' || n.type === 'inlineCode') parts.push(n.value);
    if ('children' in n) for (const child of n.children) visit(child);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The `##` sections of a parsed body (a `#` heading ends one; deeper headings are its content). */
export function treeSections(tree: Root): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      current = undefined;
      if (node.depth === 2) {
        current = { heading: headingText(node), line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, empty: true };
        sections.push(current);
      }
      continue;
    }
    if (current && !invisible(node)) current.empty = false;
  }
  return sections;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const MDX_COMMENT_LINE = /^[ \t]*\{\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*\}[ \t]*$/;
/** HTML blocks that end at their closing tag rather than at a blank line (CommonMark type 1). */
const HTML_RAW = /^<(script|pre|style|textarea)(\s|>|$)/i;
/** A JSX line the scan reads: an opening tag alone, a closing tag alone, or an element on one line. */
const JSX_OPEN = /^<([A-Za-z][\w.:-]*)(\s[^<>{}]*)?>[ \t]*$/;
const JSX_CLOSE = /^<\/([A-Za-z][\w.:-]*)>[ \t]*$/;
const JSX_ONE_LINE = /^<([A-Za-z][\w.:-]*)(\s[^<>{}]*)?(\/>|>[^<>{}]*<\/\1>)[ \t]*$/;

/** A line starting with this character is a paragraph, a list or a quote: content, nothing to look into. */
function plainStart(code: number): boolean {
  // # ` ~ < { = - (headings, fences, HTML/JSX, MDX expressions, setext underlines)
  return code !== 35 && code !== 96 && code !== 126 && code !== 60 && code !== 123 && code !== 61 && code !== 45;
}

/**
 * The `##` sections of a body from a scan of its lines (headings at the start of a line, fenced
 * code, HTML comments and blocks, simple JSX elements), at a fraction of a parse's cost. Returns
 * undefined where the scan cannot be sure it reads the body as remark does (MDX expressions and
 * ESM, multi-line tags, setext or indented headings): the caller parses then. With `bestEffort`,
 * returns its reading anyway.
 */
export function scanSections(text: string, format: MarkdownFormat, bestEffort = false): Section[] | undefined {
  const sections: Section[] = [];
  let current: Section | undefined;
  let fence: RegExp | undefined;
  let comment = false;
  /** Inside an MDX comment expression spread over lines (`{/*` … `*\/}`). */
  let mdxComment = false;
  /** Inside an HTML block of Markdown: until a blank line. */
  let htmlBlock = false;
  /** Open JSX elements of MDX: their `##` lines are not sections of the body. */
  const jsx: string[] = [];
  let previousBlank = true;
  let lineNo = 0;
  const content = () => {
    if (current) current.empty = false;
  };
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const from = start;
    start = end + 1;
    lineNo++;
    // Most lines are prose: read the first character without cutting the line out.
    let first = from;
    while (first < end && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9)) first++;
    const code = first < end ? text.charCodeAt(first) : 13;
    const blank = code === 13 && first >= end - 1;
    const wasBlank = previousBlank;
    previousBlank = blank;
    if (
      !fence &&
      !comment &&
      !mdxComment &&
      !blank &&
      first - from < 4 &&
      (plainStart(code) || (code === 45 && text.charCodeAt(first + 1) === 32)) &&
      !(format === 'mdx' && (code === 105 || code === 101))
    ) {
      if (htmlBlock || current) content();
      continue;
    }
    const raw = text.slice(from, end);
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (fence) {
      if (fence.test(line)) fence = undefined;
      else if (!blank) content();
      continue;
    }
    if (comment) {
      const closing = line.indexOf('-->');
      if (closing >= 0) {
        comment = false;
        if (line.slice(closing + 3).trim() !== '') content();
      }
      continue;
    }
    if (mdxComment) {
      if (/\*\/\s*\}[ \t]*$/.test(line)) mdxComment = false;
      else if (line.includes('*/') && !bestEffort) return undefined;
      continue;
    }
    if (htmlBlock) {
      if (blank) htmlBlock = false;
      else content();
      continue;
    }
    if (blank) continue;
    const opened = FENCE_OPEN.exec(line);
    if (opened && !(opened[1]!.startsWith('`') && opened[2]!.includes('`'))) {
      // Closed by a line of the same character, at least as long.
      fence = new RegExp(`^ {0,3}${opened[1]![0]!}{${opened[1]!.length},}[ \\t]*$`);
      content();
      continue;
    }
    const atx = line.startsWith('#') ? ATX.exec(line) : null;
    if (atx) {
      const depth = atx[1]!.length;
      if (jsx.length > 0) content();
      else {
        if (depth <= 2) current = undefined;
        if (depth === 2) sections.push((current = { heading: (atx[2] ?? '').replace(/\s+/g, ' ').trim(), line: lineNo, column: 1, empty: true }));
        if (depth > 2) content();
      }
      continue;
    }
    const lead = /^[ \t]*/.exec(line)![0].length;
    const rest = line.slice(lead);
    if (lead > 0 && lead < 4 && /^#{1,6}([ \t]|$)/.test(rest)) {
      if (!bestEffort) return undefined;
      continue;
    }
    if (lead < 4 && rest.startsWith('<!--')) {
      const closing = rest.indexOf('-->', 4);
      if (closing < 0) comment = true;
      else if (rest.slice(closing + 3).trim() !== '') content();
      continue;
    }
    if (lead < 4 && rest.startsWith('<')) {
      let read = false;
      if (format === 'md') {
        // An HTML block, as CommonMark reads one after a blank line: content until the next blank line.
        read = wasBlank && !HTML_RAW.test(rest);
        htmlBlock = read;
      } else if (JSX_ONE_LINE.test(rest)) read = true;
      else {
        const open = JSX_OPEN.exec(rest);
        const close = open ? null : JSX_CLOSE.exec(rest);
        if (open) {
          jsx.push(open[1]!);
          read = true;
        } else if (close && jsx.at(-1) === close[1]) {
          jsx.pop();
          read = true;
        }
      }
      if (!read && !bestEffort) return undefined;
      content();
      continue;
    }
    if (format === 'mdx' && MDX_COMMENT_LINE.test(line)) continue;
    if (format === 'mdx' && /^\{\s*\/\*/.test(rest) && !rest.includes('*/')) {
      mdxComment = true;
      continue;
    }
    const unsure =
      (format === 'mdx' && (rest.startsWith('{') || (lead === 0 && /^(import|export)\b/.test(rest)))) || (!wasBlank && SETEXT_UNDERLINE.test(line));
    if (unsure && !bestEffort) return undefined;
    content();
  }
  // An unclosed fence hides every heading after it: remark decides, and readSections reports it.
  return (jsx.length > 0 || mdxComment || fence) && !bestEffort ? undefined : sections;
}

/** A fenced code block that is never closed: where it opens (body lines). */
export interface UnclosedFence {
  line: number;
  column: number;
  /** The fence as written (three backticks or tildes, or more). */
  fence: string;
}

/** The first fenced code block of a tree that runs to the end of the body without its closing fence. */
function unclosedFence(tree: Root, text: string): UnclosedFence | undefined {
  let found: UnclosedFence | undefined;
  const visit = (node: Nodes) => {
    if (found) return;
    if (node.type === 'code' && node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
      const source = text.slice(node.position.start.offset, node.position.end.offset);
      const open = /^[ \t>]*(`{3,}|~{3,})/.exec(source);
      if (open) {
        const lines = source.split('\n');
        const close = new RegExp(`^[ \\t>]*${open[1]![0]!}{${open[1]!.length},}[ \\t]*\r?$`);
        if (lines.length < 2 || !close.test(lines.at(-1)!)) found = { line: node.position.start.line, column: node.position.start.column, fence: open[1]! };
      }
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return found;
}

/** What the heading reader found: the `##` sections, and a fence left open (it hides the headings after it). */
export interface BodySections {
  sections: Section[];
  unclosedFence: UnclosedFence | undefined;
}

/**
 * The one heading reader of retrospectives and runbooks: the `##` sections as CommonMark reads
 * them (ATX and setext headings; not a bold line, not a heading indented inside a list item, not
 * after an unclosed fence, which it reports; inline triple backticks open no fence). The line
 * scan answers for most bodies; remark parses when the scan is unsure or when `settled` says the
 * scan's answer needs a second look (a section seems missing).
 */
export function readSections(text: string, format: MarkdownFormat, settled: (sections: readonly Section[]) => boolean = () => true): BodySections {
  const scanned = scanSections(text, format);
  if (scanned && settled(scanned)) return { sections: scanned, unclosedFence: undefined };
  const tree = parseMarkdown(text, format);
  if (tree) return { sections: treeSections(tree), unclosedFence: unclosedFence(tree, text) };
  return { sections: scanned ?? scanSections(text, format, true)!, unclosedFence: undefined };
}
