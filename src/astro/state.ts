/**
 * What the Keel integration and the content loaders share during one `astro build`.
 *
 * Astro imports astro.config.mjs (and so the integration) natively, but content.config.ts
 * through Vite's module runner: the two get separate copies of every module. State that must
 * be seen by both therefore lives on `globalThis` (./shared.ts), which the pages read too.
 */
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { validateContent, type ValidationResult } from '../rules/validate.ts';
import { sharedState } from './shared.ts';

const state = sharedState;

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

/**
 * Lets go of every validation this process holds and collects the garbage: a build calls it once
 * its pages are written, before the search index (a separate process whose memory adds to the
 * build's) is made. The validated index, its measurement series and the page data computed from
 * it are most of the heap by then; V8 would otherwise keep that memory until it next needs room.
 */
export function releaseValidations(): void {
  state().validations.clear();
  // --expose-gc at run time gives new contexts a `gc` function.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Whether pages may render while the content has errors (the dev server), or not (a build). */
export function tolerateErrors(value?: boolean): boolean {
  if (value !== undefined) state().tolerant = value;
  return state().tolerant;
}

/** The content folder of this build: set by the integration, read by the page data (src/site/data). */
export function buildContentDir(dir?: string): string {
  if (dir !== undefined) state().contentDir = resolve(dir);
  const known = state().contentDir;
  if (known === undefined) throw new Error('keel: no content folder: the Keel integration sets it before pages render');
  return known;
}
