/**
 * End-to-end tests of the incident pages of the sample content's internal site in a real Chromium:
 * the MDX retrospective renders <SloChart> (its canvas drawn once scrolled to) and <KeyTimes> (in
 * time order) where the body writes them; the index's filters change the rows shown (and without
 * JavaScript the whole table is there); a page shows what `keel validate` says about its file;
 * the public statement looks as on the public page (computed styles, element by element) and its
 * styles change nothing else of the page; axe-core finds no serious or critical violation on an
 * incident page, light and dark.
 * Screenshots go to tmp/e2e/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateContent } from '../../src/rules/validate.ts';
import { buildSite, CHROMIUM, CHROMIUM_ARGS, removeSampleSites, root, SAMPLE_NOW, sampleSite, serve, type Served } from './site.ts';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

const SCREENSHOTS = join(root, 'tmp', 'e2e');
const MDX_PAGE = '/incidents/2026-10-14-card-payments-outage/';
const OPEN_PAGE = '/incidents/2026-11-20-settings-page-slow/';

let server: Served;
let browser: Browser;
const errors: string[] = [];

async function context(name: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const c = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
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

/** The rows of the incident index a reader sees. */
const visibleRows = (page: Page) =>
  page
    .locator('table[data-incident-index] tr[data-row]')
    .evaluateAll((trs) => trs.filter((tr) => !(tr as HTMLElement).hidden).map((tr) => tr.querySelector('th')!.textContent.trim()));

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

describe('retrospectives on the internal site', () => {
  it('renders <KeyTimes> in time order and <SloChart> drawn once scrolled to, inside the body where the MDX writes them', async () => {
    const c = await context('mdx');
    const page = await open(c, MDX_PAGE);
    const body = page.locator('[data-body]');
    // Where the body writes them: the chart in "Monitoring context", the key times in "Narrative".
    await expect(body.locator('h2:has-text("Monitoring context") ~ .slo-chart').count()).resolves.toBe(1);
    await expect(body.locator('h2:has-text("Narrative") ~ .key-times').count()).resolves.toBe(1);
    const items = await body
      .locator('[data-key-times] li')
      .evaluateAll((lis) =>
        lis.map((li) => ({ label: li.querySelector('strong')!.textContent.trim(), at: li.querySelector('time')?.getAttribute('datetime') ?? null })),
      );
    expect(items.map((i) => i.label)).toEqual([
      'Started',
      'Detected',
      'Acknowledged',
      'Public update 1 (investigating)',
      'Public update 2 (identified)',
      'Public update 3 (identified)',
      'Mitigated',
      'Public update 4 (monitoring)',
      'Resolved',
      'Public update 5 (resolved)',
    ]);
    const times = items.map((i) => Date.parse(i.at!));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(items[0]!.at).toBe('2026-10-14T09:58:00.000Z');

    const figure = body.locator('.slo-chart figure[data-chart]').first();
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('.canvas.drawn').waitFor();
    const painted = await figure.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);
    // The incident's interval is in the chart's data table caption, and its rows surround it.
    await expect(figure.locator('caption').textContent()).resolves.toContain('shaded: incident 14 Oct 2026, 11:58 CEST');
    const rows = await figure.locator('tbody time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
    expect(rows[0]).toBeLessThan(Date.parse('2026-10-14T09:58:00Z'));
    expect(rows.at(-1)).toBeGreaterThan(Date.parse('2026-10-14T12:30:00Z'));
    await figure.screenshot({ path: join(SCREENSHOTS, 'retrospective-slo-chart.png') });
    await c.close();
    expect(errors).toEqual([]);
  });

  it('filters the incident index by severity, service, year and state, and shows every row without JavaScript', async () => {
    const noJs = await context('index-no-js', { javaScriptEnabled: false });
    const plain = await open(noJs, '/incidents/');
    const all = await visibleRows(plain);
    expect(all).toHaveLength(4);
    await expect(plain.locator('[data-incident-filters]').isHidden()).resolves.toBe(true);
    await noJs.close();

    const c = await context('index');
    const page = await open(c, '/incidents/');
    await expect(page.locator('[data-incident-filters]').isVisible()).resolves.toBe(true);
    await page.selectOption('select[data-filter="severity"]', 'SEV1');
    const sev1 = await visibleRows(page);
    expect(sev1).toEqual(['Card payments failed for 1 h 43 min after the provider client certificate expired']);
    await expect(page.locator('[data-filter-count]').textContent()).resolves.toBe('1 of 4 incidents shown');
    await page.selectOption('select[data-filter="severity"]', '');
    await page.selectOption('select[data-filter="state"]', 'active');
    const active = await visibleRows(page);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatch(/settings page/i);
    await page.selectOption('select[data-filter="state"]', '');
    await page.selectOption('select[data-filter="service"]', 'payments');
    const payments = await visibleRows(page);
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.length).toBeLessThan(all.length);
    // Every sample incident started in 2026: the year filter offers that year only, and keeps the rows.
    await expect(page.locator('select[data-filter="year"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).resolves.toEqual([
      '',
      '2026',
    ]);
    await page.selectOption('select[data-filter="year"]', '2026');
    await expect(visibleRows(page)).resolves.toEqual(payments);
    await page.screenshot({ path: join(SCREENSHOTS, 'incident-index-filtered.png'), fullPage: true });
    await c.close();
  });

  it.each(['light', 'dark'] as const)(
    'has no serious or critical accessibility violation on incident pages in the %s scheme (axe-core)',
    async (colorScheme) => {
      const c = await context(`axe-${colorScheme}`, { colorScheme });
      const found: string[] = [];
      for (const [name, path] of Object.entries({ mdx: MDX_PAGE, open: OPEN_PAGE, index: '/incidents/' })) {
        const page = await open(c, path);
        await page.addScriptTag({ content: axe.source });
        const violations = await page.evaluate(async () => {
          const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
          return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
        });
        for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
        await page.screenshot({ path: join(SCREENSHOTS, `retrospective-${name}-${colorScheme}.png`), fullPage: true });
        await page.close();
      }
      await c.close();
      expect(found).toEqual([]);
    },
  );
});

/** Every element below `root` in document order (but styles, scripts and those inside `skip`): its text's start, width and the computed styles that make its look. */
function looks(root: Element, skip?: string): string[] {
  const props = [
    'color',
    'background-color',
    'font-family',
    'font-size',
    'font-weight',
    'line-height',
    'margin-top',
    'margin-bottom',
    'margin-left',
    'padding-left',
    'list-style-type',
    'border-left-width',
    'border-left-color',
    'overflow-wrap',
  ];
  return [...root.querySelectorAll('*:not(style, script)')]
    .filter((el) => skip === undefined || el.closest(skip) === null)
    .map((el) => {
      const style = getComputedStyle(el);
      return `${el.textContent.trim().slice(0, 24)} | ${Math.round(el.getBoundingClientRect().width)}px | ${props.map((p) => style.getPropertyValue(p)).join(' ')}`;
    });
}

describe('the public statement on a retrospective page', () => {
  let publicSite: Served;
  const PUBLIC_PAGE = '/incidents/2026-10-14-card-payments-outage/';

  beforeAll(async () => {
    publicSite = await serve(await sampleSite('public'));
  }, 240_000);

  afterAll(async () => {
    await publicSite?.close();
  });

  it.each(['light', 'dark'] as const)(
    'looks as on the public page, element by element, and changes nothing else of the page (%s scheme)',
    async (colorScheme) => {
      const c = await context(`statement-${colorScheme}`, { colorScheme });
      const page = await c.newPage();
      // Served from another origin than the internal site, as a real public site is.
      await page.goto(publicSite.origin + PUBLIC_PAGE);
      const asCustomersSawIt = await page.locator('main').evaluate(looks);
      await page.locator('main').screenshot({ path: join(SCREENSHOTS, `statement-public-${colorScheme}.png`) });
      const internal = await open(c, MDX_PAGE);
      const statement = internal.locator('[data-public-statement]');
      expect(await statement.evaluate(looks)).toEqual(asCustomersSawIt);
      await statement.screenshot({ path: join(SCREENSHOTS, `statement-internal-${colorScheme}.png`) });

      // Nothing outside the statement changes when the public styles are taken away, and the statement does.
      const rest = () => internal.locator('html').evaluate(looks, '[data-public-statement]');
      const before = await rest();
      expect(before.length).toBeGreaterThan(200);
      await internal.evaluate(() => [...document.head.querySelectorAll('style')].find((s) => s.textContent.includes('@scope'))!.remove());
      await expect(rest()).resolves.toEqual(before);
      await expect(statement.evaluate(looks)).resolves.not.toEqual(asCustomersSawIt);
      await c.close();
      expect(errors).toEqual([]);
    },
  );
});

/**
 * Real-shaped retrospectives (the sample is small and written to pass): the sample content with two
 * incidents more — a long Markdown draft with tables, code
 * blocks, no public block, no detected or acknowledged time, blaming words, a missing section and
 * a follow-up without an owner; an MDX one whose chart is given its own from and to.
 */
describe('real-shaped retrospectives', () => {
  const LONG = 'incidents/2026-11-03-ledger-replication-lag.md';
  const CHARTED = 'incidents/2026-11-12-payment-retries.mdx';
  let folder: string;
  let content: string;
  let real: Served;

  const paragraphs = Array.from(
    { length: 60 },
    (_, i) =>
      `Replica ${i % 3} applied write-ahead log segment ${1000 + i} ${i * 3} seconds behind the primary; the reconciliation job read it ${i % 7} times before the lag alert's window closed, and each read returned the balances of the hour before.`,
  ).join('\n\n');
  const longBody = [
    '## Summary',
    '',
    'Invoices showed balances up to 40 minutes old for customers whose accounts were read from the replica.',
    '',
    '## Detection',
    '',
    'No alert fired: the replication-lag alert was muted during the database upgrade. A customer wrote to Support.',
    '',
    '## Timeline',
    '',
    '| time (UTC) | what |',
    '| --- | --- |',
    '| 09:12 | upgrade of the replica starts |',
    '| 09:55 | Support ticket about a stale balance |',
    '| 10:40 | reads moved to the primary |',
    '',
    '## Contributing factors',
    '',
    'The outage was caused by human error: the engineer should have unmuted the alert.',
    '',
    '## Technical analysis',
    '',
    '```sql',
    "SELECT now() - pg_last_xact_replay_timestamp() AS lag; -- <script>alert('x')</script>",
    '```',
    '',
    paragraphs,
    '',
    '## Follow-up actions',
    '',
    '- Alert on replication lag even while a maintenance mutes the others.',
    '',
    // Headings a real report has that the page has sections of its own for: their ids must not clash.
    '## Services',
    '',
    'The ledger and the invoice renderer.',
    '',
    '## Follow-ups',
    '',
    'See the table beside.',
  ].join('\n');

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'keel-retro-'));
    content = join(folder, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    writeFileSync(
      join(content, LONG),
      [
        '---',
        'title: Invoices showed stale balances while the ledger replica lagged',
        'severity: SEV2',
        'started: 2026-11-03T09:15:00Z',
        'mitigated: 2026-11-03T10:40:00Z',
        'resolved: 2026-11-03T11:00:00Z',
        'services: [payments]',
        'slos: [payment-authorisation]',
        'contributingFactors:',
        '  - category: process',
        '    description: The replication-lag alert was muted for the whole maintenance window.',
        'followUps:',
        '  - id: DB-77',
        '    title: Alert on replication lag during maintenance',
        '    type: detect',
        '    due: 2026-11-10',
        'review:',
        '  status: draft',
        '---',
        longBody,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(content, CHARTED),
      [
        '---',
        'title: Card payment retries doubled the provider load',
        'severity: SEV3',
        'started: 2026-10-14T11:58:00+02:00',
        'detected: 2026-10-14T12:04:00+02:00',
        'mitigated: 2026-10-14T13:41:00+02:00',
        'resolved: 2026-10-14T14:30:00+02:00',
        'services: [payments]',
        'slos: [payment-authorisation]',
        'public:',
        '  title: Card payments slower than usual',
        '  impact: minor',
        '  updates:',
        '    - at: 2026-10-14T12:20:00+02:00',
        '      status: investigating',
        '      body: Card payments are **slower** than usual.',
        '    - at: 2026-10-14T14:30:00+02:00',
        '      status: resolved',
        '      body: Card payments are back to normal.',
        'review:',
        '  status: in-review',
        '---',
        '## Messages to stakeholders',
        '',
        'Retries of failed card payments doubled the load on the provider for an afternoon.',
        '',
        '<SloChart slo="payment-authorisation" from="2026-10-13T12:00:00+02:00" to="2026-10-15T12:00:00+02:00" />',
        '',
        'The retries also delayed the nightly exports.[^exports]',
        '',
        '![Provider load on 14 October, twice the usual from noon](./provider-load.png)',
        '',
        '<SloChart slo="etl-freshness" />',
        '',
        '- [x] cap the retries',
        '- [ ] alert on the retry rate',
        '',
        '```ts',
        '// A comment in highlighted code: its colour must still read (WCAG 4.5:1).',
        'const retries = 3;',
        '```',
        '',
        '[^exports]: Both objectives of etl-freshness and their composite are charted.',
        '',
        '## Communication timeline',
        '',
        '<KeyTimes />',
        '',
        '| step | owner |',
        '| --- | --- |',
        '| status page | communications |',
        '',
      ].join('\n'),
    );
    const built = await buildSite('internal', content, join(folder, 'out'), SAMPLE_NOW);
    expect(built.code, built.output).toBe(0);
    real = await serve(join(folder, 'out', 'internal'));
  }, 240_000);

  afterAll(async () => {
    await real?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const openReal = async (c: BrowserContext, path: string) => {
    const page = await c.newPage();
    const response = await page.goto(real.origin + path);
    expect(response?.status(), path).toBe(200);
    return page;
  };

  it('renders a long Markdown draft in full, with its tables and code, the facts it lacks as not recorded, and what keel validate says about its file', async () => {
    const { diagnostics } = await validateContent(content, { now: Date.parse(SAMPLE_NOW) });
    const expected = diagnostics.filter((d) => d.file.endsWith(LONG)).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);
    // The blaming words and the missing section are among them.
    expect(expected.join('\n')).toMatch(/human error/);
    expect(expected.join('\n')).toMatch(/Narrative/);
    const c = await context('real-long', { javaScriptEnabled: false });
    const page = await openReal(c, '/incidents/2026-11-03-ledger-replication-lag/');
    const shown = await page
      .locator('.findings li')
      .evaluateAll((lis) =>
        lis.map(
          (li) => `${li.querySelector('code')!.textContent.trim()} ${li.querySelector('strong')!.textContent.trim()} ${li.childNodes[3]!.textContent!.trim()}`,
        ),
      );
    expect(shown).toEqual(expected);
    const body = page.locator('[data-body]');
    await expect(body.locator('table tbody tr').count()).resolves.toBe(3);
    await expect(body.locator('pre code').textContent()).resolves.toContain('pg_last_xact_replay_timestamp');
    await expect(body.locator('script').count()).resolves.toBe(0);
    await expect(body.locator('p', { hasText: 'write-ahead log segment 1059' }).count()).resolves.toBe(1);
    await expect(page.locator('#incident-statement ~ p').textContent()).resolves.toContain('Internal only');
    const durations = await page.locator('table[data-durations] tr').allTextContents();
    expect(durations.find((d) => d.startsWith('Time to detect'))).toContain('not recorded (detected missing)');
    expect(durations.find((d) => d.startsWith('Time to action'))).toContain('not recorded (detected, acknowledged missing)');
    expect(durations.find((d) => d.startsWith('Time to mitigate'))).toContain('1 h 25 min');
    await expect(page.locator('#incident-follow-ups ~ div td .late', { hasText: 'no owner' }).count()).resolves.toBe(1);
    const duplicates = await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      return ids.filter((id, i) => ids.indexOf(id) !== i);
    });
    expect(duplicates).toEqual([]);
    await expect(page.locator('[data-body] h2#services').count()).resolves.toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'retrospective-real-long.png'), fullPage: true });
    await c.close();
  });

  it('draws an MDX chart over the from and to it is given, with the public statement as customers read it', async () => {
    const c = await context('real-mdx');
    const page = await openReal(c, '/incidents/2026-11-12-payment-retries/');
    const figure = page.locator('.slo-chart figure[data-chart]').first();
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('.canvas.drawn').waitFor();
    const rows = await figure.locator('tbody time').evaluateAll((ts) => ts.map((t) => Date.parse(t.getAttribute('datetime')!)));
    expect(rows[0]).toBeGreaterThan(Date.parse('2026-10-13T10:00:00Z'));
    expect(rows[0]).toBeLessThanOrEqual(Date.parse('2026-10-13T11:00:00Z'));
    expect(rows.at(-1)).toBe(Date.parse('2026-10-15T10:00:00Z'));
    const labels = await page.locator('[data-key-times] li').allTextContents();
    expect(labels.at(-1)).toMatch(/^Acknowledged\s+not recorded/);
    // A public update's text as the public page renders it (its Markdown), not as written.
    await expect(page.locator('[data-key-times] li p strong', { hasText: 'slower' }).count()).resolves.toBe(1);
    await expect(page.locator('.statement h2').textContent()).resolves.toBe('Card payments slower than usual');
    await expect(page.locator('.statement').textContent()).resolves.toContain('Card payments are back to normal.');
    await expect(page.locator('[data-body] > table tbody tr').count()).resolves.toBe(1);
    // An image keeps its source and its alt text (Astro's renderer leaves a relative one as a mark).
    await expect(page.locator('[data-body] img').evaluate((img) => [img.getAttribute('src'), img.getAttribute('alt')])).resolves.toEqual([
      './provider-load.png',
      'Provider load on 14 October, twice the usual from noon',
    ]);
    // The footnote's link leads to its note.
    const note = await page.locator('[data-body] sup a').getAttribute('href');
    await expect(page.locator(note!).textContent()).resolves.toContain('Both objectives of etl-freshness and their composite are charted.');
    // A composite SLO with two objectives: a pair of charts for each and for the composite, named and linked to its page.
    const etl = page.locator('.slo-chart', { has: page.locator('a[href="/slos/etl-freshness/"]') });
    await expect(etl.locator('.slo-chart-objective a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).resolves.toEqual([
      '/slos/etl-freshness/warehouse-at-most-6-hours-behind/',
      '/slos/etl-freshness/customer-revenue-export-at-most-12-hours-behind/',
      '/slos/etl-freshness/',
    ]);
    await expect(etl.locator('figure[data-chart]').count()).resolves.toBe(6);
    const last = etl.locator('figure[data-chart]').last();
    await last.scrollIntoViewIfNeeded();
    await last.locator('.canvas.drawn').waitFor();
    // Task lists and highlighted code as real reports write them pass axe too.
    await page.addScriptTag({ content: axe.source });
    const violations = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await c.close();
    expect(errors).toEqual([]);
  });
});
