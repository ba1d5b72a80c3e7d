/** Running Astro on Keel's own project (astro.config.mjs at the package root) for one audience. */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir, outRoot, type Audience } from '../core/env.ts';

/** The Keel package root: where astro.config.mjs and src/ live. */
export const KEEL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Astro's command-line entry point. */
export const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');

/**
 * The environment of an Astro run for `audience`: the content folder and output root made
 * absolute (Astro runs in KEEL_ROOT, not in the user's working directory), telemetry off.
 */
export function astroEnv(env: NodeJS.ProcessEnv, cwd: string, audience: Audience, content: string | undefined, out: string | undefined): NodeJS.ProcessEnv {
  return {
    ...env,
    KEEL_AUDIENCE: audience,
    KEEL_CONTENT: contentDir(cwd, env, content),
    KEEL_OUT_DIR: outRoot(cwd, out === undefined ? env : { ...env, KEEL_OUT_DIR: out }),
    ASTRO_TELEMETRY_DISABLED: env.ASTRO_TELEMETRY_DISABLED ?? '1',
  };
}
