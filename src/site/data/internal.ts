/**
 * The internal site's page data: the validated content index (the one the build checked, read
 * from the build's shared state without bundling the validator) and
 * one "now", turned into every page's values once per build (src/projections/internal/portal.ts).
 * Routes only read from here. Under `keel dev` a changed file revalidates the content, and the
 * next page computes the data again.
 */
import { buildValidation } from '../../astro/shared.ts';
import type { ValidationResult } from '../../rules/validate.ts';
import { now } from '../../core/env.ts';
import { internalPortal, type InternalPortal } from '../../projections/internal/portal.ts';

let memo: { result: ValidationResult; portal: InternalPortal } | undefined;

/** Everything the internal pages show, computed once per validated content. */
export async function internalData(): Promise<InternalPortal> {
  const result = await buildValidation();
  if (memo?.result !== result) memo = { result, portal: internalPortal(result.index, now(), result.diagnostics) };
  return memo.portal;
}
