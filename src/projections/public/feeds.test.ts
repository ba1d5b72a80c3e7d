/**
 * History feeds (feeds.ts): well-formed RSS and Atom, one entry per public incident or
 * maintenance, GUIDs that do not depend on the build's clock, escaped titles, public text only.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../../schemas/incident.ts';
import { ServiceSchema } from '../../schemas/service.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import { historyFeed } from './feeds.ts';
import { publicStatus } from './status.ts';

const settings = SettingsSchema.parse({ organisation: { name: 'Acme', url: 'https://acme.example' }, timeZone: 'Europe/London' });
const services = [
  { id: 'api', data: ServiceSchema.parse({ name: 'api', owner: 'team-a', tier: 1, statusPage: { component: 'API' } }) },
  { id: 'web', data: ServiceSchema.parse({ name: 'web', owner: 'team-a', tier: 1, statusPage: { component: 'Web' } }) },
];
const TITLE = 'Quote " & </script><script>alert(1)</script> ]]> שלום 🚀';
const incidents = [
  {
    id: '2026-05-01-api',
    data: IncidentSchema.parse({
      title: 'INTERNAL-TITLE',
      severity: 'SEV2',
      started: '2026-05-01T10:00:00+01:00',
      impact: [{ component: 'API', level: 'partial_outage', from: '2026-05-01T10:00:00+01:00' }],
      public: {
        title: TITLE,
        summary: 'Some calls *failed*. <img src=x onerror=alert(1)>',
        updates: [
          { at: '2026-05-01T10:05:00+01:00', status: 'investigating', body: 'Looking ]]> here.' },
          { at: '2026-05-01T10:35:00+01:00', status: 'identified', body: 'Found it ]]> twice ]]>.' },
        ],
      },
      participants: { commander: '@INTERNAL-PERSON' },
    }),
  },
  { id: '2026-05-02-secret', data: IncidentSchema.parse({ title: 'INTERNAL-ONLY', severity: 'SEV3', started: '2026-05-02T10:00:00+01:00' }) },
];
const statusAt = (now: string) => publicStatus({ settings, services, incidents, maintenance: [], now: Date.parse(now) });
const parser = new XMLParser({ ignoreAttributes: false, cdataPropName: '#cdata' });
const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('historyFeed', () => {
  const rss = historyFeed(statusAt('2026-05-01T12:00:00+01:00'), 'rss');
  const atom = historyFeed(statusAt('2026-05-01T12:00:00+01:00'), 'atom');

  it('writes well-formed XML', () => {
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(XMLValidator.validate(atom)).toBe(true);
  });

  it("names the organisation as the Atom feed's author (RFC 4287 requires one)", () => {
    const feed = (parser.parse(atom) as { feed: { author: { name: string; uri: string } } }).feed;
    expect(feed.author).toEqual({ name: 'Acme', uri: 'https://acme.example/' });
  });

  it('has one entry per public incident, with a GUID from the incident id that the clock does not change', () => {
    type RssItem = { guid: { '#text': string }; title: { '#cdata': string } };
    const items = asList((parser.parse(rss) as { rss: { channel: { item: RssItem | RssItem[] } } }).rss.channel.item);
    expect(items.map((i) => i.guid['#text'])).toEqual(['tag:acme.example,2026-05-01:incident/2026-05-01-api']);
    const later = historyFeed(statusAt('2026-06-30T00:00:00Z'), 'rss');
    expect(later).toContain('<guid isPermaLink="false">tag:acme.example,2026-05-01:incident/2026-05-01-api</guid>');
    // The title is HTML-escaped text (Atom says type="html"); decoded, it is the title as written.
    expect(decode(items[0]!.title['#cdata'])).toBe(TITLE);
  });

  it('carries the statement and the updates, newest first, sanitised', () => {
    type AtomEntry = { id: string; content: { '#cdata': string | string[] } };
    const entry = asList((parser.parse(atom) as { feed: { entry: AtomEntry | AtomEntry[] } }).feed.entry)[0]!;
    expect(entry.id).toBe('tag:acme.example,2026-05-01:incident/2026-05-01-api');
    // A `]]>` in the text splits the CDATA section in two.
    const html = asList(entry.content['#cdata']).join('');
    expect(html).toContain('<em>failed</em>');
    expect(html).not.toContain('<img');
    expect(html.indexOf('Found it')).toBeLessThan(html.indexOf('Looking'));
    expect(html).toContain('Found it ]]&gt; twice ]]&gt;.');
    expect(html).toContain('<time datetime="2026-05-01T10:35:00+01:00">1 May 2026, 10:35 BST</time>');
  });

  it('names nothing internal', () => {
    for (const text of [rss, atom]) {
      expect(text).not.toContain('INTERNAL');
      expect(text).not.toContain('2026-05-02-secret');
    }
  });

  it('keeps a component feed to the incidents that name the component', () => {
    const status = statusAt('2026-05-01T12:00:00+01:00');
    expect(
      historyFeed(
        status,
        'atom',
        status.components.find((c) => c.id === 'api'),
      ),
    ).toContain('2026-05-01-api');
    expect(
      historyFeed(
        status,
        'atom',
        status.components.find((c) => c.id === 'web'),
      ),
    ).not.toContain('<entry>');
  });

  it('dates the feed by its newest entry, not by the build', () => {
    expect(historyFeed(statusAt('2026-06-30T00:00:00Z'), 'atom')).toBe(atom);
  });
});
