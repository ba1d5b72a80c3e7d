/**
 * The components an MDX body may use (README: "MDX components in retrospectives") and what is
 * known of each use in a body: where it is and its props as written. The MDX check finds the uses
 * in its syntax tree (src/content/mdx-components.ts), `mdx/component` judges them, the internal
 * site renders them (src/projections/internal/retrospective.ts).
 */
import type { Position } from './diagnostic.ts';
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
    props: ['slo', 'objective', 'from', 'to'],
    required: ['slo'],
    summary: "an SLO's SLI and error budget around the incident (each objective's and a composite's, or the one `objective` names), its interval shaded",
  },
  KeyTimes: {
    collections: ['incidents'],
    props: [],
    required: [],
    summary: 'the timeline of the front matter: key times, public updates and the durations between them',
  },
};

/** What `<SloChart objective="composite">` names: a composite SLO's combination. */
export const COMPOSITE_OBJECTIVE = 'composite';

/**
 * The names `<SloChart objective="…">` takes, in the SLO's order: each objective's displayName,
 * else "objective <i>" (from 0), as the SLO's page names it; then "composite" for a composite SLO.
 */
export function objectiveNames(objectives: readonly { readonly displayName?: string | undefined }[], composite: boolean): string[] {
  const names = objectives.map((o, i) => o.displayName ?? `objective ${i}`);
  return composite ? [...names, COMPOSITE_OBJECTIVE] : names;
}

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

/** Whether the internal site renders a use (a component Keel has, for incidents, with its required props as literal strings). */
export function rendersUse(use: ComponentUse): boolean {
  const spec = MDX_COMPONENTS[use.name];
  return (
    spec !== undefined && spec.collections.includes('incidents') && spec.required.every((r) => use.props.some((p) => p.name === r && p.value !== undefined))
  );
}
