/**
 * End-to-end tests of the internal portal in a real Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) over the sample content's internal site, served on 127.0.0.1: the SLO index
 * lists every objective; settings-page-latency's page shows its policy action in force with its
 * since; a chart draws once scrolled into view; with JavaScript off the data tables are there and
 * no chart script is requested; every overview link resolves; axe-core finds no serious or critical
 * violation on the overview, the SLO index, an SLO page, a service page and an incident page, light
 * and dark. The
 * up-front script and the chart chunk are weighed (gzip) against their budgets. Screenshots go to
 * tmp/e2e/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown } from '../../src/domain/slo/format.ts';
import { evaluateIndex } from '../../src/model/slos.ts';
import { validateContent } from '../../src/rules/validate.ts';
import { CHROMIUM, CHROMIUM_ARGS, removeSampleSites, root, SAMPLE_NOW, sampleSite, serve, type Served } from './site.ts';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

const SCREENSHOTS = join(root, 'tmp', 'e2e');
const PAGES = {
  overview: '/',
  sloIndex: '/slos/',
  slo: '/slos/settings-page-latency/',
  service: '/services/settings-service/',
  incident: '/incidents/2026-10-14-card-payments-outage/',
};
/** The chart chunk's file name in dist/internal/_astro/. */
const CHART_CHUNK = /^charts\.[\w-]+\.js$/;

let dist: string;
let server: Served;
let browser: Browser;
const requests: { context: string; url: string }[] = [];
const errors: string[] = [];

async function context(name: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  c.on('request', (r) => requests.push({ context: name, url: r.url() }));
  c.on('weberror', (e) => errors.push(`${name}: ${e.error().message}`));
  await c.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  return c;
}

async function open(c: BrowserContext, path: string): Promise<Page> {
  const page = await c.newPage();
  const response = await page.goto(server.origin + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dist = await sampleSite('internal');
  server = await serve(dist);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeSampleSites();
});

describe('the internal portal in Chromium', () => {
  it('lists every objective of the sample content in the SLO index', async () => {
    const { index } = await validateContent(join(root, 'content'), { now: Date.parse(SAMPLE_NOW) });
    const expected = evaluateIndex(index, Date.parse(SAMPLE_NOW))
      .flatMap((e) => shown(e))
      .map((o) => `${o.slo} ${o.composite ? 'composite' : typeof o.objective === 'number' ? `objective ${o.objective}` : o.objective}`);
    const c = await context('no-js', { javaScriptEnabled: false });
    const page = await open(c, PAGES.sloIndex);
    const rows = await page
      .locator('table[data-slo-index] tr[data-row]')
      .evaluateAll((trs) =>
        trs.map(
          (tr) => `${new URL((tr.querySelector('th a') as HTMLAnchorElement).href).pathname.split('/')[2]} ${tr.querySelectorAll('td')[0]!.textContent.trim()}`,
        ),
      );
    expect(rows.sort()).toEqual(expected.sort());
    await c.close();
  });

  it("shows settings-page-latency's policy action in force, with its since", async () => {
    const c = await context('no-js', { javaScriptEnabled: false });
    const page = await open(c, PAGES.slo);
    const row = page.locator('#policy ~ section table tr', { hasText: 'Fast burn' }).first();
    await expect(row.textContent()).resolves.toContain('Freeze feature releases of settings-service.');
    await expect(row.textContent()).resolves.toContain('in force since 21 Nov 2026, 17:00 CET');
    await expect(row.locator('time').getAttribute('datetime')).resolves.toBe('2026-11-21T16:00:00.000Z');
    await c.close();
  });

  it('words the backtest as a sentence, its count that of the firings listed', async () => {
    const c = await context('no-js', { javaScriptEnabled: false });
    const page = await open(c, PAGES.slo);
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'in the history' }) });
    const caption = (await table.locator('caption').textContent())!.trim();
    const match = /^(\d+) firings? in the history, (\d+) matching no incident$/.exec(caption);
    expect(match, caption).not.toBeNull();
    await expect(table.locator('tbody tr').count()).resolves.toBe(Number(match![1]));
    await c.close();
  });

  it('draws a chart once it is scrolled into view, and not before', async () => {
    const c = await context('js');
    const page = await open(c, PAGES.slo);
    const last = page.locator('figure[data-chart]').last();
    await expect(last.getAttribute('data-drawn')).resolves.toBeNull();
    await last.scrollIntoViewIfNeeded();
    await page.locator('figure[data-chart] .canvas.drawn').last().waitFor();
    const painted = await last.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    expect(requests.some((r) => r.context === 'js' && CHART_CHUNK.test(r.url.split('/').at(-1)!))).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, 'internal-slo-chart.png') });
    await c.close();
    expect(errors).toEqual([]);
  });

  it('without JavaScript: every chart has its data table, and no chart script is requested', async () => {
    const c = await context('no-js-tables', { javaScriptEnabled: false });
    const page = await open(c, PAGES.slo);
    const figures = await page.locator('figure[data-chart]').count();
    expect(figures).toBeGreaterThanOrEqual(3);
    await expect(page.locator('figure[data-chart] table tbody tr').count()).resolves.toBeGreaterThan(figures * 10);
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(300);
    expect(requests.filter((r) => r.context === 'no-js-tables' && r.url.endsWith('.js'))).toEqual([]);
    await c.close();
  });

  it('links every item of the overview to a page that exists', async () => {
    const c = await context('links', { javaScriptEnabled: false });
    const page = await open(c, PAGES.overview);
    const hrefs = await page.locator('main a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(8);
    for (const href of new Set(hrefs)) {
      const response = await c.request.get(href);
      expect(response.status(), href).toBe(200);
    }
    await c.close();
  });

  it.each(['light', 'dark'] as const)('has no serious or critical accessibility violation in the %s scheme (axe-core)', async (colorScheme) => {
    const c = await context(`axe-${colorScheme}`, { colorScheme });
    const found: string[] = [];
    for (const [name, path] of Object.entries(PAGES)) {
      const page = await open(c, path);
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
        return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      await page.screenshot({ path: join(SCREENSHOTS, `internal-${name}-${colorScheme}.png`), fullPage: name !== 'slo' });
      await page.close();
    }
    await c.close();
    expect(found).toEqual([]);
  });

  it('links one stylesheet, shared by every page, instead of inlining it in each', () => {
    const sheets = Object.values(PAGES).map((path) => {
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      // The public statement brings its own small scoped style (PublicStatementStyle.astro); the site's rules are not inlined.
      const inline = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(
        inline.filter((css) => !css.startsWith('@scope')),
        path,
      ).toEqual([]);
      return [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
    });
    expect(new Set(sheets.flat()).size).toBe(1);
    expect(readFileSync(join(dist, sheets[0]![0]!), 'utf8')).toContain('@media print');
  });

  it('keeps the up-front script of a dashboard page under 2 KB and the chart chunk under 60 KB (gzip)', () => {
    const html = readFileSync(join(dist, 'slos', 'settings-page-latency', 'index.html'), 'utf8');
    const upFront = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => readFileSync(join(dist, m[1]!)));
    const inline = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => Buffer.from(m[1]!));
    const upFrontGzip = [...upFront, ...inline].reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
    const chunk = readdirSync(join(dist, '_astro')).find((f) => CHART_CHUNK.test(f))!;
    const chunkGzip = gzipSync(readFileSync(join(dist, '_astro', chunk)), { level: 9 }).length;
    console.log(`internal dashboard JS (gzip): up-front ${upFrontGzip} B (budget 2048 B), chart chunk ${chunkGzip} B (budget 61440 B)`);
    expect(upFrontGzip).toBeGreaterThan(0);
    expect(upFrontGzip).toBeLessThanOrEqual(2048);
    expect(chunkGzip).toBeLessThanOrEqual(60 * 1024);
  });
});
