/**
 * `npm run preview`: serves the built sites with `astro preview`, one process per audience:
 * public (dist/public) on http://localhost:4321 and internal (dist/internal) on
 * http://localhost:4322. Stops both when either stops or on Ctrl-C. Run `npm run build` first.
 *
 * Both servers share one project root, so they run with `--ignore-lock`: Astro otherwise
 * allows one `astro preview` per root (.astro/preview.json) and refuses the second.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const sites = [
  { audience: 'public', port: 4321 },
  { audience: 'internal', port: 4322 },
] as const;

const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: process.env.ASTRO_TELEMETRY_DISABLED ?? '1' };
const outRoot = resolve(root, env.KEEL_OUT_DIR || 'dist');

const missing = sites.filter((s) => !existsSync(join(outRoot, s.audience, 'index.html')));
if (missing.length > 0) {
  const list = missing.map((s) => relative(process.cwd(), join(outRoot, s.audience)) || '.').join(' and ');
  process.stderr.write(`keel: ${list} not built yet; run \`npm run build\` first\n`);
  process.exit(1);
}

const children: ChildProcess[] = [];
let stopping = false;
function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

for (const { audience, port } of sites) {
  const child = spawn(process.execPath, [astro, 'preview', '--port', String(port), '--ignore-lock', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, KEEL_AUDIENCE: audience },
  });
  child.on('exit', (code, signal) => {
    if (!stopping && code !== 0) process.stderr.write(`keel: the ${audience} preview stopped (${signal ?? `exit code ${code}`}); stopping the other one\n`);
    stopAll(code ?? 0);
  });
  children.push(child);
}
process.stdout.write(`keel: serving public on http://localhost:4321 and internal on http://localhost:4322 (Ctrl-C stops both)\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
