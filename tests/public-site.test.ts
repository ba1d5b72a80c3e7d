/**
 * The public site's HTML pages, built from the sample content (content/, at the sample's "now")
 * and from a copy of tests/fixtures/site with a backfilled incident whose public text holds
 * Markdown and hostile characters: which pages exist, what they say, that every time names its
 * zone and is machine-readable, that nothing loads from anywhere, and the status page's weight
 * (≤ 15 KB gzip, HTML and its inlined CSS together).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublic, files, removeSampleSites, root, sampleSite, type Built } from './e2e/site.ts';

const FIXTURE_NOW = '2026-04-01T00:00:00Z';
const WEIGHT_LIMIT = 15 * 1024;

let tmp: string;
let sampleDir: string;
let fixture: Built;
const fixtureDir = () => join(tmp, 'fixture', 'public');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'public-site-test-'));
  const content = join(tmp, 'fixture-content');
  cpSync(join(root, 'tests', 'fixtures', 'site'), content, { recursive: true });
  const incident = join(content, 'incidents', '2026-01-12-checkout-errors.md');
  writeFileSync(
    incident,
    readFileSync(incident, 'utf8')
      .replace('resolved: 2026-01-12T10:00:00Z\n', 'resolved: 2026-01-12T10:00:00Z\nbackfilled: true\n')
      .replace('title: Elevated checkout errors', `title: 'Checkout "errors" </script> & <b>more</b>'`)
      .replace(
        'summary: Some payments failed for 40 minutes.',
        `summary: 'Some payments *failed* for 40 minutes. See [our post](https://blog.example/x?a=1&b=2), not [this](javascript:alert(1)) <img src=x onerror=alert(1)>.'`,
      ),
  );
  [sampleDir, fixture] = await Promise.all([sampleSite('public'), buildPublic(content, join(tmp, 'fixture'), FIXTURE_NOW)]);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  removeSampleSites();
});

/** The text of an HTML fragment: tags removed, whitespace collapsed, the entities the pages use decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x26;|&amp;/g, '&')
    .replace(/&#x3C;|&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;|&#x22;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const SAMPLE_INCIDENTS = ['2026-10-02-email-delivery-delayed', '2026-10-14-card-payments-outage', '2026-11-20-settings-page-slow'];
const SAMPLE_COMPONENTS = ['account-settings', 'card-payments', 'email-notifications', 'login-sso', 'rest-api', 'web-app', 'webhooks'];

describe('the public pages of the sample content', () => {
  it('has the status page, a page per public incident and per component, and the history', () => {
    const html = files(sampleDir).filter((f) => f.endsWith('.html'));
    expect(html).toEqual(
      [
        'index.html',
        'history/index.html',
        'history/2026/index.html',
        'history/2026/10/index.html',
        'history/2026/11/index.html',
        ...SAMPLE_INCIDENTS.map((id) => `incidents/${id}/index.html`),
        ...SAMPLE_COMPONENTS.map((id) => `components/${id}/index.html`),
      ].sort(),
    );
    // The internal-only incident has no page.
    expect(html.join('\n')).not.toContain('etl-silent-failure');
  });

  it('shows the banner, the active incident with its updates newest first, the components and the maintenance', () => {
    const page = read(sampleDir, 'index.html');
    expect(page).toContain('<p class="banner b-minor">Minor Service Outage</p>');
    const active = text(page.slice(page.indexOf('id="active"'), page.indexOf('id="components"')));
    expect(active).toContain('Slow account settings pages Identified · Minor impact · Affects Account settings (degraded performance)');
    const times = [...active.matchAll(/(Investigating|Identified) 22 Nov 2026, (\d\d:\d\d) CET/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(times).toEqual(['Identified 12:45', 'Identified 11:55', 'Identified 11:02', 'Identified 10:10', 'Investigating 09:15', 'Investigating 08:20']);
    expect(text(page)).toMatch(/Account settings Degraded performance/);
    for (const name of ['Webhooks', 'Login & SSO', 'REST API', 'Web app', 'Email notifications', 'Card payments'])
      expect(text(page)).toContain(`${name} Operational`);
    const maintenance = text(page.slice(page.indexOf('id="upcoming"')));
    expect(maintenance).toContain(
      'Database upgrade Scheduled · 3 Dec 2026, 06:00 CET to 07:00 CET · Affects Web app , REST API , Account settings , Card payments',
    );
    // The completed maintenance is in the history, not on the status page.
    expect(page).not.toContain('Card payment connection moves');
  });

  it('draws 90 labelled, linked day cells per component, and states the uptime rule', () => {
    const page = read(sampleDir, 'index.html');
    const cells = [...page.matchAll(/<a href="([^"]+)" class="(ok|minor|major|critical|none)" aria-label="([^"]+)" tabindex="(-1|0)"><\/a>/g)];
    expect(cells).toHaveLength(90 * SAMPLE_COMPONENTS.length);
    // One tab stop per bar (a roving tabindex): its latest day.
    expect(cells.filter((c) => c[4] === '0')).toHaveLength(SAMPLE_COMPONENTS.length);
    expect(cells.filter((c, n) => c[4] === '0' && n % 90 === 89)).toHaveLength(SAMPLE_COMPONENTS.length);
    // Card payments, the REST API and the web app on the day of the card payments outage: 1 h 43 min
    // of major outage, 1 h 43 min of partial outage (at 0.3), degraded performance (not counted).
    expect(cells.filter((c) => c[3]!.startsWith('14 Oct 2026') && c[3]!.includes('Incident:')).map((c) => c.slice(1))).toEqual([
      ['/incidents/2026-10-14-card-payments-outage/', 'major', '14 Oct 2026: 97.85% uptime, partial outage. Incident: Card payments unavailable.', '-1'],
      ['/incidents/2026-10-14-card-payments-outage/', 'minor', '14 Oct 2026: 100% uptime, degraded performance. Incident: Card payments unavailable.', '-1'],
      ['/incidents/2026-10-14-card-payments-outage/', 'critical', '14 Oct 2026: 92.84% uptime, major outage. Incident: Card payments unavailable.', '-1'],
    ]);
    expect(cells.filter((c) => c[3] === '25 Aug 2026: 100% uptime. No incidents.')).toHaveLength(SAMPLE_COMPONENTS.length);
    expect(text(page)).toContain('25 Aug 2026 99.92% uptime · Day by day 22 Nov 2026');
    expect(text(page)).toContain(
      'Uptime counts each minute of major outage fully and each minute of partial outage at 0.3; degraded performance and planned maintenance do not count as downtime. Days are calendar days in Europe/Amsterdam.',
    );
  });

  it('says when it was built, in the portal’s zone, with the zone named', () => {
    const page = read(sampleDir, 'index.html');
    expect(page).toContain('Last updated <time datetime="2026-11-22T13:00:00+01:00">22 Nov 2026, 13:00 CET</time>. Times are in Europe/Amsterdam.');
  });

  it('writes every time machine-readable, and every time of day with its zone', () => {
    for (const file of files(sampleDir).filter((f) => f.endsWith('.html'))) {
      const html = read(sampleDir, file);
      const times = [...html.matchAll(/<time([^>]*)>([^<]*)<\/time>/g)];
      expect(times.length, file).toBeGreaterThan(0);
      for (const [, attributes, shown] of times) {
        const datetime = /^ datetime="([^"]+)"$/.exec(attributes!)?.[1];
        expect(datetime, `${file}: ${shown}`).toMatch(/^(\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?)?|P(\d+D)?(T(\d+H)?(\d+M)?)?)$/);
        if (/\d\d:\d\d/.test(shown!)) expect(shown, file).toMatch(/\d\d:\d\d (CET|CEST)$/);
      }
    }
  });

  it('states the customer statement of an incident from its public block', () => {
    const page = text(read(sampleDir, 'incidents/2026-10-14-card-payments-outage/index.html'));
    for (const expected of [
      'Card payments unavailable Resolved · Critical impact',
      'Started 14 Oct 2026, 11:58 CEST Resolved 14 Oct 2026, 14:30 CEST Duration 2 h 32 min',
      'Affected components Card payments : Major outage REST API : Partial outage Web app : Degraded performance',
      'What customers could not do Customers paying an invoice by card saw "Payment could not be processed"',
      'For 1 h 43 min : from 14 Oct 2026, 11:58 CEST to 13:41 CEST .',
      'What was not affected Creating, sending and viewing invoices',
      'What we are doing Certificates for the payment provider connection are now renewed automatically',
    ]) {
      expect(page).toContain(expected);
    }
    const updates = [...page.slice(page.indexOf('Updates')).matchAll(/(Investigating|Identified|Monitoring|Resolved) 14 Oct 2026, (\d\d:\d\d) CEST/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(updates).toEqual(['Resolved 14:30', 'Monitoring 13:55', 'Identified 13:30', 'Identified 12:52', 'Investigating 12:18']);
    expect(page).not.toContain('Posted after the fact');
    // The internal title and the retrospective stay internal.
    expect(page).not.toContain('provider client certificate expired');
    expect(page).not.toContain('cert-manager');
  });

  it('says an open incident is ongoing', () => {
    const page = text(read(sampleDir, 'incidents/2026-11-20-settings-page-slow/index.html'));
    expect(page).toContain('Resolved Not yet resolved Duration 2 d 3 h 20 min so far');
    expect(page).toContain('What customers cannot do');
    expect(page).toContain('For 2 d 3 h 20 min so far : from 20 Nov 2026, 09:40 CET , and still ongoing.');
    expect(page).toContain('What is not affected');
  });

  it('lists the history by month', () => {
    const page = text(read(sampleDir, 'history/index.html'));
    expect(page).toContain(
      'November 2026 Slow account settings pages Identified · Minor impact · 20 Nov 2026, 09:40 CET ( 2 d 3 h 20 min so far ) Card payment connection moves to a new data centre Maintenance · Completed · 8 Nov 2026, 06:00 CET to 07:30 CET',
    );
    expect(page).toContain(
      'October 2026 Card payments unavailable Resolved · Critical impact · 14 Oct 2026, 11:58 CEST to 14:30 CEST ( 2 h 32 min ) Delayed invoice',
    );
    expect(page).not.toContain('Page 1 of');
  });

  it('has a page per component with its uptime by day and month, incidents and maintenance', () => {
    const html = read(sampleDir, 'components/card-payments/index.html');
    const page = text(html);
    expect(page).toContain('Card payments Paying invoices by card. Payments · Operational');
    expect(page).toContain('October 2026 99.76% Card payments unavailable');
    expect(page).toContain('November 2026 100%');
    expect(page).toContain('December 2025 100%');
    expect(html).toContain('<tr id="2026-10-14"><th scope="row"><time datetime="2026-10-14">14 Oct 2026</time></th><td>92.84%</td>');
    expect(page).toContain('Incidents Card payments unavailable Resolved · 14 Oct 2026, 11:58 CEST ( 2 h 32 min )');
    expect(page).toContain('Maintenance Database upgrade Scheduled');
    expect(page).toContain('Card payment connection moves to a new data centre Completed');
  });

  it("announces the site feeds on every page and a component's own on its page, and lists them with the JSON API under Subscribe", () => {
    const alternates = (html: string) =>
      [...html.matchAll(/<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">/g)].map((m) => `${m[1]} ${m[2]}`);
    const site = ['application/rss+xml /history.rss', 'application/atom+xml /history.atom'];
    for (const file of files(sampleDir).filter((f) => f.endsWith('.html'))) {
      const html = read(sampleDir, file);
      const component = /^components\/([^/]+)\//.exec(file)?.[1];
      const own = component ? [`application/rss+xml /components/${component}/history.rss`, `application/atom+xml /components/${component}/history.atom`] : [];
      expect(alternates(html), file).toEqual([...own, ...site]);
      const subscribe = html.slice(html.indexOf('<details class="subscribe">'), html.indexOf('</details>', html.indexOf('<details class="subscribe">')));
      expect(text(subscribe), file).toMatch(component ? /^Subscribe .+ RSS .+ Atom RSS Atom JSON API$/ : /^Subscribe RSS Atom JSON API$/);
      expect(subscribe).toContain('href="/api/v2/summary.json"');
    }
    // Every announced feed exists.
    for (const feed of ['history.rss', 'history.atom', 'components/card-payments/history.atom']) expect(read(sampleDir, feed)).toMatch(/^<\?xml/);
  });

  it("loads nothing: no script file, stylesheet, image, font or frame, on any page; one inline script for the bars' keys", () => {
    for (const file of files(sampleDir).filter((f) => f.endsWith('.html'))) {
      // Feed autodiscovery links load nothing; the uptime bars' keyboard is one small inline script.
      const raw = read(sampleDir, file);
      const scripts = [...raw.matchAll(/<script>([\s\S]*?)<\/script>/g)];
      expect(scripts.length, file).toBe(raw.includes('data-bar') ? 1 : 0);
      for (const [, code] of scripts) expect(code!.length, file).toBeLessThan(1024);
      const html = raw.replace(/<link rel="alternate" [^>]*>/g, '').replace(/<script>[\s\S]*?<\/script>/g, '');
      expect(html, file).not.toMatch(/<(script|link|img|iframe|object|embed|source|video|audio)\b|@import|url\(|\bsrc=/i);
    }
  });

  it('weighs at most 15 KB gzip, HTML and CSS together, for the status page', () => {
    const page = readFileSync(join(sampleDir, 'index.html'));
    expect(page.toString()).toContain('<style>');
    const gzip = gzipSync(page, { level: 9 }).length;
    process.stdout.write(`status page: ${page.length} bytes, ${gzip} bytes gzip (limit ${WEIGHT_LIMIT})\n`);
    expect(gzip).toBeLessThanOrEqual(WEIGHT_LIMIT);
  });
});

describe('the public pages of the fixture (backfilled incident, Markdown, hostile text)', () => {
  it('builds', () => {
    expect(fixture.code, fixture.output).toBe(0);
  });

  it('says "posted after the fact", renders the Markdown subset and escapes the title', () => {
    const html = read(fixtureDir(), 'incidents/2026-01-12-checkout-errors/index.html');
    expect(html).toContain('<h1>Checkout &quot;errors&quot; &lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt;</h1>');
    expect(html).toContain('<title>Checkout &quot;errors&quot; &lt;/script&gt; &amp; &lt;b&gt;more&lt;/b&gt; · Fixture Org</title>');
    expect(text(html)).toContain('Resolved · Major impact · Posted after the fact');
    expect(html).toContain(
      '<p>Some payments <em>failed</em> for 40 minutes. See <a href="https://blog.example/x?a=1&#x26;b=2">our post</a>, not this &#x3C;img src=x onerror=alert(1)>.</p>',
    );
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/<(script|img)\b/);
  });

  it('shows the latest three months at /history/, and every year and month at a URL of its own with the index', () => {
    const entry = text(read(fixtureDir(), 'history/index.html'));
    expect([...entry.matchAll(/(January|February|March|April) 2026 /g)].map((m) => m[1])).toEqual(['April', 'March', 'February']);
    expect(entry).toContain('April 2026 No incidents reported this month.');
    const index = 'History by year and month';
    const january = read(fixtureDir(), 'history/2026/01/index.html');
    expect(text(january)).toContain('January 2026 Checkout "errors" </script> & <b>more</b>');
    expect(january).toContain('<a href="/history/2026/02/">Newer: February 2026</a>');
    const year = text(read(fixtureDir(), 'history/2026/index.html'));
    expect([...year.matchAll(/(January|February|March|April) 2026 /g)].map((m) => m[1])).toEqual(['April', 'March', 'February', 'January']);
    for (const file of ['history/index.html', 'history/2026/index.html', 'history/2026/01/index.html']) {
      const html = read(fixtureDir(), file);
      expect(html, file).toContain(`<nav aria-label="${index}" class="history-index">`);
      const nav = html.indexOf(`<nav aria-label="${index}"`);
      expect(text(html.slice(nav, html.indexOf('</nav>', nav)))).toBe('2026 Apr Mar Feb Jan');
    }
    expect(read(fixtureDir(), 'history/2026/01/index.html')).toMatch(/<a href="\/history\/2026\/01\/" aria-current="page"/);
  });
});
