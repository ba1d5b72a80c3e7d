/**
 * MDX syntax check. The body is parsed to a syntax tree and never compiled or run, so
 * `keel validate` is safe on pull requests from forks.
 */
import { createProcessor } from '@mdx-js/mdx';
import type { Position } from '../core/diagnostic.ts';
import type { ComponentUse } from '../core/mdx-components.ts';
import { componentUses } from './mdx-components.ts';
import { unsafeMdx, type UnsafeKind } from './mdx-unsafe.ts';

const processor = createProcessor({ format: 'mdx' });

export interface MdxProblem extends Position {
  message: string;
  /** The parser did not finish within its time limit (src/content/mdx-checker.ts). */
  timeout?: true;
  /** Not a syntax error: something that would run in a reader's browser (src/content/mdx-unsafe.ts). */
  unsafe?: UnsafeKind;
}

/** `(4:11-4:31)`: where the MDX parser says the offending tag is, relative to the body. */
const RANGE_IN_REASON = /\s*\((\d+):(\d+)-\d+:\d+\)/;

/** What the check of an MDX body found: its problems, and the components it uses (none when it does not parse). */
export interface MdxCheckResult {
  problems: MdxProblem[];
  components: ComponentUse[];
}

/** Problems in an MDX body (positions relative to the body: line 1 = its first line) and the components it uses, from one parse. */
export function checkMdx(body: string): MdxCheckResult {
  try {
    // The tree the syntax check builds anyway: what in it would run once built is reported too,
    // and the components it uses are kept for mdx/component and the internal site.
    const tree = processor.parse(body);
    const problems = unsafeMdx(tree).map(({ kind, what, line, column }): MdxProblem => ({ unsafe: kind, message: what, line, column }));
    return { problems, components: componentUses(tree) };
  } catch (cause) {
    return { problems: syntaxProblems(body, cause), components: [] };
  }
}

/** Where and why an MDX body does not parse. */
function syntaxProblems(body: string, cause: unknown): MdxProblem[] {
  const e = cause as { line?: number; column?: number; reason?: string; message?: string };
  const reason = (e.reason ?? e.message ?? String(cause)).split('\n')[0]!;
  // An unclosed tag is reported at the end of its parent, with the tag's own place only in
  // the text, in body coordinates: point at the tag and drop coordinates the author cannot map.
  const range = RANGE_IN_REASON.exec(reason);
  if (range) return [{ line: Number(range[1]), column: Number(range[2]), message: reason.replace(range[0], '') }];
  // An unclosed expression is reported where its text runs out: point at its opening brace.
  if (/closing brace for `\{`/.test(reason) && e.line !== undefined && e.column !== undefined) {
    const opened = openingBrace(body, e.line, e.column);
    if (opened) return [{ ...opened, message: `${reason}: the expression opens here and is never closed` }];
  }
  return [{ line: e.line ?? 1, column: e.column ?? 1, message: reason }];
}

/** The position of the last `{` before `line:column` of the body. */
function openingBrace(body: string, line: number, column: number): Position | undefined {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = body.indexOf('\n', offset);
    if (next < 0) return undefined;
    offset = next + 1;
  }
  const brace = body.lastIndexOf('{', offset + column - 1);
  if (brace < 0) return undefined;
  const before = body.slice(0, brace);
  const lineOfBrace = before.split('\n').length;
  return { line: lineOfBrace, column: brace - before.lastIndexOf('\n') };
}
