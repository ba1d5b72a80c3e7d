/**
 * The writers other than `keel import` and `keel new` on hostile input (issue 21, item 1):
 * `keel pull` (measurement files), `keel rules --out` and the parse cache of `keel validate
 * --changed`. Each refuses — exit 2, one line, nothing written — a path that would leave its
 * folder: a symbolic link planted in the folder or at the file, a folder where the file should
 * be, a NUL, a name too long; and still writes where nothing is planted.
 */
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { cacheFileFor } from '../../src/content/cache.ts';
import { writeCheckoutContent } from '../support/checkout-content.ts';

const NOW = '2026-11-01T06:00:00Z';
const SECRET = 'outside the folder: must stay as it is\n';

let dir: string;
let server: Server;
let url: string;

async function keel(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW: NOW, ...env }, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A Prometheus that answers every range query with one counter rising by 10 a step. */
function fakePrometheus(): Promise<Server> {
  const s = createServer((request, response) => {
    const params = new URL(request.url ?? '/', 'http://x').searchParams;
    const start = Number(params.get('start'));
    const end = Number(params.get('end'));
    const step = Number.parseFloat(params.get('step') ?? '300');
    const values: [number, string][] = [];
    for (let t = start; t <= end; t += step) values.push([t, String(10 * Math.round((t - start) / step) + 1000)]);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } }));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

/** A fresh folder with a checkout content folder reading the fake Prometheus, and a file outside it. */
function checkout(name: string): { content: string; outside: string } {
  const base = join(dir, name);
  const content = join(base, 'content');
  writeCheckoutContent(content, { prometheusUrl: url, step: '5m' });
  const outside = join(base, 'outside.csv');
  writeFileSync(outside, SECRET);
  return { content, outside };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keel-writers-'));
  server = await fakePrometheus();
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('keel pull writes measurement files only inside measurements/', () => {
  it('writes the file where nothing is planted', async () => {
    const { content } = checkout('plain');
    const r = await keel(['pull', '--content', content, '--since', '2026-11-01T05:00:00Z'], content);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(content, 'measurements/checkout-availability.csv'), 'utf8')).toMatch(
      /^timestamp,good,total\n2026-11-01T05:00:00Z,10,10\n(.*,10,10\n){12}$/,
    );
    // No temporary file is left beside it.
    expect(readdirSync(join(content, 'measurements'))).toEqual(['checkout-availability.csv']);
  });

  it('refuses a measurements folder that is a symbolic link (to an empty folder inside the content folder): exit 2, nothing written', async () => {
    const { content } = checkout('linked-folder');
    rmSync(join(content, 'measurements'), { recursive: true });
    mkdirSync(join(content, '.elsewhere'));
    symlinkSync('.elsewhere', join(content, 'measurements'));
    const r = await keel(['pull', '--content', content, '--since', '2026-11-01T05:00:00Z'], content);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe('keel: refusing to write measurements/checkout-availability.csv: measurements is a symbolic link; nothing written');
    expect(readdirSync(join(content, '.elsewhere'))).toEqual([]);
  });

  it('refuses a measurements file that is a link leading outside the content folder: exit 2, nothing written', async () => {
    const { content, outside } = checkout('linked-file');
    symlinkSync(outside, join(content, 'measurements/checkout-availability.csv'));
    const r = await keel(['pull', '--content', content, '--since', '2026-11-01T05:00:00Z'], content);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'keel: refusing to write measurements/checkout-availability.csv: measurements/checkout-availability.csv is a symbolic link; nothing written',
    );
    expect(readFileSync(outside, 'utf8')).toBe(SECRET);
    expect(lstatSync(join(content, 'measurements/checkout-availability.csv')).isSymbolicLink()).toBe(true);
  });

  it('refuses a measurements file that is a link to another measurements file inside the folder: exit 2, neither file changed', async () => {
    const { content } = checkout('linked-inside');
    const csv = 'timestamp,good,total\n2026-11-01T05:00:00Z,10,10\n';
    writeFileSync(join(content, 'measurements/.kept.csv'), csv);
    symlinkSync('.kept.csv', join(content, 'measurements/checkout-availability.csv'));
    const r = await keel(['pull', '--content', content], content);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'keel: refusing to write measurements/checkout-availability.csv: measurements/checkout-availability.csv is a symbolic link; nothing written',
    );
    expect(readFileSync(join(content, 'measurements/.kept.csv'), 'utf8')).toBe(csv);
    expect(lstatSync(join(content, 'measurements/checkout-availability.csv')).isSymbolicLink()).toBe(true);
  });

  it('an SLO named with .. or a path never reaches a file name: the content is refused first', async () => {
    const { content } = checkout('dotdot');
    const slo = readFileSync(join(content, 'slos/checkout.yaml'), 'utf8');
    for (const name of ['../../pwn', '/tmp/pwn', 'a\u0000b', 'x'.repeat(300)]) {
      writeFileSync(join(content, 'slos/checkout.yaml'), slo.replace('name: checkout-availability', `name: ${JSON.stringify(name)}`));
      const r = await keel(['pull', '--content', content, '--since', '2026-11-01T05:00:00Z'], content);
      expect(r.code).toBe(1);
      expect(r.err).toContain('schema/id');
      expect(readdirSync(join(dir, 'dotdot')).sort()).toEqual(['content', 'outside.csv']);
      expect(readdirSync(join(content, 'measurements'))).toEqual([]);
    }
    writeFileSync(join(content, 'slos/checkout.yaml'), slo);
    const other = await keel(['pull', '--content', content, '--slo', '../../pwn'], content);
    expect(other).toMatchObject({ code: 2, err: 'keel: no SLO is named "../../pwn"' });
  });
});

describe('keel rules --out writes the file the user named, never through a link', () => {
  /** A content folder in `base`, where the rules are written (cwd), and a file outside `base`. */
  function folder(name: string): { base: string; outside: string } {
    const base = join(dir, name);
    writeCheckoutContent(join(base, 'content'));
    const outside = join(dir, `${name}.outside.yaml`);
    writeFileSync(outside, SECRET);
    return { base, outside };
  }
  const rules = (base: string, out: string) => keel(['rules', '--content', 'content', '--out', out], base);

  it('writes a new file, in a new folder too, and replaces its own file', async () => {
    const { base } = folder('rules-plain');
    const first = await rules(base, 'generated/rules.yaml');
    expect(first.code).toBe(0);
    const text = readFileSync(join(base, 'generated/rules.yaml'), 'utf8');
    expect(text).toContain('groups:');
    writeFileSync(join(base, 'generated/rules.yaml'), 'old');
    expect((await rules(base, 'generated/rules.yaml')).code).toBe(0);
    expect(readFileSync(join(base, 'generated/rules.yaml'), 'utf8')).toBe(text);
    expect(readdirSync(join(base, 'generated'))).toEqual(['rules.yaml']);
  });

  it('never follows a link planted at a temporary name beside the file', async () => {
    const { base, outside } = folder('rules-temp-link');
    // The temporary name used to be .<file>.<pid>.tmp: plant it for this process.
    symlinkSync(outside, join(base, `.rules.yaml.${process.pid}.tmp`));
    expect((await rules(base, 'rules.yaml')).code).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe(SECRET);
  });

  it.each([
    ['an existing file that is a symbolic link', 'linked.yaml', 'refusing to write linked.yaml: linked.yaml is a symbolic link; nothing written'],
    ['a dangling symbolic link', 'dangling.yaml', 'refusing to write dangling.yaml: dangling.yaml is a symbolic link; nothing written'],
    ['a folder', 'folder', 'refusing to write folder: it exists and is not a regular file; nothing written'],
    ['a NUL', 'rules\u0000.yaml', 'a NUL character in the path; nothing written'],
    ['a name longer than a file name may be', `${'r'.repeat(300)}.yaml`, 'a name longer than 255 bytes; nothing written'],
  ])('refuses %s: exit 2, nothing written', async (_what, out, message) => {
    const { base, outside } = folder(`rules-${out.length}-${out.slice(0, 6).replace(/\W/g, '')}`);
    symlinkSync(outside, join(base, 'linked.yaml'));
    symlinkSync(join(base, 'nowhere.yaml'), join(base, 'dangling.yaml'));
    mkdirSync(join(base, 'folder'));
    const before = readdirSync(base).sort();
    const r = await rules(base, out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(readFileSync(outside, 'utf8')).toBe(SECRET);
    expect(readdirSync(base).sort()).toEqual(before);
    expect(readdirSync(join(base, 'folder'))).toEqual([]);
    expect(() => lstatSync(join(base, 'nowhere.yaml'))).toThrow();
  });
});

describe('the parse cache of keel validate --changed', () => {
  const GIT_ENV: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Keel Test',
    GIT_AUTHOR_EMAIL: 'keel@example.com',
    GIT_COMMITTER_NAME: 'Keel Test',
    GIT_COMMITTER_EMAIL: 'keel@example.com',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    CACHE_DIR: '',
  };
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' });

  /** A git repository holding a content folder (with package.json, so the cache is node_modules/.cache/keel), one file changed. */
  function repository(name: string): { content: string; outside: string; cacheFile: string } {
    const base = join(dir, name);
    const content = join(base, 'content');
    writeCheckoutContent(content);
    writeFileSync(join(content, 'package.json'), '{ "name": "content", "private": true }\n');
    writeFileSync(join(content, '.gitignore'), 'node_modules/\n');
    git(content, 'init', '-q', '-b', 'main');
    git(content, 'add', '-A');
    git(content, 'commit', '-q', '-m', 'content');
    writeFileSync(join(content, 'services/checkout.yaml'), 'name: Checkout\nowner: team-shop\ntier: 2\nstatusPage: false\n');
    const outside = join(base, 'outside.v8');
    writeFileSync(outside, SECRET);
    const cacheDir = join(content, 'node_modules/.cache/keel');
    return { content, outside, cacheFile: cacheFileFor(cacheDir, content) };
  }

  const validate = (content: string) => keel(['validate', '--content', '.', '--changed', 'HEAD'], content, { CACHE_DIR: '' });

  it('is written where nothing is planted', async () => {
    const { content, cacheFile } = repository('cache-plain');
    expect((await validate(content)).code).toBe(0);
    expect(lstatSync(cacheFile).isFile()).toBe(true);
  });

  it.each([
    ['a symbolic link to a file outside', (c: { outside: string; cacheFile: string }) => symlinkSync(c.outside, c.cacheFile), 'is a symbolic link'],
    ['a dangling symbolic link', (c: { outside: string; cacheFile: string }) => symlinkSync(`${c.outside}.new`, c.cacheFile), 'is a symbolic link'],
    ['a folder', (c: { outside: string; cacheFile: string }) => mkdirSync(c.cacheFile), 'it exists and is not a regular file'],
  ])('refuses a cache file that is %s: exit 2, read and written neither', async (_what, plant, why) => {
    const c = repository(`cache-${_what.replace(/\W+/g, '-')}`);
    mkdirSync(join(c.cacheFile, '..'), { recursive: true });
    plant(c);
    const r = await validate(c.content);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^keel: refusing to write parse-[0-9a-f]{16}\\.v8: .*${why}.*; nothing written$`));
    expect(readFileSync(c.outside, 'utf8')).toBe(SECRET);
    expect(readdirSync(join(c.cacheFile, '..'))).toHaveLength(1);
    expect(() => readFileSync(`${c.outside}.new`)).toThrow();
  });
});
