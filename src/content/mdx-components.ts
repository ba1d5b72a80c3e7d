/**
 * The components an MDX body uses, found in its syntax tree (the tree the MDX syntax check builds,
 * src/content/mdx.ts): the body is never compiled or run. Each use keeps its place in the body and
 * its props as written (src/core/mdx-components.ts).
 */
import type { Position } from '../core/diagnostic.ts';
import type { ComponentProp, ComponentUse } from '../core/mdx-components.ts';

interface Node {
  type: string;
  name?: string | null | undefined;
  attributes?:
    | { type: string; name?: string | undefined; value?: unknown; position?: { start: Position } | undefined }[]
    | undefined;
  children?: Node[] | undefined;
  position?: { start: Position & { offset?: number | undefined }; end: Position & { offset?: number | undefined } } | undefined;
}

/** A name is a component's when it is capitalised or a member expression; lower case is an HTML element. */
const isComponentName = (name: string): boolean => /^[A-Z]/.test(name) || name.includes('.');

/** Every component used in an MDX tree, in document order (positions relative to the body). */
export function componentUses(tree: Node): ComponentUse[] {
  const found: ComponentUse[] = [];
  const stack: Node[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && isComponentName(node.name) && node.position) {
      const at = node.position.start;
      found.push({
        name: node.name,
        line: at.line,
        column: at.column,
        start: at.offset ?? 0,
        end: node.position.end.offset ?? 0,
        flow: node.type === 'mdxJsxFlowElement',
        props: (node.attributes ?? []).map((a): ComponentProp => {
          const place = a.position?.start ?? at;
          const base = { line: place.line, column: place.column };
          if (a.type !== 'mdxJsxAttribute' || !a.name) return { ...base, name: '...', value: undefined, written: 'spread' };
          if (typeof a.value === 'string') return { ...base, name: a.name, value: a.value, written: 'string' };
          return { ...base, name: a.name, value: undefined, written: a.value === null || a.value === undefined ? 'flag' : 'expression' };
        }),
      });
    }
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}
