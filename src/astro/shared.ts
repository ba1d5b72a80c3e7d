/**
 * The state the Keel integration, the content loaders and the pages share during one build, on
 * `globalThis` under a registered symbol: Astro imports the integration natively but loads
 * content.config.ts through Vite's module runner and renders pages from a bundle, and each gets
 * its own copy of every module. This module imports nothing of Keel's, so the pages' bundle can
 * read the validated content without bundling the validator (whose modules read files next to
 * themselves).
 */
import type { ValidationResult } from '../rules/validate.ts';

export interface KeelGlobal {
  validations: Map<string, Promise<ValidationResult>>;
  /** `keel dev`: pages render the valid entries while the content has errors (shown in the overlay). */
  tolerant: boolean;
  /** The content folder this build reads (set by the integration), for the sites' page data. */
  contentDir?: string;
}

const KEY = Symbol.for('keel.build-state');

export function sharedState(): KeelGlobal {
  const g = globalThis as typeof globalThis & { [KEY]?: KeelGlobal };
  g[KEY] ??= { validations: new Map(), tolerant: false };
  return g[KEY];
}

/** The validation of this build's content folder, as the integration started it. */
export function buildValidation(): Promise<ValidationResult> {
  const { contentDir, validations } = sharedState();
  const result = contentDir === undefined ? undefined : validations.get(contentDir);
  if (result === undefined) throw new Error('keel: the content was not validated: the Keel integration validates it before pages render');
  return result;
}
