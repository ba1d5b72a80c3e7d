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
}

const KEY = Symbol.for('keel.build-state');

function state(): KeelGlobal {
  const g = globalThis as typeof globalThis & { [KEY]?: KeelGlobal };
  g[KEY] ??= { validations: new Map() };
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
