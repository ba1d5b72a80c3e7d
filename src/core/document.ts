/**
 * A report for people, laid out once as a document (a title, a summary, sections with a table
 * each) and written either as plain text for a terminal (columns aligned by display width) or
 * as GitHub-flavoured Markdown for a pull-request comment or a job summary. The Markdown is
 * serialised from a syntax tree (mdast-util-to-markdown), so Markdown or HTML in values from
 * content is escaped and shows as written. `keel report followups|retrospectives|stale` and the
 * job summary of `keel validate --format github` use it.
 */
import type { Heading, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import stringWidth from 'string-width';

/** A run of text in a cell: plain, code (ids, handles), strong (what is overdue) or a link. */
export interface Segment {
  text: string;
  style?: 'code' | 'strong' | 'emphasis';
  url?: string;
  /** Shown in Markdown only (an incident's title beside its id): a terminal row stays short. */
  markdownOnly?: boolean;
}

export type Cell = Segment[];

export interface Section {
  heading: Cell;
  columns: string[];
  rows: Cell[][];
  /** What an empty section says instead of a table. */
  empty: string;
}

export interface Document {
  title: string;
  summary: string;
  sections: Section[];
}

export const plain = (text: string): Segment => ({ text });
export const code = (text: string): Segment => ({ text, style: 'code' });
export const strong = (text: string): Segment => ({ text, style: 'strong' });
export const emphasis = (text: string): Segment => ({ text, style: 'emphasis' });

// ---------------------------------------------------------------------------------------------
// Text

const cellText = (cell: Cell): string =>
  cell
    .filter((s) => !s.markdownOnly)
    .map((s) => s.text)
    .join('');

/** Display widths (wide characters count two) of each column over all the rows given. */
const widthsOf = (rows: string[][]): number[] => rows[0]!.map((_, i) => Math.max(...rows.map((r) => stringWidth(r[i]!))));

/** A row with its columns padded to `widths`; the last column is not padded. */
const aligned = (row: string[], widths: number[]): string =>
  row.map((text, i) => (i === row.length - 1 ? text : text + ' '.repeat(widths[i]! - stringWidth(text)))).join('  ');

function renderText(document: Document): string {
  const lines = [document.title, document.summary];
  // Sections with the same columns (one per owner) share their widths, so the report reads as one table.
  const tables = new Map<string, string[][]>();
  for (const section of document.sections) {
    const key = section.columns.join('\0');
    tables.set(key, [...(tables.get(key) ?? [section.columns]), ...section.rows.map((row) => row.map(cellText))]);
  }
  for (const section of document.sections) {
    lines.push('', cellText(section.heading));
    if (section.rows.length === 0) {
      lines.push(`  ${section.empty}`);
      continue;
    }
    const widths = widthsOf(tables.get(section.columns.join('\0'))!);
    for (const row of [section.columns, ...section.rows.map((r) => r.map(cellText))]) lines.push(`  ${aligned(row, widths)}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

function phrasing(cell: Cell): PhrasingContent[] {
  return cell.map((segment): PhrasingContent => {
    if (segment.url !== undefined) return { type: 'link', url: segment.url, children: [{ type: 'text', value: segment.text }] };
    if (segment.style === 'code') return { type: 'inlineCode', value: segment.text };
    if (segment.style === 'strong') return { type: 'strong', children: [{ type: 'text', value: segment.text }] };
    if (segment.style === 'emphasis') return { type: 'emphasis', children: [{ type: 'text', value: segment.text }] };
    return { type: 'text', value: segment.text };
  });
}

const row = (cells: Cell[]): TableRow => ({ type: 'tableRow', children: cells.map((cell) => ({ type: 'tableCell', children: phrasing(cell) })) });

/** A GFM table: a header row of Keel's column names, then the rows. */
export const markdownTable = (columns: string[], rows: Cell[][]): Table => ({
  type: 'table',
  children: [row(columns.map((c) => [plain(c)])), ...rows.map(row)],
});

/** A heading or a paragraph of segments. */
export const markdownHeading = (depth: 2 | 3, cell: Cell): Heading => ({ type: 'heading', depth, children: phrasing(cell) });
export const markdownParagraph = (cell: Cell): Paragraph => ({ type: 'paragraph', children: phrasing(cell) });

/** GitHub-flavoured Markdown of a tree: every text node escaped (no HTML, link or emphasis from content). */
export const toGfm = (children: RootContent[]): string =>
  toMarkdown({ type: 'root', children } satisfies Root, { extensions: [gfmToMarkdown({ tablePipeAlign: false })] });

function renderMarkdown(document: Document): string {
  const children: RootContent[] = [markdownHeading(2, [plain(document.title)]), markdownParagraph([plain(document.summary)])];
  for (const section of document.sections) {
    children.push(markdownHeading(3, section.heading));
    children.push(section.rows.length === 0 ? markdownParagraph([plain(section.empty)]) : markdownTable(section.columns, section.rows));
  }
  return toGfm(children);
}

export type HumanFormat = 'text' | 'markdown';

export const render = (document: Document, format: HumanFormat): string => (format === 'markdown' ? renderMarkdown(document) : renderText(document));
