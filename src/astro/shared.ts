/**
 * The state the Keel integration, the content loaders and the pages share during one build, on
 * `globalThis` under a registered symbol: Astro imports the integration natively but loads
 * content.config.ts through Vite's module runner and renders pages from a bundle, and each gets
 * its own copy of every module. This module imports nothing of Keel's, so the pages' bundle can
 * read the validated content without bundling the validator (whose modules read files next to
 * themselves).
 */
import type { SloEvaluation } from '../domain/slo/evaluate.ts';
import type { ValidationResult } from '../rules/validate.ts';

export interface KeelGlobal {
  validations: Map<string, Promise<ValidationResult>>;
  /** `keel dev`: pages render the valid entries while the content has errors (shown in the overlay). */
  tolerant: boolean;
  /** The content folder this build reads (set by the integration), for the sites' page data. */
  contentDir?: string;
  /** The internal build's SLO evaluations, started once the content was validated (src/astro/slo-evaluations.ts), and the instant they are at. */
  sloEvaluations: WeakMap<ValidationResult, StartedEvaluations>;
}

export interface StartedEvaluations {
  at: number;
  evaluations: Promise<SloEvaluation[]>;
}

const KEY = Symbol.for('keel.build-state');

export function sharedState(): KeelGlobal {
  const g = globalThis as typeof globalThis & { [KEY]?: KeelGlobal };
  g[KEY] ??= { validations: new Map(), tolerant: false, sloEvaluations: new WeakMap() };
  return g[KEY];
}

/** The validation of this build's content folder, as the integration started it. */
export function buildValidation(): Promise<ValidationResult> {
  const { contentDir, validations } = sharedState();
  const result = contentDir === undefined ? undefined : validations.get(contentDir);
  if (result === undefined) throw new Error('keel: the content was not validated: the Keel integration validates it before pages render');
  return result;
}

/**
 * The SLO evaluations the build started for `validation`, if it did (the internal pages' "now" is
 * theirs), handed over once: the page data keeps what its pages show of them, and the dashboard
 * series (150 MiB on the corpus) must not stay in the heap that every full collection marks.
 */
export function takeEvaluations(validation: ValidationResult): StartedEvaluations | undefined {
  const { sloEvaluations } = sharedState();
  const started = sloEvaluations.get(validation);
  sloEvaluations.delete(validation);
  return started;
}
