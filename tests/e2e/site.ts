/**
 * Support for the public-site tests: build a content folder's public site (the `astro build` that
 * `keel build` runs for the public audience), list its files, and serve it on 127.0.0.1 with a
 * tiny static server (the end-to-end tests' only origin).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's Chromium (.ci/run installs it) and the flags every end-to-end test launches it with. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The project's Node 24 (the config imports .ts files natively), whatever runs Vitest. */
const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;

export interface Built {
  code: number | null;
  output: string;
}

/** Builds the public site of `content` into `<outRoot>/public` at the pinned `now`. */
export function buildPublic(content: string, outRoot: string, now: string): Promise<Built> {
  return buildSite('public', content, outRoot, now);
}

/** Builds one audience's site of `content` into `<outRoot>/<audience>` at the pinned `now`. */
export function buildSite(audience: 'public' | 'internal', content: string, outRoot: string, now: string): Promise<Built> {
  return new Promise((done, fail) => {
    const child = spawn(node, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: root,
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        KEEL_AUDIENCE: audience,
        KEEL_CONTENT: content,
        KEEL_OUT_DIR: outRoot,
        KEEL_NOW: now,
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

/** Every file below `dir`, relative with `/`, sorted. */
export function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk('');
  return out.sort();
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

export interface Served {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` on 127.0.0.1 (a free port): `/x/` is `x/index.html`; anything else missing is a 404. */
export async function serve(dir: string): Promise<Served> {
  const base = resolve(dir);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) file = join(base, '404');
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the static server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((closed) => server.close(() => closed())),
  };
}

/** The instant the sample content's sites are built at in every test (its incidents and measurements are written around it). */
export const SAMPLE_NOW = '2026-11-22T12:00:00Z';

const sampleBuilds = new Map<string, Promise<string>>();

/** Where built sample sites are kept between test files and runs, one folder per key. */
const SAMPLE_SITES = join(root, 'tmp', 'sample-sites');
/** What a sample build reads besides its audience and instant: any change here makes a new key. */
export const SAMPLE_INPUTS = ['content', 'src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json', 'tests/e2e/site.ts'];
/** A kept site not asked for in this long is removed (a key of sources since changed). */
const KEEP_UNUSED_MS = 3_600_000;
/** A lock older than this is a build that died without removing it. */
const LOCK_STALE_MS = 600_000;

/**
 * The key of one sample build: a hash of every file it reads (the sample content, Keel's sources,
 * the Astro config, the locked dependencies, this helper), the audience, the instant, the Node
 * that builds and the KEEL_ and TZ variables it inherits. A kept site is used only under its own
 * key, so an edit to any of these builds afresh; it never serves an old build.
 */
export function sampleKey(audience: 'public' | 'internal', base = root, env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  const add = (rel: string): void => {
    const path = join(base, rel);
    if (!existsSync(path)) hash.update(`missing ${rel}\0`);
    else if (statSync(path).isDirectory()) for (const file of files(path)) add(`${rel}/${file}`);
    else hash.update(`${rel}\0${statSync(path).size}\0`).update(readFileSync(path));
  };
  for (const input of SAMPLE_INPUTS) add(input);
  const inherited = Object.entries(env).filter(([name]) => name.startsWith('KEEL_') || name === 'TZ');
  hash.update(JSON.stringify({ audience, now: SAMPLE_NOW, node, env: inherited.sort() }));
  return `${audience}-${hash.digest('hex').slice(0, 20)}`;
}

/** Whether the build that holds `lock` is gone (its process ended, or it is older than any build). */
function lockIsStale(lock: string): boolean {
  try {
    const pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // No pid file yet (the holder has just made the folder), or no lock any more.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const made = statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      return made !== undefined && Date.now() - made > 10_000;
    }
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes kept sites that no test asked for in KEEP_UNUSED_MS, and the folders of builds that
 * died unfinished (older than any build); never a lock, which lockIsStale judges.
 */
function pruneSampleSites(): void {
  if (!existsSync(SAMPLE_SITES)) return;
  for (const name of readdirSync(SAMPLE_SITES)) {
    if (name.endsWith('.lock')) continue;
    const dir = join(SAMPLE_SITES, name);
    const age = Date.now() - (statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > (name.includes('.building-') ? LOCK_STALE_MS : KEEP_UNUSED_MS)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the sample site of `key` once for every test file and worker: the first to take the lock
 * (a folder, made atomically) builds into a private folder and renames it into place; the others
 * wait for the folder to appear. A holder that died leaves a stale lock, which is broken.
 */
async function sharedSampleBuild(audience: 'public' | 'internal', key: string): Promise<string> {
  const done = join(SAMPLE_SITES, key);
  const lock = `${done}.lock`;
  mkdirSync(SAMPLE_SITES, { recursive: true });
  for (;;) {
    if (existsSync(done)) {
      const at = new Date();
      utimesSync(done, at, at);
      return join(done, audience);
    }
    try {
      mkdirSync(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
      continue;
    }
    try {
      writeFileSync(join(lock, 'pid'), String(process.pid));
      if (existsSync(done)) continue;
      const building = mkdtempSync(`${done}.building-`);
      try {
        const result = await buildSite(audience, 'content', building, SAMPLE_NOW);
        if (result.code !== 0) throw new Error(`the sample's ${audience} site did not build:\n${result.output}`);
        renameSync(building, done);
      } finally {
        rmSync(building, { recursive: true, force: true });
      }
      pruneSampleSites();
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * Forgets this test file's handles on the sample sites (call it in afterAll). The sites stay in
 * tmp/sample-sites/ for the other test files and later runs, under a key that changes with
 * everything the build reads; sites of keys unused for an hour are removed.
 */
export function removeSampleSites(): void {
  sampleBuilds.clear();
  pruneSampleSites();
}

/**
 * The sample content's site for one audience, built at SAMPLE_NOW, as the folder to serve (e.g.
 * `tmp/sample-sites/<key>/internal`). Built once for all test files, all Vitest workers and later
 * runs while nothing it reads changes (see sampleKey); every test of the sample's pages asks for it
 * here. Read-only: do not write into it (copy it, or build your own with buildSite).
 */
export function sampleSite(audience: 'public' | 'internal'): Promise<string> {
  const key = sampleKey(audience);
  let built = sampleBuilds.get(key);
  if (built === undefined) {
    built = sharedSampleBuild(audience, key);
    sampleBuilds.set(key, built);
  }
  return built;
}
