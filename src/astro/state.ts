/**
 * What the Keel integration and the content loaders share during one `astro build`.
 *
 * Astro imports astro.config.mjs (and so the integration) natively, but content.config.ts
 * through Vite's module runner: the two get separate copies of every module. State that must
 * be seen by both therefore lives on `globalThis`, under a registered symbol.
 */
import { resolve } from 'node:path';
import { validateContent, type ValidationResult } from '../validate/validate.ts';

export const AUDIENCES = ['public', 'internal'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Collections the public site may read; every other collection is internal-only. */
export const PUBLIC_COLLECTIONS: readonly string[] = ['settings', 'services', 'incidents', 'maintenance'];

/** A problem with how the build was invoked (not with the content). */
export class KeelConfigError extends Error {
  override name = 'KeelConfigError';
}

/** `KEEL_AUDIENCE`: public or internal (the default); anything else is an error. */
export function resolveAudience(env: NodeJS.ProcessEnv = process.env): Audience {
  const value = env.KEEL_AUDIENCE;
  if (value === undefined || value === '') return 'internal';
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new KeelConfigError(`KEEL_AUDIENCE must be one of ${AUDIENCES.join(', ')} (got "${value}")`);
}

/** `KEEL_CONTENT` (default `content`), as an absolute path. */
export function resolveContentDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env.KEEL_CONTENT || 'content');
}

/** `KEEL_OUT_DIR` (default `dist`): the folder that receives `public/` and `internal/`. */
export function resolveOutRoot(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env.KEEL_OUT_DIR || 'dist');
}

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
