/**
 * Bounds on the MDX syntax check taken from what the input is, not from the clock, so that the
 * same content gets the same verdict on an idle laptop and on a busy CI runner. The MDX parser
 * (micromark) takes time linear in plain text, but growing with the square of the link openers
 * (`[`) of a body and faster than the cube of its nesting (lists, block quotes): 4,000 openers
 * take as long as 60 KB of prose, a 400-deep list longer than a megabyte. So, before any parse,
 * one pass over the body counts both:
 *
 * - a body over MAX_MDX_LINK_OPENERS or MAX_MDX_NESTING is not parsed (limit/mdx, at the body's
 *   start or at the deepest line);
 * - every other body's work beyond what ordinary prose needs (openers past MDX_FREE_OPENERS,
 *   nesting past MDX_FREE_NESTING, in units of characters of prose) is charged to the run's
 *   budget, MAX_MDX_RUN_WORK: once it is spent, each later costly body is reported as not
 *   checked. Bodies of ordinary prose cost nothing, so a large folder never spends it.
 *
 * Wall time is still watched, as a last guard only (MAX_MDX_MS, src/content/mdx-checker.ts).
 */
import { MAX_MDX_LINK_OPENERS, MAX_MDX_NESTING, MAX_MDX_RUN_WORK } from '../core/limits.ts';

/** Openers and levels that cost nothing: more than any ordinary retrospective or runbook has. */
export const MDX_FREE_OPENERS = 500;
export const MDX_FREE_NESTING = 20;

/** What the MDX parser's work grows with, outside fenced code. */
export interface MdxShape {
  /** `[` characters: every link, image or reference may start at one. */
  linkOpeners: number;
  /** The deepest container nesting of a line (`>` and list markers, two columns of indentation a level) and its line (1-based, in the body). */
  nesting: number;
  nestingLine: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Reads a body's shape in one pass (fenced code is not parsed as Markdown, so it is not counted). */
export function mdxShape(body: string): MdxShape {
  let linkOpeners = 0;
  let nesting = 0;
  let nestingLine = 1;
  let fence: string | undefined;
  let line = 1;
  for (let start = 0; start <= body.length; line++) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    const text = body.slice(start, end);
    start = end + 1;
    const opened = FENCE.exec(text);
    if (fence) {
      if (opened && opened[1]![0] === fence[0] && opened[1]!.length >= fence.length && text.trim() === opened[1]) fence = undefined;
      continue;
    }
    if (opened) {
      fence = opened[1];
      continue;
    }
    for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) linkOpeners++;
    const depth = depthOf(text);
    if (depth > nesting) {
      nesting = depth;
      nestingLine = line;
    }
    if (end === body.length) break;
  }
  return { linkOpeners, nesting, nestingLine };
}

/** The container depth a line opens: `>` and list markers at its start, and every two columns of indentation. */
function depthOf(text: string): number {
  let columns = 0;
  let markers = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ' ') columns++;
    else if (c === '\t') columns += 4 - (columns % 4);
    else if (c === '>' || ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t'))) {
      markers++;
      // The space after a marker belongs to it, not to the indentation.
      if (text[i + 1] === ' ') i++;
    } else break;
  }
  return markers + Math.floor(columns / 2);
}

/** The work a body costs beyond ordinary prose, in characters of prose (calibrated on the parser: see the module's comment). */
export function mdxWork(shape: MdxShape): number {
  const openers = Math.max(0, shape.linkOpeners - MDX_FREE_OPENERS);
  const nesting = Math.max(0, shape.nesting - MDX_FREE_NESTING);
  return Math.round(openers ** 2 / 256 + nesting ** 3 / 64);
}

/** Why a body is not parsed, with where (line in the body) and what to say. */
export type MdxRefusal =
  | { limit: 'links'; line: number; count: number; max: number }
  | { limit: 'nesting'; line: number; depth: number; max: number }
  | { limit: 'budget'; line: number; budget: number };

/** The run's MDX budget: `admit` says whether a body may be parsed, and charges it. */
export interface MdxBudget {
  admit(body: string): MdxRefusal | undefined;
}

export function createMdxBudget(total = MAX_MDX_RUN_WORK): MdxBudget {
  let left = total;
  return {
    admit(body) {
      const shape = mdxShape(body);
      if (shape.linkOpeners > MAX_MDX_LINK_OPENERS) return { limit: 'links', line: 1, count: shape.linkOpeners, max: MAX_MDX_LINK_OPENERS };
      if (shape.nesting > MAX_MDX_NESTING) return { limit: 'nesting', line: shape.nestingLine, depth: shape.nesting, max: MAX_MDX_NESTING };
      const work = mdxWork(shape);
      if (work > left) return { limit: 'budget', line: 1, budget: total };
      left -= work;
      return undefined;
    },
  };
}
