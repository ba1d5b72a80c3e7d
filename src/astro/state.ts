/**
 * What the Keel integration and the content loaders share during one `astro build`.
 *
 * Astro imports astro.config.mjs (and so the integration) natively, but content.config.ts
 * through Vite's module runner: the two get separate copies of every module. State that must
 * be seen by both therefore lives on `globalThis`, under a registered symbol.
 */
import { resolve } from 'node:path';
import { validateContent, type ValidationResult } from '../rules/validate.ts';

interface KeelGlobal {
  validations: Map<string, Promise<ValidationResult>>;
  /** `keel dev`: pages render the valid entries while the content has errors (shown in the overlay). */
  tolerant: boolean;
}

const KEY = Symbol.for('keel.build-state');

function state(): KeelGlobal {
  const g = globalThis as typeof globalThis & { [KEY]?: KeelGlobal };
  g[KEY] ??= { validations: new Map(), tolerant: false };
  return g[KEY];
}

/**
 * Validates a content folder once per process: the integration's `astro:config:setup` hook
 * and every collection's loader share the one result. File names in diagnostics are relative
 * to the working directory, exactly as `keel validate` prints them.
 */
export function validateOnce(contentDir: string): Promise<ValidationResult> {
  const key = resolve(contentDir);
  const cache = state().validations;
  let result = cache.get(key);
  if (!result) {
    result = validateContent(key, { cwd: process.cwd() });
    cache.set(key, result);
  }
  return result;
}

/** Validates the folder again (a file changed under `keel dev`); later readers get the new result. */
export function revalidate(contentDir: string): Promise<ValidationResult> {
  state().validations.delete(resolve(contentDir));
  return validateOnce(contentDir);
}

/** Whether pages may render while the content has errors (the dev server), or not (a build). */
export function tolerateErrors(value?: boolean): boolean {
  if (value !== undefined) state().tolerant = value;
  return state().tolerant;
}
