/**
 * End-to-end tests of the council's and the experiments' pages in a real Chromium
 * (/usr/bin/chromium, driven by playwright-core) over the sample content's internal site: the
 * board shows every sample concern in its status column (read from the concern files here), also
 * without JavaScript and on a phone; a concern's before/after figures match a computation done in
 * this test from its measurements CSV and SLO file; the value-to-effort matrix loads chart.js only
 * once it scrolls into view; every experiment page draws its steady-state chart; the experiment
 * whose steady state breached says so; the agenda prints without the navigation; axe-core finds no serious or critical violation on the
 * board, a concern page, the agenda, the experiments index and an experiment page, light and
 * dark. Screenshots go to tmp/e2e/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import matter from 'gray-matter';
import { CORE_SCHEMA, load, loadAll } from 'js-yaml';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, removeSampleSites, root, sampleSite, serve, type Served } from './site.ts';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

const SCREENSHOTS = join(root, 'tmp', 'e2e');
const CONTENT = join(root, 'content');
const PAGES = {
  board: '/council/',
  concern: '/council/etl-silent-failures/',
  agenda: '/council/agenda/',
  experiments: '/experiments/',
  experiment: '/experiments/api-gateway-zone-drain/',
};
const CHART_CHUNK = /^charts\.[\w-]+\.js$/;
const DAY = 86_400_000;

/** The sample's files of one folder, front matter read here with gray-matter (not Keel's loader). */
function frontMatter(folder: string): { id: string; data: Record<string, unknown> }[] {
  return readdirSync(join(CONTENT, folder))
    .filter((f) => f.endsWith('.md'))
    .map((f) => {
      // YAML 1.2's core schema, as Keel reads it: dates stay text.
      const { data } = matter(readFileSync(join(CONTENT, folder, f), 'utf8'), { engines: { yaml: (text) => load(text, { schema: CORE_SCHEMA }) as object } });
      return { id: (data.id as string | undefined) ?? f.replace(/\.md$/, ''), data };
    });
}

/** The fields of an OpenSLO SLO document this test reads. */
interface SloDocument {
  kind: string;
  metadata: { name: string };
  spec: { timeWindow: { duration: string }[]; objectives: { displayName: string; op: string; value: number }[] };
}

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

const chartRequested = (name: string) => requests.some((r) => r.context === name && CHART_CHUNK.test(r.url.split('/').at(-1)!));

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await serve(await sampleSite('internal'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeSampleSites();
});

describe('the council and the experiments in Chromium', () => {
  it('shows every sample concern in its status column, with the counts, without JavaScript', async () => {
    const concerns = frontMatter('concerns');
    expect(concerns.length).toBeGreaterThan(0);
    const c = await context('board-no-js', { javaScriptEnabled: false });
    const page = await open(c, PAGES.board);
    for (const { id, data } of concerns) {
      const column = page.locator(`section[data-status="${data.status as string}"]`);
      await expect(column.locator(`li[data-concern="${id}"] a`).textContent()).resolves.toBe(data.title);
    }
    const columns = await page
      .locator('section[data-status]')
      .evaluateAll((sections) =>
        sections.map((s) => [s.getAttribute('data-status'), s.querySelector('h2')!.textContent.replace(/\s+/g, ' ').trim(), s.querySelectorAll('li').length]),
      );
    for (const [status, heading, cards] of columns) {
      const expected = concerns.filter((x) => x.data.status === status).length;
      expect([heading, cards]).toEqual([expect.stringContaining(`(${expected})`), expected]);
    }
    await c.close();
  });

  it('reads on a phone: the columns stack, nothing scrolls sideways, and the matrix loads chart.js only once it is scrolled to', async () => {
    const c = await context('phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await open(c, PAGES.board);
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      columns: [...document.querySelectorAll('section[data-status]')].map((s) => s.getBoundingClientRect().width),
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    for (const w of widths.columns) expect(w).toBeGreaterThan(300);
    await page.screenshot({ path: join(SCREENSHOTS, 'council-board-phone.png'), fullPage: true });
    expect(chartRequested('phone')).toBe(false);
    await page.locator('figure[data-chart="scatter"]').scrollIntoViewIfNeeded();
    await page.locator('figure[data-chart="scatter"] .canvas.drawn').waitFor();
    expect(chartRequested('phone')).toBe(true);
    await c.close();
    expect(errors).toEqual([]);
  });

  it('prints the agenda without the navigation, every undecided concern oldest first, with a line for the decision', async () => {
    const raised = frontMatter('concerns')
      .filter((x) => x.data.status === 'raised')
      .sort((a, b) => String(a.data.raisedOn).localeCompare(String(b.data.raisedOn)) || a.id.localeCompare(b.id));
    const c = await context('agenda-print', { javaScriptEnabled: false });
    const page = await open(c, PAGES.agenda);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('ol.agenda > li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-concern')))).resolves.toEqual(
      raised.map((x) => x.id),
    );
    await expect(page.locator('header.site nav').isVisible()).resolves.toBe(false);
    await expect(page.locator('.print-only').first().isVisible()).resolves.toBe(true);
    await page.pdf({ path: join(SCREENSHOTS, 'council-agenda.pdf') });
    await c.close();
  });

  it("states a concern's before/after as computed here from its measurements CSV and SLO file", async () => {
    const [concern] = frontMatter('concerns').filter((x) => x.id === 'etl-silent-failures');
    const sloName = (concern!.data.slos as string[])[0]!;
    const change = Date.parse(`${(concern!.data.decision as { date: string }).date}T00:00:00Z`);
    // The SLO: a threshold SLI, Timeslices of one hour; each objective a limit on the lag.
    const documents = readdirSync(join(CONTENT, 'slos')).flatMap((f) => loadAll(readFileSync(join(CONTENT, 'slos', f), 'utf8')) as (SloDocument | null)[]);
    const slo = documents.find((d) => d?.kind === 'SLO' && d.metadata.name === sloName)!;
    const [, count, unit] = /^(\d+)([dw])$/.exec(slo.spec.timeWindow[0]!.duration)!;
    const period = Number(count) * (unit === 'w' ? 7 : 1) * DAY;
    const [, ...lines] = readFileSync(join(CONTENT, 'measurements', `${sloName}.csv`), 'utf8')
      .trim()
      .split('\n');
    const rows = lines.map((l) => l.split(',')).map(([t, v]) => ({ t: Date.parse(t!), v: Number(v) }));
    const ops: Record<string, (a: number, b: number) => boolean> = { lte: (a, b) => a <= b, lt: (a, b) => a < b, gte: (a, b) => a >= b, gt: (a, b) => a > b };
    const share = (from: number, to: number, objective: { op: string; value: number }) => {
      const inside = rows.filter((r) => r.t > from && r.t <= to);
      return inside.filter((r) => ops[objective.op]!(r.v, objective.value)).length / inside.length;
    };
    const c = await context('before-after', { javaScriptEnabled: false });
    const page = await open(c, PAGES.concern);
    const shown = await page.locator('table.before-after tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        objective: tr.getAttribute('data-objective'),
        before: Number(tr.querySelector('[data-period="before"]')!.getAttribute('data-v')),
        after: Number(tr.querySelector('[data-period="after"]')!.getAttribute('data-v')),
        text: tr.textContent.replace(/\s+/g, ' '),
      })),
    );
    const day = (t: number) => new Date(t).toISOString().slice(0, 10);
    expect(shown).toHaveLength(slo.spec.objectives.length);
    slo.spec.objectives.forEach((objective, i) => {
      const before = share(change - period, change, objective);
      const after = share(change, change + period, objective);
      expect(shown[i]!.objective).toBe(objective.displayName);
      expect(shown[i]!.before).toBeCloseTo(before, 12);
      expect(shown[i]!.after).toBeCloseTo(after, 12);
      // Both periods named, and the difference stated.
      expect(shown[i]!.text).toContain(`${day(change - period)} to ${day(change - 1)}`);
      expect(shown[i]!.text).toContain(`${day(change)} to ${day(change + period - 1)}`);
      const points = Number(((after - before) * 100).toFixed(2));
      expect(shown[i]!.text).toContain(`${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points)} points`);
    });
    // A change too recent for its SLO's window: the period before is measured (Occurrences: good / total
    // summed from the CSV here), the one after says "not enough data", naming it.
    const [certificates] = frontMatter('concerns').filter((x) => x.id === 'provider-certificates-by-hand');
    const changed = Date.parse(`${(certificates!.data.beforeAfter as { changedOn: string }).changedOn}T00:00:00Z`);
    const [, ...payments] = readFileSync(join(CONTENT, 'measurements', 'payment-authorisation.csv'), 'utf8')
      .trim()
      .split('\n');
    const inBefore = payments
      .map((l) => l.split(',').map((x, i) => (i === 0 ? Date.parse(x) : Number(x))))
      .filter(([t]) => t! > changed - 28 * DAY && t! <= changed);
    const expected = inBefore.reduce((n, r) => n + r[1]!, 0) / inBefore.reduce((n, r) => n + r[2]!, 0);
    const recent = await open(c, '/council/provider-certificates-by-hand/');
    const row = recent.locator('table.before-after tr[data-slo="payment-authorisation"]');
    expect(Number(await row.locator('[data-period="before"]').getAttribute('data-v'))).toBeCloseTo(expected, 12);
    await expect(row.locator('[data-period="before"]').textContent()).resolves.toContain(`${(expected * 100).toFixed(2).replace(/\.?0+$/, '')} %`);
    await expect(row.locator('[data-period="after"]').textContent()).resolves.toMatch(/not enough data\s*28 days, 2026-11-18 to 2026-12-15/);
    await c.close();
  });

  it('draws the steady-state chart of every experiment, and says so where the steady state breached', async () => {
    const c = await context('experiments');
    for (const { id } of frontMatter('experiments')) {
      const page = await open(c, `/experiments/${id}/`);
      const figure = page.locator('figure[data-chart]');
      await figure.scrollIntoViewIfNeeded();
      await page.locator('figure[data-chart] .canvas.drawn').waitFor();
      const painted = await figure.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect(painted, id).toBeGreaterThan(1000);
      await expect(figure.locator('tbody tr').count()).resolves.toBeGreaterThan(0);
      await page.screenshot({ path: join(SCREENSHOTS, `experiment-${id}.png`), fullPage: true });
      await page.close();
    }
    const drain = await open(c, PAGES.experiment);
    await expect(drain.locator('[data-verdict]').first().getAttribute('data-verdict')).resolves.toBe('breached');
    await c.close();
    expect(errors).toEqual([]);
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
      await page.screenshot({ path: join(SCREENSHOTS, `council-${name}-${colorScheme}.png`), fullPage: true });
      await page.close();
    }
    await c.close();
    expect(found).toEqual([]);
  });
});
