/**
 * Support for the public-site tests: build a content folder's public site (the `astro build` that
 * `keel build` runs for the public audience), list its files, and serve it on 127.0.0.1 with a
 * tiny static server (the end-to-end tests' only origin).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
const sampleRoots: string[] = [];

/** Removes the sample sites this test file built (call it in afterAll). */
export function removeSampleSites(): void {
  for (const dir of sampleRoots.splice(0)) rmSync(dir, { recursive: true, force: true });
  sampleBuilds.clear();
}

/**
 * The sample content's site for one audience, built at SAMPLE_NOW, as the folder to serve (e.g.
 * `<tmp>/internal`). Every test of the sample's pages asks for it here, so that how the build is
 * shared (today once per test file) can change in one place. Read-only: do not write into it.
 */
export function sampleSite(audience: 'public' | 'internal'): Promise<string> {
  let built = sampleBuilds.get(audience);
  if (built === undefined) {
    built = (async () => {
      mkdirSync(join(root, 'tmp'), { recursive: true });
      const outRoot = mkdtempSync(join(root, 'tmp', `sample-${audience}-`));
      sampleRoots.push(outRoot);
      const result = await buildSite(audience, 'content', outRoot, SAMPLE_NOW);
      if (result.code !== 0) throw new Error(`the sample's ${audience} site did not build:\n${result.output}`);
      return join(outRoot, audience);
    })();
    sampleBuilds.set(audience, built);
  }
  return built;
}
