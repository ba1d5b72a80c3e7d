import { describe, expect, it } from 'vitest';
import { componentStatus, componentStatuses, inWindow, maintenancePhase } from './component-status.ts';
import { STATUS_ORDER, worse, type IncidentInput, type MaintenanceInput } from './levels.ts';

const H = 3_600_000;
const T0 = Date.parse('2026-05-10T00:00:00Z');

const incident = (id: string, impact: IncidentInput['impact'], resolved?: number): IncidentInput =>
  resolved === undefined ? { id, impact, started: T0 } : { id, impact, started: T0, resolved };

describe('componentStatus', () => {
  it('is operational with nothing in force', () => {
    expect(componentStatus('api', T0, [])).toBe('operational');
  });

  it('applies an impact interval on [from, to) only', () => {
    const incidents = [incident('i1', [{ component: 'api', level: 'partial_outage', from: T0 + H, to: T0 + 2 * H }], T0 + 3 * H)];
    expect(componentStatus('api', T0 + H - 1, incidents)).toBe('operational');
    expect(componentStatus('api', T0 + H, incidents)).toBe('partial_outage');
    expect(componentStatus('api', T0 + 2 * H - 1, incidents)).toBe('partial_outage');
    expect(componentStatus('api', T0 + 2 * H, incidents)).toBe('operational');
    expect(componentStatus('web', T0 + H, incidents)).toBe('operational');
  });

  it('keeps an open-ended interval of an open incident in force, and ends it with a resolved incident', () => {
    const open = [incident('i1', [{ component: 'api', level: 'major_outage', from: T0 }])];
    expect(componentStatus('api', T0 + 1000 * H, open)).toBe('major_outage');
    const resolved = [incident('i1', [{ component: 'api', level: 'major_outage', from: T0 }], T0 + 2 * H)];
    expect(componentStatus('api', T0 + 2 * H - 1, resolved)).toBe('major_outage');
    expect(componentStatus('api', T0 + 2 * H, resolved)).toBe('operational');
  });

  it('lets the worst level win across intervals and incidents', () => {
    const incidents = [
      incident('i1', [
        { component: 'api', level: 'degraded_performance', from: T0, to: T0 + 4 * H },
        { component: 'api', level: 'major_outage', from: T0 + H, to: T0 + 2 * H },
      ]),
      incident('i2', [{ component: 'api', level: 'partial_outage', from: T0 + H, to: T0 + 3 * H }]),
    ];
    expect(componentStatus('api', T0, incidents)).toBe('degraded_performance');
    expect(componentStatus('api', T0 + H, incidents)).toBe('major_outage');
    expect(componentStatus('api', T0 + 2 * H, incidents)).toBe('partial_outage');
    expect(componentStatus('api', T0 + 3 * H, incidents)).toBe('degraded_performance');
    expect(componentStatus('api', T0 + 4 * H, incidents)).toBe('operational');
  });

  it('treats level operational as named but not impaired', () => {
    const incidents = [incident('i1', [{ component: 'api', level: 'operational', from: T0 }])];
    expect(componentStatus('api', T0 + H, incidents)).toBe('operational');
  });

  it('shows maintenance only inside its window, never before or after', () => {
    const maintenance: MaintenanceInput[] = [{ id: 'm1', components: ['api', 'web'], from: T0 + H, to: T0 + 2 * H }];
    expect(componentStatus('api', T0 + H - 1, [], maintenance)).toBe('operational');
    expect(componentStatus('api', T0 + H, [], maintenance)).toBe('under_maintenance');
    expect(componentStatus('web', T0 + 2 * H - 1, [], maintenance)).toBe('under_maintenance');
    expect(componentStatus('api', T0 + 2 * H, [], maintenance)).toBe('operational');
    expect(componentStatus('db', T0 + H, [], maintenance)).toBe('operational');
  });

  it('shows any impairment over maintenance, maintenance over operational', () => {
    const maintenance: MaintenanceInput[] = [{ id: 'm1', components: ['api'], from: T0, to: T0 + 10 * H }];
    const degraded = [incident('i1', [{ component: 'api', level: 'degraded_performance', from: T0 + H, to: T0 + 2 * H }])];
    expect(componentStatus('api', T0 + H, degraded, maintenance)).toBe('degraded_performance');
    expect(componentStatus('api', T0 + 2 * H, degraded, maintenance)).toBe('under_maintenance');
    const named = [incident('i2', [{ component: 'api', level: 'operational', from: T0 }])];
    expect(componentStatus('api', T0 + H, named, maintenance)).toBe('under_maintenance');
  });
});

describe('componentStatuses', () => {
  it('returns every named component in order, ignoring impact on others', () => {
    const incidents = [
      incident('i1', [
        { component: 'web', level: 'partial_outage', from: T0 },
        { component: 'ghost', level: 'major_outage', from: T0 },
      ]),
    ];
    const maintenance: MaintenanceInput[] = [{ id: 'm1', components: ['db', 'ghost'], from: T0, to: T0 + H }];
    const statuses = componentStatuses(['api', 'web', 'db'], T0 + 1, incidents, maintenance);
    expect([...statuses]).toEqual([
      ['api', 'operational'],
      ['web', 'partial_outage'],
      ['db', 'under_maintenance'],
    ]);
  });
});

describe('maintenance windows', () => {
  const m: MaintenanceInput = { id: 'm1', components: ['api'], from: 100, to: 200 };
  it('are half-open', () => {
    expect([99, 100, 199, 200].map((at) => inWindow(m, at))).toEqual([false, true, true, false]);
  });
  it('have a phase by the clock', () => {
    expect([99, 100, 199, 200].map((now) => maintenancePhase(m, now))).toEqual(['scheduled', 'in_progress', 'in_progress', 'completed']);
  });
});

describe('status order', () => {
  it('ranks outage over degradation over maintenance over operational', () => {
    expect(STATUS_ORDER).toEqual(['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage']);
    expect(worse('under_maintenance', 'degraded_performance')).toBe('degraded_performance');
    expect(worse('major_outage', 'partial_outage')).toBe('major_outage');
    expect(worse('operational', 'under_maintenance')).toBe('under_maintenance');
  });
});
