/**
 * The components an MDX body may use, and the uses found in its syntax tree (the tree the MDX
 * syntax check builds, src/content/mdx.ts): the body is never compiled or run. Each use keeps
 * its place in the body and its props as written, so `mdx/component` (src/rules/mdx/component.ts)
 * can judge it at its line and column, and the internal site can put the component's rendering
 * where the body wrote it (src/projections/internal/retrospective.ts).
 */
import type { Position } from '../core/diagnostic.ts';

/** What a component takes: its props (every one a literal string) and which of them are required. */
export interface ComponentSpec {
  /** The collections whose bodies may use it. */
  readonly collections: readonly string[];
  readonly props: readonly string[];
  readonly required: readonly string[];
  readonly summary: string;
}

/** The components of incident retrospectives (README: "MDX components in retrospectives"). */
export const MDX_COMPONENTS: Readonly<Record<string, ComponentSpec>> = {
  SloChart: {
    collections: ['incidents'],
    props: ['slo', 'from', 'to'],
    required: ['slo'],
    summary: "an SLO's SLI and error budget around the incident, its interval shaded",
  },
  KeyTimes: {
    collections: ['incidents'],
    props: [],
    required: [],
    summary: 'the timeline of the front matter: key times, public updates and the durations between them',
  },
};

/** A prop as written: a literal string (`slo="api"`), an expression (`slo={name}`) or a bare name (`slo`). */
export interface ComponentProp extends Position {
  readonly name: string;
  /** The literal string; undefined when the prop is not one. */
  readonly value: string | undefined;
  readonly written: 'string' | 'expression' | 'flag' | 'spread';
}

/** A JSX element whose name is a component (capitalised, or a member like `a.B`), where the body writes it. */
export interface ComponentUse extends Position {
  readonly name: string;
  /** Offsets of the element in the body, from its `<` to after its end. */
  readonly start: number;
  readonly end: number;
  /** A block of its own (a line of its own), else inside a paragraph. */
  readonly flow: boolean;
  readonly props: readonly ComponentProp[];
}

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
