/**
 * Public text (incident statements, updates, maintenance descriptions) in a small Markdown
 * subset: paragraphs, emphasis, inline code, line breaks, lists and links. unified runs
 * remark-parse → remark-rehype (raw HTML becomes text, shown as written, never markup) →
 * rehype-sanitize (only the subset's elements; links only to http, https and mailto) →
 * rehype-stringify. Anything outside the subset keeps its text and loses its markup (a heading
 * becomes plain text, an image disappears); nothing from the source reaches the page unescaped.
 */
import rehypeSanitize, { type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { memoized } from './memo.ts';

/** Allowed link protocols; a link without one (relative, fragment) is unwrapped to its text. */
const PROTOCOLS = ['http', 'https', 'mailto'];

const SCHEMA: SanitizeSchema = {
  tagNames: ['p', 'em', 'strong', 'code', 'br', 'ul', 'ol', 'li', 'a'],
  attributes: { a: ['href'], ol: ['start'] },
  protocols: { href: PROTOCOLS },
  // Dropped with their content (remark-rehype already drops raw HTML; this is defence in depth).
  strip: ['script', 'style'],
  required: {},
  ancestors: { li: ['ul', 'ol'] },
};

/** The part of a hast node this module reads (the hast types are not a dependency of Keel). */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const ABSOLUTE = new RegExp(`^(${PROTOCOLS.join('|')}):`, 'i');

/** Replaces every link whose href is not an absolute http, https or mailto URL by its content. */
function unwrapRelativeLinks() {
  const visit = (node: HastNode) => {
    if (!node.children) return;
    node.children = node.children.flatMap((child) => {
      visit(child);
      if (child.type !== 'element' || child.tagName !== 'a') return [child];
      const href = child.properties?.href;
      return typeof href === 'string' && ABSOLUTE.test(href) ? [child] : (child.children ?? []);
    });
  };
  return (tree: HastNode) => {
    visit(tree);
  };
}

/** Raw HTML in the Markdown is the author's text, not markup: "<b>" stays visible as "<b>". */
const rawHtmlAsText = { html: (_state: unknown, node: { value: string }) => ({ type: 'text' as const, value: node.value }) };

const processor = unified()
  .use(remarkParse)
  .use(remarkRehype, { handlers: rawHtmlAsText })
  .use(rehypeSanitize, SCHEMA)
  .use(unwrapRelativeLinks)
  .use(rehypeStringify);

/** Public Markdown text as safe HTML (block level: paragraphs and lists). */
export const markdownToHtml: (text: string) => string = memoized(
  (text: string) => text,
  (text: string) => String(processor.processSync(text)).trim(),
);

/**
 * Public Markdown text as safe HTML for inline places (a list item, a table cell): a single
 * paragraph loses its `<p>`; anything longer stays block level.
 */
export function markdownToInlineHtml(text: string): string {
  const html = markdownToHtml(text);
  const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
  return single && !single[1]!.includes('<p>') ? single[1]! : html;
}
