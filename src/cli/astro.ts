/**
 * Running Astro on Keel's own project for one audience. The project is the Keel package itself
 * (its root, its src/ or compiled lib/, its configuration), never the user's folder: a content
 * repository needs no Astro project of its own. Astro runs in the user's working directory, so
 * paths in its messages and in Keel's reports read as they do for `keel validate`.
 */
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentDir, outRoot, type Audience } from '../core/env.ts';

const HERE = fileURLToPath(import.meta.url);

/** The Keel package root: where package.json, public/ and src/ (or lib/) live. */
export const KEEL_ROOT = resolve(dirname(HERE), '..', '..');

/**
 * Keel's Astro configuration (src/astro/config.ts), relative to KEEL_ROOT as Astro's --config
 * wants it. Astro imports a .js or .mjs configuration natively but runs a .ts one through Vite's
 * module runner, which it closes after loading: the integration's later dynamic imports would
 * fail. So a checkout passes astro.config.mjs (Node strips the types of what it imports), and
 * the installed package its compiled lib/astro/config.js.
 */
const ASTRO_CONFIG = extname(HERE) === '.ts' ? 'astro.config.mjs' : relative(KEEL_ROOT, join(dirname(HERE), '..', 'astro', 'config.js'));

/** Astro's command-line entry point. */
const ASTRO_BIN = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');

/** Node's arguments for `astro <command>` on Keel's project, followed by `extra`. */
export function astroArgs(command: 'build' | 'dev' | 'preview', extra: readonly string[] = []): string[] {
  return [ASTRO_BIN, command, '--root', KEEL_ROOT, '--config', ASTRO_CONFIG, ...extra];
}

/**
 * Node's own flags for the build of `audience`, placed before astroArgs(). The public build
 * holds little (its content and about a thousand pages), but V8 sizes the young generation as
 * for a large heap: with its semi-spaces capped at 2 MiB, the public build of the bench's
 * 800-incident history peaks at about 520 MiB instead of about 670 MiB, for the same CPU time
 * (README, "Speed"). The internal build's heap holds about 600 MiB live while its pages are
 * generated, and its pages allocate nothing outside the heap (src/astro/page-html.ts), so V8
 * lets the heap grow to four times that before a full collection: the corpus build peaked at
 * 3.1 GB. Growing it by at most its size each time (`--heap-growing-percent=100`) keeps the peak
 * at 2.0 GB for about 1 % more wall time.
 */
export function buildNodeFlags(audience: Audience): string[] {
  return audience === 'public' ? ['--max-semi-space-size=2'] : ['--heap-growing-percent=100'];
}

/**
 * Environment variables of a build, added to astroEnv()'s (a value the user set wins). Vite's
 * bundler (rolldown) and Astro's compiler are native modules with their own allocator, mimalloc,
 * which reserves a 1 GiB arena and asks the kernel for transparent huge pages on it
 * (`madvise(MADV_HUGEPAGE)`): every 2 MiB of it that the build touches becomes resident whole,
 * about 250 MiB of the public build's peak for about 50 MiB in use. `MIMALLOC_ALLOW_THP=0` makes
 * mimalloc turn huge pages off for the process (`prctl(PR_SET_THP_DISABLE)`): the public build of
 * the bench's 800-incident history peaks at about 390 MiB instead of about 580 MiB, the internal
 * build of the corpus at about 1.8 GiB instead of about 2.0, for the same CPU time and the same
 * bytes (README, "Speed").
 */
export function buildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { MIMALLOC_ALLOW_THP: env.MIMALLOC_ALLOW_THP ?? '0' };
}

/**
 * The environment of an Astro run for `audience`: the content folder and output root made
 * absolute, telemetry off.
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
