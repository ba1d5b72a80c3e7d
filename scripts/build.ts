/**
 * `npm run build`: builds the public site, then the internal one, each with its own
 * `astro build` (KEEL_AUDIENCE=public|internal), and stops at the first failure with its exit
 * code. Extra arguments go to both `astro build` runs (e.g. `npm run build -- --verbose`).
 *
 * Environment: KEEL_CONTENT (content folder, default content), KEEL_OUT_DIR (output root,
 * default dist), and whatever else the Keel integration reads (src/astro/integration.ts).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const audiences = ['public', 'internal'] as const;

const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED ?? '1' };
const outRoot = resolve(root, env.KEEL_OUT_DIR || 'dist');
const show = (path: string) => relative(process.cwd(), path) || '.';

const times: string[] = [];
for (const audience of audiences) {
  const started = performance.now();
  process.stdout.write(`\nkeel: building the ${audience} site\n`);
  const run = spawnSync(process.execPath, [astro, 'build', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, KEEL_AUDIENCE: audience },
  });
  if (run.status !== 0) {
    const code = run.status ?? 1;
    process.stderr.write(`\nkeel: the ${audience} build failed${run.signal ? ` (${run.signal})` : ''}; nothing more was built\n`);
    process.exit(code);
  }
  times.push(`${audience} ${((performance.now() - started) / 1000).toFixed(1)}s`);
}

process.stdout.write(`
keel: built both sites (${times.join(', ')})
  public    ${show(join(outRoot, 'public', 'index.html'))}
  internal  ${show(join(outRoot, 'internal', 'index.html'))}
Open those files in a browser, or run \`npm run preview\` to serve them:
  public on http://localhost:4321, internal on http://localhost:4322
`);
