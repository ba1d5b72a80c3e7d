/**
 * A real-shaped four-year history, end to end: tests/support/statuspage-history.ts writes an
 * 800-incident Statuspage v2 export (paged incidents.json, declared impact, component status
 * changing before and after the key times, backfilled entries, maintenance with and without
 * components); `keel import statuspage` turns it into content that validates with no error; the
 * public site builds; its API, pages, history and feeds are checked against the export; and in
 * Chromium no page of it is wider than a 390 px phone. Bad input: HTML or another JSON shape
 * exits 2, saying what was expected, and writes nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { validateContent } from '../src/rules/validate.ts';
import { buildPublic, CHROMIUM, CHROMIUM_ARGS, files, root, serve, type Built } from './e2e/site.ts';
import { HISTORY_NOW, writeStatuspageHistory, type GeneratedHistory } from './support/statuspage-history.ts';

const IMPACT_LABEL = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' } as const;

let tmp: string;
let history: GeneratedHistory;
let imported: { code: number; out: string; err: string };
let built: Built;
const content = () => join(tmp, 'content');
const site = () => join(tmp, 'out', 'public');
const read = (file: string) => readFileSync(join(site(), file), 'utf8');
const json = <T>(file: string) => JSON.parse(read(file)) as T;

async function keel(argv: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: { KEEL_NOW: HISTORY_NOW }, cwd });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `YYYY-MM` of an instant in the page's zone (America/Los_Angeles). */
const monthOf = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit' }).format(at).slice(0, 7);

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'public-history-'));
  history = writeStatuspageHistory(join(tmp, 'export'));
  imported = await keel(['import', 'statuspage', ...history.files, '--out', content()]);
  built = await buildPublic(content(), join(tmp, 'out'), HISTORY_NOW);
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('a generated four-year Statuspage history, imported and built', () => {
  it('imports in one command into content that validates with no error; the warnings are the expected ones', async () => {
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(history.incidents).toHaveLength(800);
    const kinds = new Set(history.incidents.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['backfilled', 'backfilled-late', 'flipped-before-start', 'no-components', 'no-transitions', 'normal']);
    const result = await validateContent(content(), { cwd: tmp, now: Date.parse(HISTORY_NOW) });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Updates more than an hour apart, as real histories have them (README: "Importing a Statuspage history").
    expect([...new Set(result.diagnostics.map((d) => d.rule))]).toEqual(['incident/update-cadence']);
    expect(imported.out).toMatch(/\d+ files checked: 0 errors, \d+ warnings$/);
  });

  it('builds the public site', () => {
    expect(built.code, built.output).toBe(0);
  });

  it('shows the declared impact of every incident on its page and in the API', () => {
    const byName = new Map(history.incidents.map((i) => [i.name, i]));
    const pages = files(site()).filter((f) => /^incidents\/[^/]+\/index\.html$/.test(f));
    expect(pages).toHaveLength(800);
    const shown = pages.map((file) => {
      const html = read(file);
      const title = /<h1>([^<]*)<\/h1>/
        .exec(html)![1]!
        .replace(/&#34;|&quot;/g, '"')
        .replace(/&#38;|&amp;/g, '&');
      return [byName.get(title)?.impact ?? `unknown title ${title}`, /<p class="meta">\s*\w+ · (\w+ impact)/.exec(html)?.[1]];
    });
    for (const [impact, label] of shown) expect(label).toBe(IMPACT_LABEL[impact as keyof typeof IMPACT_LABEL]);
    const api = json<{ incidents: { name: string; impact: string; started_at: string }[] }>('api/v2/incidents.json').incidents;
    expect(api).toHaveLength(50);
    for (const incident of api) expect(incident.impact).toBe(byName.get(incident.name)!.impact);
    // The 50 most recent, newest first: the last ones generated.
    expect(api.map((i) => i.name)).toEqual(
      [...history.incidents]
        .sort((a, b) => b.startedAt - a.startedAt)
        .slice(0, 50)
        .map((i) => i.name),
    );
    // Backfilled entries say so.
    const backfilled = history.incidents.filter((i) => i.kind.startsWith('backfilled'));
    const posted = pages.filter((f) => read(f).includes('Posted after the fact'));
    expect(posted).toHaveLength(backfilled.length);
    // A postmortem posted after resolution is the incident's public summary, not a late update.
    const postmortems = history.incidents.filter((i) => Number(i.id.slice(3)) % 10 === 3 && !i.kind.startsWith('backfilled'));
    const summaries = pages.filter((f) => /<h2 id="summary">Summary<\/h2>\s*<p>Postmortem: what happened to/.test(read(f)));
    expect(summaries.length).toBe(postmortems.length);
  });

  it('has a page per year and per month, each listing the incidents that started in it, with the index', () => {
    const months = [...new Set(history.incidents.map((i) => monthOf(i.startedAt)))].sort();
    let listed = 0;
    for (let month = months[0]!; month <= monthOf(Date.parse(HISTORY_NOW));) {
      const file = `history/${month.replace('-', '/')}/index.html`;
      expect(existsSync(join(site(), file)), file).toBe(true);
      const html = read(file);
      expect(html).toContain('<nav aria-label="History by year and month" class="history-index">');
      const expected = history.incidents.filter((i) => monthOf(i.startedAt) === month).length;
      const links = [...html.matchAll(/<h3>\s*<a href="\/incidents\//g)].length;
      expect(links, file).toBe(expected);
      listed += links;
      const [y, m] = month.split('-').map(Number) as [number, number];
      month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    }
    expect(listed).toBe(800);
    for (const year of ['2022', '2023', '2024', '2025', '2026']) expect(existsSync(join(site(), 'history', year, 'index.html')), year).toBe(true);
  });

  it('lists maintenance newest first, with and without components, and writes feeds that parse, with an author', () => {
    const maintenances = json<{ scheduled_maintenances: { name: string; scheduled_for: string; components: unknown[] }[] }>(
      'api/v2/scheduled-maintenances.json',
    ).scheduled_maintenances;
    expect(maintenances).toHaveLength(history.maintenances.length);
    const starts = maintenances.map((m) => Date.parse(m.scheduled_for));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    const components = new Map(history.maintenances.map((m) => [m.name, m.components]));
    for (const m of maintenances) expect(m.components.length).toBe(components.get(m.name));
    const parser = new XMLParser({ ignoreAttributes: false });
    for (const feed of ['history.rss', 'history.atom', 'components/api/history.atom']) expect(XMLValidator.validate(read(feed)), feed).toBe(true);
    const atom = parser.parse(read('history.atom')) as { feed: { author: { name: string }; entry: unknown[] } };
    expect(atom.feed.author.name).toBe('Generated Hub');
    expect(atom.feed.entry).toHaveLength(50);
  });

  it('has no page wider than a 390 px phone (Chromium), long addresses in updates included', async () => {
    const pages = files(site()).filter((f) => f.endsWith('index.html'));
    // Every page but the incidents, and the incidents whose updates hold a long address, and some more.
    const chosen = pages.filter((f, n) => !f.startsWith('incidents/') || read(f).includes('x'.repeat(120)) || n % 40 === 0);
    const server = await serve(site());
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
      const page = await phone.newPage();
      const wide: string[] = [];
      for (const file of chosen) {
        await page.goto(`${server.origin}/${file.replace(/index\.html$/, '')}`);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 390) wide.push(`${file}: ${width} px`);
      }
      expect(chosen.length).toBeGreaterThan(80);
      expect(wide).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 300_000);
});

describe('keel import statuspage of something else: exit 2, what was expected, nothing written', () => {
  it.each([
    ['page.html', '<!doctype html><html><body>Status</body></html>', 'not readable as JSON'],
    ['list.json', '[1, 2, 3]', 'not Statuspage v2 JSON: the document'],
    ['slos.json', '{ "slos": [] }', 'holds none of incidents, scheduled_maintenances or components'],
  ])('%s', async (name, text, says) => {
    const dir = join(tmp, 'bad-input', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), text);
    const r = await keel(['import', 'statuspage', name, '--out', 'content'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(says);
    expect(r.err).toContain('Statuspage v2 JSON (incidents.json, summary.json, scheduled-maintenances.json)');
    expect(existsSync(join(dir, 'content'))).toBe(false);
  });
});
