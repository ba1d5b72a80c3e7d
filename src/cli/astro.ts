/** Running Astro on Keel's own project (astro.config.mjs at the package root) for one audience. */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Audience } from '../core/env.ts';

/** The Keel package root: where astro.config.mjs and src/ live. */
export const KEEL_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Astro's command-line entry point. */
export const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');

/**
 * The environment of an Astro run for `audience`: the content folder and output root made
 * absolute (Astro runs in KEEL_ROOT, not in the user's working directory), telemetry off.
 */
export function astroEnv(env: NodeJS.ProcessEnv, cwd: string, audience: Audience, content: string | undefined, out: string | undefined): NodeJS.ProcessEnv {
  const next: NodeJS.ProcessEnv = { ...env, KEEL_AUDIENCE: audience, ASTRO_TELEMETRY_DISABLED: env.ASTRO_TELEMETRY_DISABLED ?? '1' };
  const contentDir = content ?? env.KEEL_CONTENT;
  if (contentDir) next.KEEL_CONTENT = resolve(cwd, contentDir);
  const outDir = out ?? env.KEEL_OUT_DIR;
  if (outDir) next.KEEL_OUT_DIR = resolve(cwd, outDir);
  return next;
}
