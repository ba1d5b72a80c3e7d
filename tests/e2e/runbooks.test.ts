/**
 * Runbooks an on-call engineer finds from an alert: the runbook pages
 * (src/site/routes/internal/runbooks/), the alert URL pages (runbooks/alerts/), the internal
 * site's search index (src/astro/search-index.ts) and search page (search.astro). Builds the
 * kube-prometheus-shaped runbooks of tests/fixtures/kube-runbooks for both audiences and the
 * sample content's internal site, then reads the files, queries the Pagefind bundle with
 * Pagefind's own search code, and uses the pages in Chromium: the alert URLs land on the
 * runbook, an alert's name typed in the search box lists its runbook first, an overdue review is
 * flagged, axe-core finds no serious or critical violation (light and dark). Screenshots go to
 * tmp/e2e/.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPath } from '../../src/core/alert-url.ts';
import { pagefindSearch } from '../support/pagefind.ts';
import { buildSite, CHROMIUM, CHROMIUM_ARGS, files, root, SAMPLE_NOW, sampleSite, serve, type Served } from './site.ts';

const kube = join(root, 'tests', 'fixtures', 'kube-runbooks');
const SCREENSHOTS = join(root, 'tmp', 'e2e');
const KINDS = ['runbook', 'incident', 'concern', 'experiment', 'service', 'slo'];
const sample = join(root, 'content');
const NOW = SAMPLE_NOW;
let outRoot: string;
/** The sample content's internal site, shared with the other test files (sampleSite). */
let sampleInternal: string;
let internalLog: string;
let browser: Browser;
let server: Served;

const internal = (...parts: string[]) => join(outRoot, 'kube', 'internal', ...parts);
/** Ids of a content folder's files (file names without extension; the fixtures set no id:). */
const ids = (content: string, folder: string) =>
  existsSync(join(content, folder)) ? readdirSync(join(content, folder)).map((f) => f.replace(/\.(mdx?|ya?ml)$/, '')) : [];
const alertPage = (site: string, alert: string) => readFileSync(join(site, alertPath(alert), 'index.html'), 'utf8');

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  outRoot = mkdtempSync(join(root, 'tmp', 'runbooks-'));
  const [built, shared] = await Promise.all([
    Promise.all([buildSite('internal', kube, join(outRoot, 'kube'), NOW), buildSite('public', kube, join(outRoot, 'kube'), NOW)]),
    sampleSite('internal'),
  ]);
  sampleInternal = shared;
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
      expect(alertPage(sampleInternal, alert)).toContain(`<meta http-equiv="refresh" content="0; url=../../${id}/">`);
      expect(existsSync(join(sampleInternal, 'runbooks', id, 'index.html'))).toBe(true);
    }
  });

  it('list both runbooks where two name the alert, without redirecting', () => {
    const html = alertPage(internal(), 'KubePodCrashLooping');
    expect(html).not.toContain('http-equiv="refresh"');
    expect([...html.matchAll(/<li><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['../../application-crashes/', 'Application crashes and quota'],
      ['../../kube-pod-crash-looping/', 'KubePodCrashLooping'],
    ]);
  });

  it('land on the runbook in Chromium, the alert name as Prometheus writes it or escaped', async () => {
    const page = await browser.newPage();
    for (const [path, runbook] of [
      ['/runbooks/alerts/KubePodNotReady/', '/runbooks/kube-pod-not-ready/'],
      ['/runbooks/alerts/NodeFilesystemSpaceFillingUp/', '/runbooks/node-filesystem-space-filling-up/'],
      ['/runbooks/alerts/KubeQuota~3AExceeded/', '/runbooks/application-crashes/'],
      // Prometheus 3 allows any UTF-8 name: dots, spaces, slashes, a name that is only dots.
      [alertPath('http.server.request.errors'), '/runbooks/otel-http-errors/'],
      [alertPath('Zahlungen schlagen fehl (ü)'), '/runbooks/otel-http-errors/'],
      [alertPath('50%/5m'), '/runbooks/otel-http-errors/'],
      [alertPath('..'), '/runbooks/otel-http-errors/'],
    ] as const) {
      await page.goto(server.origin + path);
      await page.waitForURL(server.origin + runbook);
      expect(new URL(page.url()).pathname).toBe(runbook);
    }
    await page.close();
  });
});

describe('the internal search index', () => {
  it('indexes the page of every runbook, incident and service, and no other page', async () => {
    const expected = [
      ...ids(kube, 'runbooks').map((id) => `/runbooks/${id}/`),
      ...ids(kube, 'incidents').map((id) => `/incidents/${id}/`),
      ...ids(kube, 'services').map((id) => `/services/${id}/`),
    ].sort();
    const search = await pagefindSearch(internal());
    const all = await search(null, { kind: { any: KINDS } });
    expect(all.map((r) => r.url).sort()).toEqual(expected);
    // Only the folders of the searched kinds are read, not /raw/, /kpis/, … nor the alert URL pages.
    const read = files(internal()).filter(
      (f) => /^(runbooks|incidents|council|experiments|services|slos)\/.*\.html$/.test(f) && !f.startsWith('runbooks/alerts/'),
    );
    expect(internalLog).toMatch(new RegExp(`search: ${expected.length} pages indexed by Pagefind \\(of ${read.length} read\\), [\\d.]+ MiB`));
    // Each page with its kind and services as filters, a runbook with its alerts.
    expect(all.find((r) => r.url === '/runbooks/application-crashes/')!.filters).toEqual({
      kind: ['runbook'],
      service: ['kubernetes'],
      alert: ['KubePodCrashLooping', 'KubeQuota:Exceeded'],
    });
    expect(all.find((r) => r.url === '/incidents/2026-11-02-node-disk-full/')!.filters).toEqual({ kind: ['incident'], service: ['nodes', 'kubernetes'] });
  });

  it('indexes the main content only: not the header or the footer', async () => {
    const search = await pagefindSearch(internal());
    // "Figures as of" is in every footer, "Skip to content" in every header.
    expect(await search('Figures')).toEqual([]);
    expect(await search('Skip')).toEqual([]);
  });

  it('finds each runbook by the alert names it handles, and not the alert pages', async () => {
    const search = await pagefindSearch(internal());
    const urls = async (term: string) => (await search(term)).map((r) => r.url);
    expect(await urls('KubePodCrashLooping')).toEqual(expect.arrayContaining(['/runbooks/kube-pod-crash-looping/', '/runbooks/application-crashes/']));
    expect(await urls('KubePodNotReady')).toContain('/runbooks/kube-pod-not-ready/');
    expect(await urls('NodeFilesystemAlmostOutOfSpace')).toContain('/runbooks/node-filesystem-space-filling-up/');
    expect(await urls('KubeQuota:Exceeded')).toContain('/runbooks/application-crashes/');
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

describe('the sample content', () => {
  it('gives every runbook a page, and its search finds each runbook by the alerts it names', async () => {
    const site = sampleInternal;
    const search = await pagefindSearch(site);
    for (const f of files(join(sample, 'runbooks'))) {
      const id = f.replace(/\.mdx?$/, '');
      const html = readFileSync(join(site, 'runbooks', id, 'index.html'), 'utf8');
      const alerts = [...(/^alerts:\n((?: {2}- .+\n)+)/m.exec(readFileSync(join(sample, 'runbooks', f), 'utf8'))?.[1] ?? '').matchAll(/- (.+)/g)].map((m) =>
        m[1]!.trim(),
      );
      for (const alert of alerts) {
        expect(html).toContain(`<a href="${alertPath(alert)}" data-pagefind-weight="10"><code>${alert}</code></a>`);
        expect((await search(alert)).map((r) => r.url)).toContain(`/runbooks/${id}/`);
      }
    }
  });
});

async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  context.on('weberror', (e) => errors.push(e.error().message));
  return { context, requests, errors };
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(server.origin + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The URLs the search page lists, in order, once it has answered `query`. */
async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.locator('[data-search-input]').fill(query);
  await page.waitForFunction((q) => (document.querySelector('[data-search-status]')?.textContent ?? '').includes(q), query);
  return page.locator('.search-results > li').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.url!));
}

describe('the runbook pages in Chromium', () => {
  it('flag an overdue review at the top of the page, and not a current one', async () => {
    const { context } = await newContext();
    const stale = await open(context, '/runbooks/kube-pod-not-ready/');
    const first = stale.locator('main > *').first();
    await expect(first.getAttribute('data-overdue')).resolves.toBe('');
    await expect(first.textContent()).resolves.toMatch(/^Review overdue: due 2026-08-02, 112 days ago/);
    const current = await open(context, '/runbooks/kube-pod-crash-looping/');
    await expect(current.locator('[data-overdue]').count()).resolves.toBe(0);
    await context.close();
  });

  it('show the facts, link the incidents, services and alert URLs both ways, and a table of contents of the body', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await open(context, '/runbooks/kube-pod-crash-looping/');
    await expect(page.locator('main').textContent()).resolves.toContain('Used in 2 incidents, last on 2 Nov 2026');
    const links = await page.locator('aside.facts a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([
      '/services/kubernetes/',
      '/runbooks/alerts/KubePodCrashLooping/',
      '/incidents/2026-11-02-node-disk-full/',
      '/incidents/2026-09-14-checkout-crashloop/',
    ]);
    const toc = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(toc).toEqual([
      ['Meaning', '#meaning'],
      ['Impact', '#impact'],
      ['Diagnosis', '#diagnosis'],
      ['Mitigation', '#mitigation'],
    ]);
    for (const [, href] of toc) await expect(page.locator(`[data-body] h2${href}`).count()).resolves.toBe(1);
    // The other way: the service and the incidents link the runbook's page.
    for (const path of ['/services/kubernetes/', '/incidents/2026-09-14-checkout-crashloop/']) {
      const other = await open(context, path);
      await expect(other.locator('a[href="/runbooks/kube-pod-crash-looping/"]').count()).resolves.toBeGreaterThan(0);
    }
    const stale = await open(context, '/runbooks/stale/');
    await expect(stale.locator('tr[data-runbook]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-runbook')))).resolves.toEqual([
      'kube-pod-not-ready',
    ]);
    const index = await open(context, '/runbooks/');
    await expect(index.locator('section[data-service="nodes"] li[data-runbook] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual(
      ['/runbooks/node-filesystem-space-filling-up/'],
    );
    await expect(index.locator('tr[data-alert="KubeQuota:Exceeded"] th a').getAttribute('href')).resolves.toBe('/runbooks/alerts/KubeQuota~3AExceeded/');
    await context.close();
  });
});

describe('the search page in Chromium', () => {
  it("loads Pagefind on the first search only, and lists an alert's runbook first, as typed or in lower case", async () => {
    const { context, requests, errors } = await newContext();
    const page = await open(context, '/search/');
    await page.waitForLoadState('networkidle');
    expect(requests.filter((p) => p.startsWith('/pagefind/'))).toEqual([]);
    const urls = await searchFor(page, 'KubePodNotReady');
    expect(requests).toContain('/pagefind/pagefind.js');
    expect(urls[0]).toBe('/runbooks/kube-pod-not-ready/');
    // The incident that names the alert in its title and headings comes after its runbook.
    expect(urls).toContain('/incidents/2026-11-18-pods-not-ready/');
    await expect(page.locator('.search-results > li').first().textContent()).resolves.toContain('runbook for the alert KubePodNotReady');
    expect((await searchFor(page, 'kubepodnotready'))[0]).toBe('/runbooks/kube-pod-not-ready/');
    // Two runbooks name this alert: both first.
    expect((await searchFor(page, 'KubePodCrashLooping')).slice(0, 2).sort()).toEqual(['/runbooks/application-crashes/', '/runbooks/kube-pod-crash-looping/']);
    expect((await searchFor(page, 'KubeQuota:Exceeded'))[0]).toBe('/runbooks/application-crashes/');
    expect(new URL(page.url()).search).toBe('?q=KubeQuota%3AExceeded');
    await page.screenshot({ path: join(SCREENSHOTS, 'search-results.png'), fullPage: true });
    await context.close();
    expect(errors).toEqual([]);
  });

  it('filters by kind and by service', async () => {
    const { context } = await newContext();
    const page = await open(context, '/search/');
    await page.locator('[data-search-kind]').selectOption('incident');
    expect((await searchFor(page, 'KubePodCrashLooping')).sort()).toEqual([
      '/incidents/2026-09-14-checkout-crashloop/',
      '/incidents/2026-11-02-node-disk-full/',
    ]);
    await page.locator('[data-search-kind]').selectOption('');
    await page.locator('[data-search-service]').selectOption('nodes');
    expect(await searchFor(page, 'disk')).toEqual(expect.arrayContaining(['/runbooks/node-filesystem-space-filling-up/']));
    const nodes = await searchFor(page, 'Kubernetes');
    expect(nodes.length).toBeGreaterThan(0);
    expect(
      nodes.filter((u) => !['/runbooks/node-filesystem-space-filling-up/', '/incidents/2026-11-02-node-disk-full/', '/services/nodes/'].includes(u)),
    ).toEqual([]);
    await context.close();
  });

  it('says when nothing matches and offers the runbook index', async () => {
    const { context } = await newContext();
    const page = await open(context, '/search/?q=qwxzv');
    await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').includes('Nothing matches'));
    await expect(page.locator('[data-search-status]').textContent()).resolves.toBe('Nothing matches “qwxzv”. Try the runbook index, by service and by alert.');
    await expect(page.locator('[data-search-status] a').getAttribute('href')).resolves.toBe('/runbooks/');
    await expect(page.locator('.search-results > li').count()).resolves.toBe(0);
    await context.close();
  });

  it('without JavaScript, says so and offers the runbook index (also after submitting)', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await open(context, '/search/?q=KubePodNotReady');
    await expect(page.locator('form[data-search]').isVisible()).resolves.toBe(false);
    await expect(page.locator('main').textContent()).resolves.toContain('Search needs JavaScript. The runbook index lists every runbook');
    await expect(page.locator('main noscript a').getAttribute('href')).resolves.toBe('/runbooks/');
    await context.close();
  });

  it('from file://, says the index cannot load there and offers the runbook index', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${pathToFileURL(internal('search', 'index.html')).href}`);
    await page.locator('[data-search-input]').fill('KubePodNotReady');
    await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').includes('could not be loaded'));
    await expect(page.locator('[data-search-status] a').getAttribute('href')).resolves.toBe('/runbooks/');
    await context.close();
  });

  it('is in the header of every page, last', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await open(context, '/runbooks/');
    await expect(page.locator('header.site nav a').evaluateAll((as) => as.map((a) => a.textContent.trim()))).resolves.toEqual([
      'Overview',
      'SLOs',
      'Services',
      'Incidents',
      'KPIs',
      'Runbooks',
      'Council',
      'Experiments',
      'Learning',
      'Search',
    ]);
    await expect(page.locator('header.site nav a[aria-current="page"]').textContent()).resolves.toContain('Runbooks');
    await context.close();
  });
});

describe('accessibility', () => {
  it.each(['light', 'dark'] as const)(
    'no serious or critical violation on the runbook pages and the search page in the %s scheme (axe-core)',
    async (colorScheme) => {
      const { context } = await newContext({ colorScheme });
      const found: string[] = [];
      for (const path of ['/runbooks/', '/runbooks/kube-pod-not-ready/', '/runbooks/kube-pod-crash-looping/', '/runbooks/stale/', '/search/']) {
        const page = await open(context, path);
        if (path === '/search/') await searchFor(page, 'KubePodNotReady');
        await page.addScriptTag({ content: axe.source });
        const violations = await page.evaluate(async () => {
          const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
          return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
        });
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
        await page.screenshot({ path: join(SCREENSHOTS, `runbooks-${path.replace(/\W+/g, '-')}${colorScheme}.png`), fullPage: true });
        await page.close();
      }
      await context.close();
      expect(found).toEqual([]);
    },
  );
});

describe('the public site', () => {
  it('has no search index, no search page, no runbook page and loads no search code', () => {
    const all = files(join(outRoot, 'kube', 'public'));
    expect(all.filter((f) => /(^|\/)pagefind(\/|$)/.test(f))).toEqual([]);
    expect(all.filter((f) => f.startsWith('runbooks/') || f.startsWith('search/'))).toEqual([]);
    for (const file of all.filter((f) => /\.(html|js|json|xml|rss|atom)$/.test(f))) {
      expect(readFileSync(join(outRoot, 'kube', 'public', file), 'utf8'), file).not.toMatch(/pagefind|KubePodCrashLooping/i);
    }
  });
});
