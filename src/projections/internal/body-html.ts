/**
 * A rendered body (retrospective, runbook, concern, experiment) made safe for the internal site.
 * Astro renders Markdown with raw HTML passed through; a body with `<script>`, `<img onerror>`,
 * `<svg onload>` or a `javascript:` link would run in every internal reader's browser, behind
 * single sign-on, with what that reader can read. So the HTML Astro renders goes through
 * rehype-parse → rehype-sanitize → rehype-stringify with GitHub's schema (hast-util-sanitize's
 * default: what GitHub keeps in a README), adjusted to what Keel's bodies use:
 * - images from https and relative paths only (GitHub also allows http); Astro's renderer leaves an
 *   image it would import or fetch (a relative path, an https address in `image.domains`) as a
 *   mark, `__ASTRO_IMAGE_="{src, alt, title…}"`, which only Astro's own body rendering resolves:
 *   the mark is turned back into the image's src, alt and title first, so no image loses them;
 * - heading and footnote ids kept as rendered (no `user-content-` prefix: links to #a-heading work);
 * - Shiki's highlighted code: the `astro-code` classes and colour-only inline styles;
 * - a task list's checkboxes labelled with their state ("done", "not done"), which axe asks for.
 */
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/** An inline style Shiki writes: colours (and its CSS variables) and overflow, nothing else. */
const DECLARATION = String.raw`\s*(?:(?:color|background-color|--shiki-[a-z-]+)\s*:\s*#[0-9a-f]{3,8}|overflow-x\s*:\s*auto)\s*`;
const SHIKI_STYLE = new RegExp(`^${DECLARATION}(?:;${DECLARATION})*;?\\s*$`, 'i');

const defaults = defaultSchema.attributes ?? {};

export const BODY_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  // The ids are the renderer's own (heading slugs, footnotes already prefixed `user-content-`).
  clobberPrefix: '',
  clobber: [],
  // Dropped with their content (other unknown elements keep their text).
  strip: [...(defaultSchema.strip ?? []), 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'math', 'svg'],
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: ['https'], cite: ['http', 'https'], longDesc: ['https'] },
  attributes: {
    ...defaults,
    pre: [...(defaults.pre ?? []), ['className', /^astro-code$|^github-/], ['style', SHIKI_STYLE], 'tabIndex', 'dataLanguage'],
    code: [...(defaults.code ?? []), ['className', /^language-./]],
    span: [...(defaults.span ?? []), ['className', 'line'], ['style', SHIKI_STYLE]],
    input: [...(defaults.input ?? []), 'ariaLabel'],
  },
};

/** The part of a hast node the image step reads (hast's types are not a dependency of Keel). */
interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const IMAGE_MARK = '__ASTRO_IMAGE_';

/** Each image Astro left as a mark gets its src, alt and title back (the sanitiser then judges the src); each task checkbox a label. */
function unmarkImages() {
  const visit = (node: HastNode): void => {
    // HTML's parser lower-cases the attribute's name.
    const key = node.tagName === 'img' ? Object.keys(node.properties ?? {}).find((k) => k.toLowerCase() === IMAGE_MARK.toLowerCase()) : undefined;
    const mark = key === undefined ? undefined : node.properties![key];
    if (key !== undefined && typeof mark === 'string') {
      delete node.properties![key];
      try {
        const image = JSON.parse(mark) as Record<string, unknown>;
        for (const key of ['src', 'alt', 'title'] as const) if (typeof image[key] === 'string') node.properties![key] = image[key];
      } catch {
        // Not Astro's JSON: the image stays without a source, as the sanitiser would leave it.
      }
    }
    // A task list's checkbox (GitHub's markup, as Astro renders it) has no label: say its state.
    if (node.tagName === 'input' && node.properties?.['type'] === 'checkbox' && node.properties['ariaLabel'] === undefined) {
      node.properties['ariaLabel'] = node.properties['checked'] === true ? 'done' : 'not done';
    }
    node.children?.forEach(visit);
  };
  return (tree: HastNode) => visit(tree);
}

const processor = unified().use(rehypeParse, { fragment: true }).use(unmarkImages).use(rehypeSanitize, BODY_SCHEMA).use(rehypeStringify);

/** The rendered HTML of a body with everything that could run removed (scripts, handlers, javascript: URLs, frames, forms). */
export function sanitizeBodyHtml(html: string): string {
  return String(processor.processSync(html));
}
