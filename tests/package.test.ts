/**
 * Keel as a user installs it, both ways the README gives: from a git URL (a local bare
 * repository made from the committed worktree: npm clones it, installs its dev dependencies and
 * runs `prepare`, which compiles lib/) and from a tarball (`npm pack`, which runs the same
 * `prepare`), each into an empty content repository holding a copy of the sample content
 * (keel.yaml at its root); then `keel validate` and `keel build` run there from
 * node_modules/.bin — no checkout of Keel, no Astro project of the user's own, and no
 * TypeScript under node_modules. Slow (two installs, two builds): run it on its own.
 */
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../src/core/walk.ts';
import { freePort } from './support/ports.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'keel-package-'));
/** Node 24 (the project's), first on PATH for everything the test starts. */
const nodeDir = dirname(existsSync(join(root, 'node_modules', 'node', 'bin', 'node')) ? join(root, 'node_modules', 'node', 'bin', 'node') : process.execPath);
const env = { ...process.env, PATH: `${nodeDir}:${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', KEEL_NOW: '2026-11-22T12:00:00Z' };

function sh(command: string, args: string[], options: SpawnSyncOptions) {
  const result = spawnSync(command, args, { encoding: 'utf8', env, ...options });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `sh` without blocking, so that the two installs run side by side. */
function shAsync(command: string, args: string[], options: { cwd: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, ...options });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** An empty content repository holding the sample content, with Keel installed from `spec`. */
async function contentRepository(name: string, spec: string): Promise<string> {
  const repo = join(work, name);
  cpSync(join(root, 'content'), repo, { recursive: true });
  writeFileSync(join(repo, 'package.json'), `${JSON.stringify({ name: `acme-${name}`, private: true, type: 'module' }, null, 2)}\n`);
  // The npm cache holds every dependency after `npm ci`; the registry is asked only for what it lacks.
  const installed = await shAsync('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', spec], { cwd: repo });
  expect(installed.code, installed.stderr).toBe(0);
  return repo;
}

const repos: Record<'tarball' | 'git', string> = { tarball: '', git: '' };

beforeAll(async () => {
  // A git URL: a bare repository of the worktree's last commit, as a hosted one would serve it.
  const bare = join(work, 'keel.git');
  const cloned = sh('git', ['clone', '--quiet', '--bare', root, bare], { cwd: work });
  expect(cloned.code, cloned.stderr).toBe(0);
  // The two installs (each compiles lib/ in `prepare`) run side by side.
  [repos.git, repos.tarball] = await Promise.all([
    contentRepository('git', `git+file://${bare}`),
    (async () => {
      const packed = await shAsync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root });
      expect(packed.code, packed.stderr).toBe(0);
      const tarball = join(work, (JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string }[])[0]!.filename);
      return contentRepository('tarball', tarball);
    })(),
  ]);
}, 1_200_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('installed from a git URL', () => {
  it('records the git URL and its commit, and has lib/ built by prepare', () => {
    const manifest = JSON.parse(readFileSync(join(repos.git, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(manifest.devDependencies.keel).toMatch(/^git\+file:\/\/.*keel\.git$/);
    const lock = readFileSync(join(repos.git, 'package-lock.json'), 'utf8');
    expect(lock).toMatch(/"resolved": "git\+file:\/\/.*keel\.git#[0-9a-f]{40}"/);
    expect(existsSync(join(repos.git, 'node_modules', 'keel', 'lib', 'cli', 'main.js'))).toBe(true);
  });
});

describe.each(['git', 'tarball'] as const)('installed from a %s: validate and build', (how) => {
  it('validates the content at the repository root, leaving package.json and node_modules/ alone', () => {
    const run = sh(join(repos[how], 'node_modules', '.bin', 'keel'), ['validate'], { cwd: repos[how] });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^\d+ files checked: no problems$/m);
    expect(run.code).toBe(0);
  });

  it('builds both sites into ./dist', () => {
    const run = sh(join(repos[how], 'node_modules', '.bin', 'keel'), ['build'], { cwd: repos[how] });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('keel: built both sites');
    for (const site of ['public', 'internal']) expect(existsSync(join(repos[how], 'dist', site, 'index.html'))).toBe(true);
    expect(readFileSync(join(repos[how], 'dist', 'public', 'index.html'), 'utf8')).toContain('Tidewater');
    expect(existsSync(join(repos[how], 'dist', 'internal', 'incidents', '2026-10-14-card-payments-outage', 'index.html'))).toBe(true);
    // The compiled search feed and worker (lib/astro/search-*.js) wrote the index; the public site has none.
    expect(existsSync(join(repos[how], 'dist', 'internal', 'pagefind', 'pagefind.js'))).toBe(true);
    expect(existsSync(join(repos[how], 'dist', 'public', 'pagefind'))).toBe(false);
  }, 600_000);
});

describe('the packed and installed package (tarball)', () => {
  const repo = (): string => repos.tarball;
  it('ships compiled JavaScript, the site sources Astro compiles, and no TypeScript', () => {
    const installed = join(repo(), 'node_modules', 'keel');
    const shipped = listFiles(installed);
    expect(shipped).toContain('lib/cli/main.js');
    expect(shipped).toContain('lib/astro/config.js');
    expect(shipped).toContain('lib/site/routes/public/index.astro');
    expect(shipped.filter((f) => f.endsWith('.ts'))).toEqual([]);
    expect(shipped.filter((f) => f.startsWith('src/') || f.startsWith('tests/'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin.keel).toBe('./bin/keel.mjs');
  });

  it('reports a content error in the repository with its path as the user sees it', () => {
    const broken = join(repo(), 'services', 'broken.yaml');
    writeFileSync(broken, 'name: Broken\nowner: team\ntier: 7\n');
    try {
      const run = sh(join(repo(), 'node_modules', '.bin', 'keel'), ['validate'], { cwd: repo() });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('services/broken.yaml:3:7 error');
    } finally {
      rmSync(broken);
    }
  });

  it('serves the internal site with keel dev from the installed package', async () => {
    // Astro's dev server answers 404 to everything when Vitest's variables are set.
    const devEnv = Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));
    const port = await freePort();
    const dev = spawn(join(repo(), 'node_modules', '.bin', 'keel'), ['dev', '--port', String(port), '--', '--host', '127.0.0.1'], { cwd: repo(), env: devEnv });
    let output = '';
    dev.stdout.on('data', (d: Buffer) => (output += d.toString()));
    dev.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      let status = 0;
      for (let tries = 0; tries < 300 && status !== 200; tries++) {
        status = (await fetch(`http://127.0.0.1:${port}/raw/incidents/2026-10-14-card-payments-outage/`).catch(() => undefined))?.status ?? 0;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, output).toBe(200);
    } finally {
      dev.kill('SIGTERM');
    }
  }, 120_000);
});
