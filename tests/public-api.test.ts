/**
 * The machine-readable public outputs of a real public build: the Statuspage-compatible JSON
 * API (every file parsed with Zod schemas of Statuspage's shapes, REFERENCE.md), the history
 * feeds (well-formed XML, expected entries and GUIDs) and the badges, on two builds: the sample
 * content's public site that the test files share (sampleSite), and tests/fixtures/public-hostile,
 * whose titles and names hold quotes, backslashes, `</script>`, `]]>`, right-to-left text and
 * emoji that must round-trip exactly.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listFiles } from '../src/core/walk.ts';
import { buildPublic, removeSampleSites, sampleSite } from './e2e/site.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// --- Statuspage's shapes (REFERENCE.md) ---------------------------------------------------------
const Time = z.iso.datetime({ offset: true });
const Page = z.strictObject({ id: z.string().min(1), name: z.string().min(1), url: z.url(), time_zone: z.string().min(1), updated_at: Time });
const Status = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  description: z.enum(['All Systems Operational', 'Minor Service Outage', 'Partial System Outage', 'Major System Outage', 'Service Under Maintenance']),
});
const Component = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  status: z.enum(['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance']),
  created_at: Time,
  updated_at: Time,
  position: z.int().positive(),
  description: z.string().nullable(),
  showcase: z.boolean(),
  start_date: z.iso.date().nullable(),
  group_id: z.string().nullable(),
  page_id: z.string().min(1),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  components: z.array(z.string()).optional(),
});
const Update = <S extends z.ZodType>(status: S) =>
  z.strictObject({
    id: z.string().min(1),
    incident_id: z.string().min(1),
    status,
    body: z.string(),
    created_at: Time,
    updated_at: Time,
    display_at: Time,
    affected_components: z.array(z.strictObject({ code: z.string(), name: z.string(), old_status: z.string(), new_status: z.string() })).nullable(),
  });
const IncidentStatus = z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']);
const MaintenanceStatus = z.enum(['scheduled', 'in_progress', 'verifying', 'completed']);
const incidentFields = <S extends z.ZodType>(status: S) => ({
  id: z.string().min(1),
  name: z.string().min(1),
  status,
  created_at: Time,
  updated_at: Time,
  started_at: Time,
  monitoring_at: Time.nullable(),
  resolved_at: Time.nullable(),
  shortlink: z.url(),
  page_id: z.string().min(1),
  incident_updates: z.array(Update(status)).min(1),
  components: z.array(Component),
});
const Incident = z.strictObject({ ...incidentFields(IncidentStatus), impact: z.enum(['none', 'minor', 'major', 'critical']) });
const Maintenance = z.strictObject({ ...incidentFields(MaintenanceStatus), impact: z.literal('maintenance'), scheduled_for: Time, scheduled_until: Time });
const Incidents = z.strictObject({ page: Page, incidents: z.array(Incident) });
const Maintenances = z.strictObject({ page: Page, scheduled_maintenances: z.array(Maintenance) });
const SCHEMAS = {
  'summary.json': z.strictObject({
    page: Page,
    components: z.array(Component),
    incidents: z.array(Incident),
    scheduled_maintenances: z.array(Maintenance),
    status: Status,
  }),
  'status.json': z.strictObject({ page: Page, status: Status }),
  'components.json': z.strictObject({ page: Page, components: z.array(Component) }),
  'incidents.json': Incidents,
  'incidents/unresolved.json': Incidents,
  'scheduled-maintenances.json': Maintenances,
  'scheduled-maintenances/upcoming.json': Maintenances,
  'scheduled-maintenances/active.json': Maintenances,
} as const;

// --- the builds ----------------------------------------------------------------------------------
let tmp: string;
let sample: string;
let hostile: string;

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'public-api-test-'));
  // The sample's public site is the one every test file shares (built at SAMPLE_NOW, 12:00Z = 13:00 in Amsterdam).
  const [site, b] = await Promise.all([
    sampleSite('public'),
    buildPublic(join(root, 'tests', 'fixtures', 'public-hostile'), join(tmp, 'hostile'), '2026-03-21T12:00:00Z'),
  ]);
  expect(b.code, b.output).toBe(0);
  sample = site;
  hostile = join(tmp, 'hostile', 'public');
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  removeSampleSites();
});

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const json = <F extends keyof typeof SCHEMAS>(dir: string, file: F): z.output<(typeof SCHEMAS)[F]> =>
  SCHEMAS[file].parse(JSON.parse(read(dir, `api/v2/${file}`))) as z.output<(typeof SCHEMAS)[F]>;

describe('/api/v2/ of the sample content', () => {
  it('parses every file with the schema of its Statuspage shape', () => {
    for (const file of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
      expect(() => json(sample, file), file).not.toThrow();
    }
  });

  it("summary.json: the page, the degraded settings pages and the open SEV2's incident", () => {
    const summary = SCHEMAS['summary.json'].parse(JSON.parse(read(sample, 'api/v2/summary.json')));
    expect(summary.page).toEqual({
      id: 'tidewater',
      name: 'Tidewater',
      url: 'https://status.tidewater.example',
      time_zone: 'Europe/Amsterdam',
      updated_at: '2026-11-22T13:00:00+01:00',
    });
    expect(summary.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    expect(summary.incidents.map((i) => [i.id, i.status, i.impact])).toEqual([['2026-11-20-settings-page-slow', 'identified', 'minor']]);
    expect(summary.components.find((c) => c.id === 'account-settings')?.status).toBe('degraded_performance');
    expect(summary.scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([['2026-12-03-database-upgrade', 'scheduled']]);
    // Every group's members exist and point back at it.
    for (const group of summary.components.filter((c) => c.group)) {
      for (const id of group.components!) expect(summary.components.find((c) => c.id === id)?.group_id).toBe(group.id);
    }
  });

  it('lists no internal-only incident', () => {
    const ids = json(sample, 'incidents.json').incidents.map((i) => i.id);
    expect(ids).not.toContain('2026-09-08-etl-silent-failure');
    expect(ids).toHaveLength(3);
  });
});

describe('hostile text', () => {
  const TITLES = ['Quote " and backslash \\ and </script><script>alert(1)</script> it\'s done', 'RTL שלום עולם مرحبا بالعالم and emoji 🚀🔥👩‍💻 & <b>bold</b>'];
  const COMPONENT = 'Pay </script><script>alert("x")</script> & \'Co\' \\ שלום 🚀';

  it('round-trips exactly through the JSON API', () => {
    const incidents = json(hostile, 'incidents.json').incidents;
    expect(incidents.map((i) => i.name).sort()).toEqual([...TITLES].sort());
    const quotes = incidents.find((i) => i.id === '2026-03-01-quotes')!;
    expect(quotes.incident_updates.at(-1)!.body).toBe('Body with \\n not a newline, "quotes", </script> and ]]>');
    expect(json(hostile, 'components.json').components.map((c) => c.name)).toContain(COMPONENT);
    expect(json(hostile, 'status.json').page.name).toBe('Hostile "Org" <b>&amp;</b>');
    expect(json(hostile, 'scheduled-maintenances.json').scheduled_maintenances[0]!.name).toBe('Maintenance "window" <em>&</em> \\ 🔧');
  });

  it('keeps every feed well-formed, titles escaped and intact', () => {
    const decode = (html: string) =>
      html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
    const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' });
    const feeds = listFiles(hostile).filter((f) => /\.(rss|atom)$/.test(f));
    expect(feeds).toContain('history.rss');
    expect(feeds).toContain('history.atom');
    for (const feed of feeds) expect(XMLValidator.validate(read(hostile, feed)), feed).toBe(true);
    const atom = parser.parse(read(hostile, 'history.atom')) as { feed: { entry: { title: { '#cdata': string | string[] } }[] } };
    const titles = atom.feed.entry.map((e) => decode([e.title['#cdata']].flat().join('')));
    for (const title of TITLES) expect(titles).toContain(title);
  });

  it('escapes a hostile component name in its badge', () => {
    const dir = listFiles(hostile).find((f) => f.startsWith('components/pay-') && f.endsWith('/badge.svg'))!;
    const svg = read(hostile, dir);
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toContain('<script');
    const parsed = new XMLParser({ ignoreAttributes: false, htmlEntities: true }).parse(svg) as { svg: { title: string } };
    expect(parsed.svg.title).toBe(`${COMPONENT}: operational`);
  });
});

describe('feeds of the sample content', () => {
  type Entry = { id: string; link: { '@_href': string } };
  const entries = (file: string) => {
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(read(sample, file)) as { feed: { entry?: Entry | Entry[] } };
    return [parsed.feed.entry ?? []].flat();
  };

  it('are well-formed XML, the whole page and every component, RSS and Atom', () => {
    const feeds = listFiles(sample).filter((f) => /\.(rss|atom)$/.test(f));
    expect(feeds.length).toBe(2 + 2 * json(sample, 'components.json').components.filter((c) => !c.group).length);
    for (const feed of feeds) expect(XMLValidator.validate(read(sample, feed)), feed).toBe(true);
  });

  it('have an entry per public incident and maintenance, with stable GUIDs from their ids', () => {
    expect(entries('history.atom').map((e) => e.id)).toEqual([
      'tag:tidewater.example,2026-11-20:incident/2026-11-20-settings-page-slow',
      'tag:tidewater.example,2026-12-03:maintenance/2026-12-03-database-upgrade',
      'tag:tidewater.example,2026-11-08:maintenance/2026-11-08-payment-provider-migration',
      'tag:tidewater.example,2026-10-14:incident/2026-10-14-card-payments-outage',
      'tag:tidewater.example,2026-10-02:incident/2026-10-02-email-delivery-delayed',
    ]);
    expect(entries('components/account-settings/history.atom').map((e) => e.link['@_href'])).toContain(
      'https://status.tidewater.example/incidents/2026-11-20-settings-page-slow/',
    );
    const rss = read(sample, 'history.rss');
    expect(rss).toContain('<guid isPermaLink="false">tag:tidewater.example,2026-10-14:incident/2026-10-14-card-payments-outage</guid>');
  });

  it('serve a badge for the page and for every component', () => {
    expect(read(sample, 'badge.svg')).toContain('<title>status: Minor Service Outage</title>');
    expect(read(sample, 'components/account-settings/badge.svg')).toContain('<title>Account settings: degraded performance</title>');
  });
});
