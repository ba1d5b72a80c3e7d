import type { z } from 'zod';
import { issuesToDiagnostics } from '../../src/content/zod-issues.ts';

/**
 * What validating `value` against `schema` reports, one string per problem:
 * `rule message | hint`. Empty when the value is valid.
 */
export function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return issuesToDiagnostics(result.error.issues, { file: 'f', locate: () => ({ line: 1, column: 1 }), schema }).map(
    (d) => `${d.rule} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`,
  );
}
