/**
 * The public pages' data (pages.ts) and the projection fields they read (status.ts: monthly
 * uptime, impact window), on a small hand-made portal whose numbers are worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { IncidentSchema, type IncidentInput } from '../../schemas/incident.ts';
import { MaintenanceSchema } from '../../schemas/maintenance.ts';
import { ServiceSchema, type ServiceInput } from '../../schemas/service.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import { componentPages, dayLabel, historyPages, incidentPages, statusPage } from './pages.ts';
import { publicStatus } from './status.ts';

const settings = SettingsSchema.parse({
  organisation: { name: 'Acme', url: 'https://acme.example' },
  timeZone: 'Europe/Amsterdam',
  launchedOn: '2026-01-01',
});

const service = (id: string, statusPage: ServiceInput['statusPage']) => ({
  id,
  data: ServiceSchema.parse({ name: id, owner: 'team-a', tier: 1, statusPage }),
});
const services = [
  service('api', { component: 'REST API', group: 'Application' }),
  service('web', { component: 'Web app', group: 'Application', description: 'The browser app.' }),
  service('db', false),
];

const incident = (id: string, data: Omit<IncidentInput, 'severity'>) => ({ id, data: IncidentSchema.parse({ severity: 'SEV2', ...data }) });
const incidents = [
  // Resolved: 1 h 30 min of major outage of the REST API on 14 October (CEST), resolved 2 h after it started.
  incident('2026-10-14-api-down', {
    title: 'internal title',
    started: '2026-10-14T10:00:00+02:00',
    resolved: '2026-10-14T12:00:00+02:00',
    impact: [{ component: 'REST API', level: 'major_outage', from: '2026-10-14T10:00:00+02:00', to: '2026-10-14T11:30:00+02:00' }],
    public: {
      title: 'API *unavailable*',
      customerImpact: 'API calls failed with `502`.',
      notAffected: 'The web app.',
      actions: ['We *alert* earlier.'],
      updates: [
        { at: '2026-10-14T10:10:00+02:00', status: 'investigating', body: 'Looking.' },
        { at: '2026-10-14T10:40:00+02:00', body: 'Still looking.' },
        { at: '2026-10-14T12:00:00+02:00', status: 'resolved', body: 'Fixed.' },
      ],
    },
  }),
  // Open: the web app degraded since 20 November.
  incident('2026-11-20-web-slow', {
    title: 'internal',
    started: '2026-11-20T09:00:00+01:00',
    backfilled: true,
    impact: [{ component: 'Web app', level: 'degraded_performance', from: '2026-11-20T09:00:00+01:00' }],
    public: { title: 'Slow web app', updates: [{ at: '2026-11-20T09:30:00+01:00', status: 'identified', body: 'We know why.' }] },
  }),
  // Internal only: impairs the API on 1 November but is never named.
  incident('2026-11-01-internal', {
    title: 'secret',
    started: '2026-11-01T10:00:00+01:00',
    resolved: '2026-11-01T11:00:00+01:00',
    impact: [{ component: 'REST API', level: 'partial_outage', from: '2026-11-01T10:00:00+01:00', to: '2026-11-01T11:00:00+01:00' }],
  }),
];

const maintenance = (id: string, data: unknown) => ({ id, data: MaintenanceSchema.parse(data) });
const maintenances = [
  maintenance('2026-12-03-upgrade', {
    title: 'Upgrade',
    description: 'Read-only for **10 minutes**.',
    components: ['Web app'],
    scheduled: { from: '2026-12-03T06:00:00+01:00', to: '2026-12-03T07:00:00+01:00' },
    updates: [{ at: '2026-11-19T10:00:00+01:00', status: 'scheduled', body: 'Scheduled.' }],
  }),
  maintenance('2026-11-08-move', {
    title: 'Move',
    description: 'Moving.',
    components: ['REST API'],
    scheduled: { from: '2026-11-08T06:00:00+01:00', to: '2026-11-08T07:30:00+01:00' },
    updates: [{ at: '2026-10-30T14:00:00+01:00', status: 'scheduled', body: 'Scheduled.' }],
  }),
];

const NOW = Date.parse('2026-11-22T12:00:00Z');
const status = publicStatus({ settings, services, incidents, maintenance: maintenances, now: NOW });

describe('publicStatus additions', () => {
  it('gives each incident the window customers were impaired in', () => {
    const byId = new Map(status.incidents.map((i) => [i.id, i]));
    expect(byId.get('2026-10-14-api-down')!.impactWindow).toEqual({ from: Date.parse('2026-10-14T08:00:00Z'), to: Date.parse('2026-10-14T09:30:00Z') });
    expect(byId.get('2026-11-20-web-slow')!.impactWindow).toEqual({ from: Date.parse('2026-11-20T08:00:00Z'), to: undefined });
  });

  it('gives each component twelve calendar months of uptime, newest first, naming public incidents only', () => {
    const api = status.components.find((c) => c.name === 'REST API')!;
    expect(api.uptime.months.map((m) => m.month)).toEqual([
      '2026-11',
      '2026-10',
      '2026-09',
      '2026-08',
      '2026-07',
      '2026-06',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
      '2025-12',
    ]);
    const [november, october] = api.uptime.months;
    // November so far: 21 days and 13 hours (now is 13:00 CET on the 22nd); 1 h partial outage.
    expect(november!.uptime).toBeCloseTo(1 - 0.3 / (21 * 24 + 13), 12);
    expect(november!.incidents).toEqual([]);
    // October: 31 days and the extra hour of the 25th; 1.5 h major outage.
    expect(october!.uptime).toBeCloseTo(1 - 1.5 / (31 * 24 + 1), 12);
    expect(october!.incidents).toEqual([{ id: '2026-10-14-api-down', title: 'API *unavailable*' }]);
    expect(api.uptime.months.at(-1)).toEqual({ month: '2025-12', uptime: null, worst: null, incidents: [] });
  });
});

describe('statusPage', () => {
  const view = statusPage(status);

  it('has the banner, the active incident with its updates newest first, and maintenance by phase', () => {
    expect(view.banner).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    expect(view.active.map((i) => i.title)).toEqual(['Slow web app']);
    const [active] = view.active;
    expect(active!.status).toBe('Identified');
    expect(active!.duration.text).toBe('2 d 4 h so far');
    expect(active!.components).toEqual([{ id: 'web-app', href: '/components/web-app/', name: 'Web app', level: 'Degraded performance', levelClass: 'minor' }]);
    expect(view.inProgress).toEqual([]);
    expect(view.upcoming.map((m) => [m.title, m.status, m.from.text, m.to.text, m.descriptionHtml])).toEqual([
      ['Upgrade', 'Scheduled', '3 Dec 2026, 06:00 CET', '07:00 CET', '<p>Read-only for <strong>10 minutes</strong>.</p>'],
    ]);
    expect(view.shell).toEqual({
      name: 'Acme',
      url: 'https://acme.example',
      zone: 'Europe/Amsterdam',
      updated: { datetime: '2026-11-22T13:00:00+01:00', text: '22 Nov 2026, 13:00 CET' },
      subscribe: [
        { label: 'RSS', title: 'Acme status: incident history (RSS)', href: '/history.rss', type: 'application/rss+xml', feed: true },
        { label: 'Atom', title: 'Acme status: incident history (Atom)', href: '/history.atom', type: 'application/atom+xml', feed: true },
        { label: 'JSON API', title: 'Acme status: JSON API (Statuspage v2)', href: '/api/v2/summary.json', type: 'application/json', feed: false },
      ],
    });
    expect(view.uptimeRule).toContain('major outage fully');
    expect(view.uptimeRule).toContain('partial outage at 0.3');
    expect(view.uptimeRule).toContain('Europe/Amsterdam');
  });

  it('has one cell per day for each component, labelled and linked', () => {
    const api = view.groups[0]!.components.find((c) => c.name === 'REST API')!;
    expect(api.cells).toHaveLength(90);
    expect(api.first!.text).toBe('25 Aug 2026');
    expect(api.last!.text).toBe('22 Nov 2026');
    const outage = api.cells.find((c) => c.date === '2026-10-14')!;
    expect(outage).toEqual({
      date: '2026-10-14',
      href: '/incidents/2026-10-14-api-down/',
      levelClass: 'critical',
      label: '14 Oct 2026: 93.75% uptime, major outage. Incident: API *unavailable*.',
    });
    // The internal incident's day: downtime counts, its name does not appear.
    const internal = api.cells.find((c) => c.date === '2026-11-01')!;
    expect(internal).toEqual({
      date: '2026-11-01',
      href: '/components/rest-api/#2026-11-01',
      levelClass: 'major',
      label: '1 Nov 2026: 98.75% uptime, partial outage. No incidents.',
    });
    expect(api.cells.find((c) => c.date === '2026-10-13')!.label).toBe('13 Oct 2026: 100% uptime. No incidents.');
  });

  it('labels a day without data, and a day with several incidents', () => {
    expect(dayLabel({ date: '2026-01-01', uptime: null, worst: null, incidents: [] })).toBe('1 Jan 2026: no data');
    expect(
      dayLabel({
        date: '2026-01-02',
        uptime: 0.5,
        worst: 'major_outage',
        incidents: [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B' },
        ],
      }),
    ).toBe('2 Jan 2026: 50.00% uptime, major outage. Incidents: A; B.');
  });
});

describe('incidentPages', () => {
  it('builds the customer statement from the public block: text as sanitised HTML, titles as plain text', () => {
    const [open, resolved] = incidentPages(status).map((p) => p.incident);
    expect(resolved).toMatchObject({
      id: '2026-10-14-api-down',
      title: 'API *unavailable*',
      status: 'Resolved',
      impact: 'Critical impact',
      backfilled: false,
      started: { datetime: '2026-10-14T10:00:00+02:00', text: '14 Oct 2026, 10:00 CEST' },
      ended: { datetime: '2026-10-14T12:00:00+02:00', text: '14 Oct 2026, 12:00 CEST' },
      endedInRange: { datetime: '2026-10-14T12:00:00+02:00', text: '12:00 CEST' },
      duration: { datetime: 'PT2H', text: '2 h' },
      impactWindow: { from: { text: '14 Oct 2026, 10:00 CEST' }, to: { text: '11:30 CEST' }, duration: { text: '1 h 30 min' } },
      customerImpactHtml: '<p>API calls failed with <code>502</code>.</p>',
      notAffectedHtml: '<p>The web app.</p>',
      actionsHtml: ['We <em>alert</em> earlier.'],
    });
    // Newest first; an update without a status keeps the one before it.
    expect(resolved!.updates.map((u) => [u.status, u.at.text, u.html])).toEqual([
      ['Resolved', '14 Oct 2026, 12:00 CEST', '<p>Fixed.</p>'],
      ['Investigating', '14 Oct 2026, 10:40 CEST', '<p>Still looking.</p>'],
      ['Investigating', '14 Oct 2026, 10:10 CEST', '<p>Looking.</p>'],
    ]);
    expect(open).toMatchObject({ id: '2026-11-20-web-slow', backfilled: true, ended: undefined, summaryHtml: undefined, actionsHtml: [] });
    expect(incidentPages(status).map((p) => p.incident.id)).not.toContain('2026-11-01-internal');
  });
});

describe('historyPages', () => {
  const byHref = (pages: ReturnType<typeof historyPages>) => new Map(pages.map((p) => [p.href, p]));

  it('has an entry page, a page per year and per month from now back to the oldest incident or begun maintenance, newest first', () => {
    const pages = historyPages(status);
    expect(pages.map((p) => [p.kind, p.href, p.param, p.title])).toEqual([
      ['entry', '/history/', undefined, 'Incident history'],
      ['year', '/history/2026/', '2026', 'Incident history, 2026'],
      ['month', '/history/2026/11/', '2026/11', 'Incident history, November 2026'],
      ['month', '/history/2026/10/', '2026/10', 'Incident history, October 2026'],
    ]);
    const entry = pages[0]!;
    expect(entry.months.map((m) => [m.month.text, m.href, m.incidents.map((i) => i.id), m.maintenances.map((x) => x.id)])).toEqual([
      ['November 2026', '/history/2026/11/', ['2026-11-20-web-slow'], ['2026-11-08-move']],
      ['October 2026', '/history/2026/10/', ['2026-10-14-api-down'], []],
    ]);
    const october = byHref(pages).get('/history/2026/10/')!;
    expect(october.months.map((m) => m.id)).toEqual(['2026-10']);
    expect([october.newer, october.older]).toEqual([{ href: '/history/2026/11/', label: 'November 2026' }, undefined]);
  });

  it('puts the year/month index on every page, marking the page shown', () => {
    for (const page of historyPages(status)) {
      expect(page.index.map((y) => [y.year, y.href, y.months.map((m) => [m.name, m.href, m.incidents])])).toEqual([
        [
          '2026',
          '/history/2026/',
          [
            ['Nov', '/history/2026/11/', 1],
            ['Oct', '/history/2026/10/', 1],
          ],
        ],
      ]);
    }
    const pages = byHref(historyPages(status));
    expect(pages.get('/history/2026/')!.index[0]!.current).toBe(true);
    expect(pages.get('/history/2026/10/')!.index[0]!.months.map((m) => m.current)).toEqual([false, true]);
    expect(pages.get('/history/')!.index[0]!.current).toBe(false);
  });

  it('keeps every URL when newer incidents arrive: a month stays where it was', () => {
    const later = publicStatus({ settings, services, incidents, maintenance: [], now: Date.parse('2027-03-10T12:00:00Z') });
    const before = byHref(historyPages(status)).get('/history/2026/10/')!;
    const after = byHref(historyPages(later)).get('/history/2026/10/')!;
    expect(after.months.map((m) => m.incidents.map((i) => i.id))).toEqual(before.months.map((m) => m.incidents.map((i) => i.id)));
    expect(historyPages(later).map((p) => p.href)).toContain('/history/2027/03/');
  });

  it('shows the current month alone when nothing happened, and months without incidents in between', () => {
    const quiet = publicStatus({ settings, services, incidents: [], maintenance: [], now: NOW });
    expect(historyPages(quiet).map((p) => p.href)).toEqual(['/history/', '/history/2026/', '/history/2026/11/']);
    const gap = publicStatus({ settings, services, incidents: [incidents[0]!], maintenance: [], now: Date.parse('2027-01-10T12:00:00Z') });
    const pages = historyPages(gap, 2);
    expect(pages[0]!.months.map((m) => [m.id, m.incidents.length])).toEqual([
      ['2027-01', 0],
      ['2026-12', 0],
    ]);
    expect(
      byHref(pages)
        .get('/history/2026/')!
        .months.map((m) => [m.id, m.incidents.length]),
    ).toEqual([
      ['2026-12', 0],
      ['2026-11', 0],
      ['2026-10', 1],
    ]);
    expect(byHref(pages).get('/history/2027/')!.older).toEqual({ href: '/history/2026/', label: '2026' });
  });
});

describe('componentPages', () => {
  it('has a page per component with its days newest first, its months, incidents and maintenance', () => {
    const pages = componentPages(status);
    expect(pages.map((p) => p.component.href)).toEqual(['/components/rest-api/', '/components/web-app/']);
    const api = pages[0]!;
    expect(api.days).toHaveLength(90);
    expect(api.days[0]!.date.text).toBe('22 Nov 2026');
    const outage = api.days.find((d) => d.date.datetime === '2026-10-14')!;
    expect(outage).toEqual({
      date: { datetime: '2026-10-14', text: '14 Oct 2026' },
      uptime: '93.75%',
      level: 'Major outage',
      levelClass: 'critical',
      incidents: [{ id: '2026-10-14-api-down', href: '/incidents/2026-10-14-api-down/', name: 'API *unavailable*' }],
    });
    expect(api.months[1]).toMatchObject({ month: { text: 'October 2026' }, uptime: '99.79%', levelClass: 'critical' });
    expect(api.months.at(-1)).toMatchObject({ month: { text: 'December 2025' }, uptime: 'No data', levelClass: 'none' });
    expect(api.incidents.map((i) => i.id)).toEqual(['2026-10-14-api-down']);
    expect(api.maintenances.map((m) => [m.id, m.status])).toEqual([['2026-11-08-move', 'Completed']]);
    expect(pages[1]!.maintenances.map((m) => m.id)).toEqual(['2026-12-03-upgrade']);
  });
});
