/**
 * Runbooks an on-call engineer finds from an alert: the alert URL pages
 * (src/site/routes/internal/runbooks/alerts/) and the internal site's search
 * (src/astro/search-index.ts). Builds the kube-prometheus-shaped runbooks of
 * tests/fixtures/kube-runbooks for both audiences and the sample content's internal site, then
 * reads the files, queries the Pagefind bundle with Pagefind's own search code, and follows the
 * alert URLs in Chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPath } from '../../src/core/alert-url.ts';
import { pagefindSearch } from '../support/pagefind.ts';
import { buildSite, CHROMIUM, CHROMIUM_ARGS, files, root, serve, type Served } from './site.ts';

const kube = join(root, 'tests', 'fixtures', 'kube-runbooks');
const sample = join(root, 'content');
const NOW = '2026-11-22T12:00:00Z';
let outRoot: string;
let internalLog: string;
let browser: Browser;
let server: Served;

const internal = (...parts: string[]) => join(outRoot, 'kube', 'internal', ...parts);
const alertPage = (site: string, alert: string) => readFileSync(join(outRoot, site, 'internal', alertPath(alert), 'index.html'), 'utf8');

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  outRoot = mkdtempSync(join(root, 'tmp', 'runbooks-'));
  const built = await Promise.all([
    buildSite('internal', kube, join(outRoot, 'kube'), NOW),
    buildSite('public', kube, join(outRoot, 'kube'), NOW),
    buildSite('internal', sample, join(outRoot, 'sample'), NOW),
  ]);
  for (const b of built) expect(b.code, b.output).toBe(0);
  internalLog = built[0].output;
  server = await serve(internal());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
});

describe('alert URLs', () => {
  it('give every alert a sample runbook names a page that opens that runbook', () => {
    const runbooks = files(join(sample, 'runbooks')).map((f) => ({ id: f.replace(/\.mdx?$/, ''), text: readFileSync(join(sample, 'runbooks', f), 'utf8') }));
    const named = runbooks.flatMap(({ id, text }) =>
      [...(/^alerts:\n((?: {2}- .+\n)+)/m.exec(text)?.[1] ?? '').matchAll(/- (.+)/g)].map((m) => ({ id, alert: m[1]!.trim() })),
    );
    expect(named.length).toBeGreaterThan(3);
    for (const { id, alert } of named) {
      expect(alertPage('sample', alert)).toContain(`<meta http-equiv="refresh" content="0; url=../../../raw/runbooks/${id}/">`);
      expect(existsSync(join(outRoot, 'sample', 'internal', 'raw', 'runbooks', id, 'index.html'))).toBe(true);
    }
  });

  it('list both runbooks where two name the alert, without redirecting', () => {
    const html = alertPage('kube', 'KubePodCrashLooping');
    expect(html).not.toContain('http-equiv="refresh"');
    expect([...html.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['../../../raw/runbooks/application-crashes/', 'Application crashes and quota'],
      ['../../../raw/runbooks/kube-pod-crash-looping/', 'KubePodCrashLooping'],
    ]);
  });

  it('land on the runbook in Chromium, the alert name as Prometheus writes it or escaped', async () => {
    const page = await browser.newPage();
    for (const [path, runbook] of [
      ['/runbooks/alerts/KubePodNotReady/', '/raw/runbooks/kube-pod-not-ready/'],
      ['/runbooks/alerts/NodeFilesystemSpaceFillingUp/', '/raw/runbooks/node-filesystem-space-filling-up/'],
      ['/runbooks/alerts/KubeQuota~3AExceeded/', '/raw/runbooks/application-crashes/'],
      // Prometheus 3 allows any UTF-8 name: dots, spaces, slashes, a name that is only dots.
      [alertPath('http.server.request.errors'), '/raw/runbooks/otel-http-errors/'],
      [alertPath('Zahlungen schlagen fehl (ü)'), '/raw/runbooks/otel-http-errors/'],
      [alertPath('50%/5m'), '/raw/runbooks/otel-http-errors/'],
      [alertPath('..'), '/raw/runbooks/otel-http-errors/'],
    ] as const) {
      await page.goto(server.origin + path);
      await page.waitForURL(server.origin + runbook);
      expect(new URL(page.url()).pathname).toBe(runbook);
    }
    await page.close();
  });
});

describe('the internal search index', () => {
  it('indexes every page Astro wrote', () => {
    const pages = files(internal()).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    expect(internalLog).toContain(`search: ${pages.length} pages indexed by Pagefind`);
    expect(existsSync(internal('pagefind', 'pagefind.js'))).toBe(true);
  });

  it('finds each runbook by the alert names it handles, and not the alert pages', async () => {
    const search = await pagefindSearch(internal());
    const urls = async (term: string) => (await search(term)).map((r) => r.url);
    expect(await urls('KubePodCrashLooping')).toEqual(expect.arrayContaining(['/raw/runbooks/kube-pod-crash-looping/', '/raw/runbooks/application-crashes/']));
    expect(await urls('KubePodNotReady')).toContain('/raw/runbooks/kube-pod-not-ready/');
    expect(await urls('NodeFilesystemAlmostOutOfSpace')).toContain('/raw/runbooks/node-filesystem-space-filling-up/');
    expect(await urls('KubeQuota:Exceeded')).toContain('/raw/runbooks/application-crashes/');
    expect((await urls('KubePodCrashLooping')).filter((u) => u.startsWith('/runbooks/alerts/'))).toEqual([]);
    expect(await urls('qwxzv')).toEqual([]);
  });

  it('cannot load from file:// in Chromium (README: serve the site, e.g. keel preview)', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(internal('index.html')).href);
    // A string, so that Vite does not rewrite the browser's import() for Node.
    const loaded = await page.evaluate("import('./pagefind/pagefind.js').then(() => 'loaded', () => 'blocked')");
    expect(loaded).toBe('blocked');
    await page.close();
  });
});

describe('the public site', () => {
  it('has no search index and loads no search code', () => {
    const all = files(join(outRoot, 'kube', 'public'));
    expect(all.filter((f) => /(^|\/)pagefind(\/|$)/.test(f))).toEqual([]);
    expect(all.filter((f) => f.startsWith('runbooks/'))).toEqual([]);
    for (const file of all.filter((f) => /\.(html|js|json|xml|rss|atom)$/.test(f))) {
      expect(readFileSync(join(outRoot, 'kube', 'public', file), 'utf8'), file).not.toMatch(/pagefind|KubePodCrashLooping/i);
    }
  });
});
