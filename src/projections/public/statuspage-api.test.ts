/**
 * The Statuspage-compatible API values (statuspage-api.ts) on a small hand-made portal: which
 * file lists what, in which order, with which times; nothing of an internal-only incident.
 */
import { describe, expect, it } from 'vitest';
import { IncidentSchema, type IncidentInput } from '../../schemas/incident.ts';
import { MaintenanceSchema, type Maintenance } from '../../schemas/maintenance.ts';
import { ServiceSchema, type ServiceInput } from '../../schemas/service.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import { publicStatus } from './status.ts';
import { API_FILES, apiJson, siteLink, statuspageApi } from './statuspage-api.ts';

const settings = SettingsSchema.parse({
  organisation: { name: 'Acme Corp', url: 'https://acme.example', statusPageUrl: 'https://status.acme.example/' },
  timeZone: 'Europe/Amsterdam',
});
const service = (id: string, statusPage: ServiceInput['statusPage']) => ({ id, data: ServiceSchema.parse({ name: id, owner: 'team-a', tier: 1, statusPage }) });
const services = [
  service('api', { component: 'REST API', group: 'Application' }),
  service('web', { component: 'Web app', group: 'Application', description: 'The browser app.' }),
  service('hooks', { component: 'Webhooks' }),
  service('db', false),
];
const incident = (id: string, data: Omit<IncidentInput, 'severity'>) => ({ id, data: IncidentSchema.parse({ severity: 'SEV2', ...data }) });
const resolved = incident('2026-10-14-api-down', {
  title: 'internal title',
  started: '2026-10-14T10:00:00+02:00',
  mitigated: '2026-10-14T11:30:00+02:00',
  resolved: '2026-10-14T12:30:00+02:00',
  impact: [{ component: 'REST API', level: 'major_outage', from: '2026-10-14T10:00:00+02:00', to: '2026-10-14T11:30:00+02:00' }],
  public: {
    title: 'API unavailable',
    updates: [
      { at: '2026-10-14T10:10:00+02:00', status: 'investigating', body: 'Looking.' },
      { at: '2026-10-14T10:40:00+02:00', status: 'monitoring', body: 'Fix out.' },
      { at: '2026-10-14T12:00:00+02:00', status: 'resolved', body: 'Fixed.' },
    ],
  },
});
const open = incident('2026-11-20-web-slow', {
  title: 'internal',
  started: '2026-11-20T09:00:00+01:00',
  impact: [{ component: 'Web app', level: 'degraded_performance', from: '2026-11-20T09:00:00+01:00' }],
  public: {
    title: 'Slow web app',
    updates: [
      { at: '2026-11-20T09:30:00+01:00', status: 'investigating', body: 'Looking.' },
      { at: '2026-11-20T10:30:00+01:00', status: 'identified', body: 'We know why.' },
    ],
  },
});
const secret = incident('2026-11-21-secret', {
  title: 'secret title',
  started: '2026-11-21T10:00:00+01:00',
  impact: [{ component: 'Webhooks', level: 'major_outage', from: '2026-11-21T10:00:00+01:00' }],
});
const maintenance = (id: string, from: string, to: string): { id: string; data: Maintenance } => ({
  id,
  data: MaintenanceSchema.parse({
    title: `Maintenance ${id}`,
    description: 'Upgrade.',
    components: ['REST API'],
    scheduled: { from, to },
    updates: [{ at: '2026-11-01T10:00:00+01:00', status: 'scheduled', body: 'Planned.' }],
  }),
});
const maintenances = [
  maintenance('done', '2026-11-02T06:00:00+01:00', '2026-11-02T07:00:00+01:00'),
  maintenance('now', '2026-11-22T11:00:00+01:00', '2026-11-22T13:00:00+01:00'),
  maintenance('later', '2026-12-03T06:00:00+01:00', '2026-12-03T07:00:00+01:00'),
];
const NOW = Date.parse('2026-11-22T12:00:00+01:00');
const status = publicStatus({ settings, services, incidents: [resolved, open, secret], maintenance: maintenances, now: NOW });
const api = statuspageApi(status, 'https://status.acme.example/');

describe('statuspageApi', () => {
  it('has every file with the top-level keys Statuspage writes', () => {
    expect(Object.keys(api).sort()).toEqual([...API_FILES].sort());
    expect(Object.keys(api['summary.json'])).toEqual(['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
    expect(Object.keys(api['status.json'])).toEqual(['page', 'status']);
    expect(api['summary.json'].page).toEqual({
      id: 'acme-corp',
      name: 'Acme Corp',
      url: 'https://status.acme.example/',
      time_zone: 'Europe/Amsterdam',
      updated_at: '2026-11-22T12:00:00+01:00',
    });
  });

  it('derives the page status from the components, worst first (an internal-only incident still counts)', () => {
    expect(api['status.json'].status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
  });

  it('lists a group before its members, with group_id, member ids and positions in page order', () => {
    const components = api['components.json'].components;
    expect(components.map((c) => [c.position, c.id, c.group, c.group_id])).toEqual([
      [1, 'webhooks', false, null],
      [2, 'group-application', true, null],
      [3, 'rest-api', false, 'group-application'],
      [4, 'web-app', false, 'group-application'],
    ]);
    expect(components[1]!.components).toEqual(['rest-api', 'web-app']);
    // The group's status is its worst member's (web app degraded; the API is under maintenance).
    expect(components.map((c) => c.status)).toEqual(['major_outage', 'degraded_performance', 'under_maintenance', 'degraded_performance']);
    expect(components[3]!.description).toBe('The browser app.');
    expect(components[2]!.description).toBeNull();
  });

  it('dates a component by public events only (never by an internal-only incident)', () => {
    const byId = new Map(api['components.json'].components.map((c) => [c.id, c]));
    // The API's last public event before now: the "now" maintenance window opened at 11:00.
    expect(byId.get('rest-api')!.updated_at).toBe('2026-11-22T11:00:00+01:00');
    // Webhooks changed only through the internal-only incident: no event, no date from it.
    expect(byId.get('webhooks')!.updated_at).not.toContain('2026-11-21');
  });

  it('lists incidents newest first, updates newest first, times in the page zone', () => {
    const incidents = api['incidents.json'].incidents;
    expect(incidents.map((i) => i.id)).toEqual(['2026-11-20-web-slow', '2026-10-14-api-down']);
    const down = incidents[1]!;
    expect(down).toMatchObject({
      name: 'API unavailable',
      status: 'resolved',
      impact: 'critical',
      created_at: '2026-10-14T10:10:00+02:00',
      updated_at: '2026-10-14T12:30:00+02:00',
      started_at: '2026-10-14T10:00:00+02:00',
      monitoring_at: '2026-10-14T10:40:00+02:00',
      resolved_at: '2026-10-14T12:30:00+02:00',
      shortlink: 'https://status.acme.example/incidents/2026-10-14-api-down/',
      page_id: 'acme-corp',
    });
    expect(down.incident_updates.map((u) => [u.status, u.display_at])).toEqual([
      ['resolved', '2026-10-14T12:00:00+02:00'],
      ['monitoring', '2026-10-14T10:40:00+02:00'],
      ['investigating', '2026-10-14T10:10:00+02:00'],
    ]);
    expect(down.incident_updates[0]).toMatchObject({ incident_id: '2026-10-14-api-down', affected_components: null });
    expect(down.components.map((c) => c.id)).toEqual(['rest-api']);
  });

  it('puts only unresolved incidents in summary.json and incidents/unresolved.json', () => {
    expect(api['summary.json'].incidents.map((i) => i.id)).toEqual(['2026-11-20-web-slow']);
    expect(api['incidents/unresolved.json'].incidents).toEqual(api['summary.json'].incidents);
  });

  it('never names an internal-only incident', () => {
    const text = API_FILES.map((f) => apiJson(api[f])).join('');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('internal title');
  });

  it('splits maintenance by the clock: upcoming, active, and both in the summary', () => {
    const ids = (list: { id: string }[]) => list.map((m) => m.id);
    // Newest first, as Statuspage lists them.
    expect(ids(api['scheduled-maintenances.json'].scheduled_maintenances)).toEqual(['later', 'now', 'done']);
    expect(ids(api['scheduled-maintenances/upcoming.json'].scheduled_maintenances)).toEqual(['later']);
    expect(ids(api['scheduled-maintenances/active.json'].scheduled_maintenances)).toEqual(['now']);
    expect(ids(api['summary.json'].scheduled_maintenances)).toEqual(['now', 'later']);
    const [later, now, done] = api['scheduled-maintenances.json'].scheduled_maintenances;
    expect(done).toMatchObject({ status: 'completed', impact: 'maintenance', resolved_at: '2026-11-02T07:00:00+01:00' });
    expect(now).toMatchObject({
      status: 'in_progress',
      scheduled_for: '2026-11-22T11:00:00+01:00',
      scheduled_until: '2026-11-22T13:00:00+01:00',
      resolved_at: null,
    });
    // Announced as scheduled and still before its window: scheduled, whatever the clock of the build.
    expect(later).toMatchObject({ status: 'scheduled', shortlink: 'https://status.acme.example/#upcoming' });
  });

  it('keeps the 50 most recent incidents in incidents.json', () => {
    const many = Array.from({ length: 55 }, (_, n) =>
      incident(`inc-${String(n).padStart(2, '0')}`, {
        title: 'internal',
        started: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
        resolved: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000 + 60_000).toISOString(),
        mitigated: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000 + 60_000).toISOString(),
        public: { title: `Incident ${n}`, updates: [{ at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(), status: 'investigating', body: 'x' }] },
      }),
    );
    const listed = statuspageApi(publicStatus({ settings, services, incidents: many, maintenance: [], now: NOW }), 'https://s.example')['incidents.json']
      .incidents;
    expect(listed).toHaveLength(50);
    expect(listed[0]!.name).toBe('Incident 54');
    expect(listed.at(-1)!.name).toBe('Incident 5');
  });

  it('serialises with JSON.stringify: hostile text round-trips', () => {
    const title = 'Quote " backslash \\ </script><script>alert(1)</script> שלום مرحبا \u2028 🚀👩‍💻';
    const hostile = incident('2026-11-20-hostile', { ...open.data, public: { ...open.data.public!, title } });
    const files = statuspageApi(publicStatus({ settings, services, incidents: [hostile], maintenance: [], now: NOW }), 'https://s.example');
    const parsed = JSON.parse(apiJson(files['incidents.json'])) as (typeof files)['incidents.json'];
    expect(parsed.incidents[0]!.name).toBe(title);
  });
});

describe('siteLink', () => {
  it('joins with exactly one slash', () => {
    expect(siteLink('https://s.example/', '/incidents/a/')).toBe('https://s.example/incidents/a/');
    expect(siteLink('https://s.example', 'history.rss')).toBe('https://s.example/history.rss');
  });
});
