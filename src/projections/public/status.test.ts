/** The public projection: only allowlisted fields, newest incidents first by instant, internal incidents unnamed. */
import { describe, expect, it } from 'vitest';
import { IncidentSchema } from '../../schemas/incident.ts';
import { MaintenanceSchema } from '../../schemas/maintenance.ts';
import { ServiceSchema } from '../../schemas/service.ts';
import { SettingsSchema } from '../../schemas/settings.ts';
import { publicStatus } from './status.ts';

const settings = SettingsSchema.parse({ organisation: { name: 'Org', url: 'https://org.example' }, timeZone: 'UTC' });
const service = (id: string, component: string) => ({
  id,
  data: ServiceSchema.parse({
    name: `secret service ${id}`,
    owner: 'secret-owner',
    tier: 1,
    statusPage: { component },
    links: [{ title: 'secret dash', url: 'https://secret.example' }],
  }),
});
const incident = (id: string, started: string, publicTitle?: string, impact = 'partial_outage') => ({
  id,
  data: IncidentSchema.parse({
    title: `secret title ${id}`,
    severity: 'SEV2',
    started,
    services: ['api'],
    impact: [{ component: 'API', level: impact, from: started }],
    participants: { responders: ['secret-person'] },
    ...(publicTitle ? { public: { title: publicTitle, updates: [{ at: started, status: 'investigating', body: 'Looking into it.' }] } } : {}),
  }),
});
const now = Date.parse('2026-03-02T12:00:00Z');

describe('publicStatus', () => {
  it('orders incidents newest first by the instant they started, not by the text of their timestamps', () => {
    // 23:30 at -05:00 is 04:30 UTC the next day: later than 02:00 UTC, though its text sorts first.
    const status = publicStatus({
      settings,
      services: [service('api', 'API')],
      incidents: [incident('utc', '2026-03-02T02:00:00Z', 'UTC'), incident('offset', '2026-03-01T23:30:00-05:00', 'Offset')],
      maintenance: [],
      now,
    });
    expect(status.incidents.map((i) => i.id)).toEqual(['offset', 'utc']);
  });

  it('makes one component of several services behind it, with the description and group any of them gives', () => {
    const behind = (id: string, statusPage: object) => ({
      ...service(id, 'API'),
      data: { ...service(id, 'API').data, statusPage: { component: 'API', ...statusPage } },
    });
    const status = publicStatus({
      settings,
      services: [behind('api', {}), behind('api-eu', { description: 'The REST API.', group: 'Core' }), service('web', 'Web')],
      incidents: [incident('hidden', '2026-03-02T10:00:00Z')],
      maintenance: [],
      now,
    });
    expect(status.components.map((c) => [c.id, c.description, c.group, c.status])).toEqual([
      ['web', undefined, undefined, 'operational'],
      ['api', 'The REST API.', 'Core', 'partial_outage'],
    ]);
  });

  it('lets an internal-only incident impair a component without naming it anywhere', () => {
    const status = publicStatus({ settings, services: [service('api', 'API')], incidents: [incident('hidden', '2026-03-02T10:00:00Z')], maintenance: [], now });
    expect(status.components[0]!.status).toBe('partial_outage');
    expect(status.status.indicator).toBe('major');
    expect(status.incidents).toEqual([]);
    const text = JSON.stringify(status);
    expect(text).not.toContain('hidden');
    expect(text).not.toMatch(/secret/);
  });

  it('moves a maintenance on by the clock, whatever was last posted', () => {
    const window = MaintenanceSchema.parse({
      title: 'Upgrade',
      description: 'We upgrade.',
      components: ['API'],
      scheduled: { from: '2026-03-02T11:00:00Z', to: '2026-03-02T13:00:00Z' },
      updates: [{ at: '2026-03-01T09:00:00Z', status: 'scheduled', body: 'Planned.' }],
    });
    const at = (iso: string) =>
      publicStatus({ settings, services: [service('api', 'API')], incidents: [], maintenance: [{ id: 'm', data: window }], now: Date.parse(iso) });
    expect(at('2026-03-02T10:00:00Z').maintenances[0]!.status).toBe('scheduled');
    expect(at('2026-03-02T12:00:00Z').maintenances[0]!.status).toBe('in_progress');
    expect(at('2026-03-02T12:00:00Z').components[0]!.status).toBe('under_maintenance');
    expect(at('2026-03-02T14:00:00Z').maintenances[0]!.status).toBe('completed');
  });

  it('shows the impact the incident declares (public.impact), else derives it from the worst component impact', () => {
    const declared = (impact: string | undefined, level = 'partial_outage') => {
      const item = incident('i', '2026-03-02T10:00:00Z', 'Title', level);
      return { ...item, data: IncidentSchema.parse({ ...item.data, public: { ...item.data.public!, ...(impact ? { impact } : {}) } }) };
    };
    const impactOf = (item: ReturnType<typeof declared>) =>
      publicStatus({ settings, services: [service('api', 'API')], incidents: [item], maintenance: [], now }).incidents[0]!.impact;
    expect(impactOf(declared(undefined))).toBe('major');
    expect(impactOf(declared(undefined, 'major_outage'))).toBe('critical');
    expect(impactOf(declared('minor', 'major_outage'))).toBe('minor');
    expect(impactOf(declared('critical', 'operational'))).toBe('critical');
    expect(impactOf(declared('none'))).toBe('none');
  });
});
