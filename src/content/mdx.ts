/**
 * MDX syntax check. The body is parsed to a syntax tree and never compiled or run, so
 * `keel validate` is safe on pull requests from forks.
 */
import { createProcessor } from '@mdx-js/mdx';
import type { Position } from '../validate/diagnostic.ts';

const processor = createProcessor({ format: 'mdx' });

export interface MdxProblem extends Position {
  message: string;
}

/** Problems in an MDX body, positions relative to the body (line 1 = its first line). */
export function checkMdxSyntax(body: string): MdxProblem[] {
  try {
    processor.parse(body);
    return [];
  } catch (cause) {
    const e = cause as { line?: number; column?: number; reason?: string; message?: string };
    return [{ line: e.line ?? 1, column: e.column ?? 1, message: (e.reason ?? e.message ?? String(cause)).split('\n')[0]! }];
  }
}
