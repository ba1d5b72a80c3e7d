/**
 * What in an MDX body would run in a reader's browser once the site is built: MDX is code (its
 * JSX is rendered as written, nothing is sanitised), so `keel validate` points at `<script>`
 * elements, event-handler attributes (`onClick`, `onerror`) and `javascript:` URLs (links, images,
 * attributes), each at its line, for review to see. `.md` bodies need no such check: the internal
 * site sanitises their HTML (src/projections/internal/body-html.ts).
 */
import type { Position } from '../core/diagnostic.ts';

export type UnsafeKind = 'script' | 'handler' | 'url';

export interface UnsafeMdx extends Position {
  kind: UnsafeKind;
  /** The element, attribute or URL, as written. */
  what: string;
}

/** The parts of an mdast/MDX node this module reads. */
interface Node {
  type: string;
  name?: string | null | undefined;
  url?: string | undefined;
  attributes?: { type: string; name?: string | undefined; value?: unknown; position?: { start: Position } | undefined }[] | undefined;
  children?: Node[] | undefined;
  position?: { start: Position } | undefined;
}

/**
 * Whether a URL runs script: browsers drop controls and spaces inside a scheme, so
 * `java\tscript:` and ` JavaScript:` are the same URL (character references are decoded by the parser).
 */
// eslint-disable-next-line no-control-regex -- control characters are what browsers ignore in a scheme
const isScriptUrl = (url: string) => /^(javascript|vbscript):/.test(url.replace(/[\u0000-\u0020]/g, '').toLowerCase());

/** An attribute's value as text: a string, or the source of an expression (`href={"javascript:…"}`). */
function valueText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string') {
    // A string literal's source: without its quotes and the escapes of characters a browser drops (`\t`, `\x0a`).
    return value.value.replace(/^\s*[`'"]|[`'"]\s*$/g, '').replace(/\\([tnrfv0]|x[01][0-9a-f]|u00[01][0-9a-f])/gi, '');
  }
  return undefined;
}

/** Every unsafe element, attribute and URL of an MDX tree, in document order (positions relative to the body). */
export function unsafeMdx(tree: Node): UnsafeMdx[] {
  const found: UnsafeMdx[] = [];
  // A stack, not recursion: a body may nest a thousand levels deep.
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const at = node.position?.start ?? { line: 1, column: 1 };
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      if (node.name?.toLowerCase() === 'script') found.push({ kind: 'script', what: `<${node.name}>`, line: at.line, column: at.column });
      for (const attribute of node.attributes ?? []) {
        if (attribute.type !== 'mdxJsxAttribute' || !attribute.name) continue;
        const place = attribute.position?.start ?? at;
        const value = valueText(attribute.value);
        if (/^on/i.test(attribute.name)) found.push({ kind: 'handler', what: attribute.name, line: place.line, column: place.column });
        else if (value !== undefined && isScriptUrl(value)) found.push({ kind: 'url', what: `${attribute.name}="${value}"`, line: place.line, column: place.column });
      }
    } else if (typeof node.url === 'string' && isScriptUrl(node.url)) found.push({ kind: 'url', what: node.url, line: at.line, column: at.column });
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}
