/**
 * The internal site's page data: the validated content index (the one the build checked, read
 * from the build's shared state without bundling the validator) and
 * one "now", turned into every page's values once per build (src/projections/internal/portal.ts).
 * Routes only read from here. Under `keel dev` a changed file revalidates the content, and the
 * next page computes the data again.
 */
import { buildValidation, takeEvaluations } from '../../astro/shared.ts';
import type { ValidationResult } from '../../rules/validate.ts';
import { now } from '../../core/env.ts';
import { internalPortal, type InternalPortal } from '../../projections/internal/portal.ts';

// Keyed by the validation, not held: once the build lets go of the validation (src/astro/integration.ts,
// after the pages are written), the portal's values go with it instead of staying in the heap.
const memo = new WeakMap<ValidationResult, Promise<InternalPortal>>();

/**
 * Everything the internal pages show, computed once per validated content. A build evaluates
 * the SLOs while it loads the content (src/astro/slo-evaluations.ts); its "now" is theirs.
 */
export async function internalData(): Promise<InternalPortal> {
  const result = await buildValidation();
  let portal = memo.get(result);
  if (portal === undefined) memo.set(result, (portal = portalOf(result)));
  return portal;
}

async function portalOf(result: ValidationResult): Promise<InternalPortal> {
  const started = takeEvaluations(result);
  if (started === undefined) return internalPortal(result.index, now(), result.diagnostics);
  return internalPortal(result.index, started.at, result.diagnostics, await started.evaluations);
}
