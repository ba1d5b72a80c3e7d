import { describe, expect, it } from 'vitest';
import type { ComponentStatus } from './levels.ts';
import { pageStatus } from './page-status.ts';

describe('pageStatus', () => {
  it('says all systems operational with nothing wrong, or no components', () => {
    expect(pageStatus([])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    expect(pageStatus(['operational', 'operational'])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  it('maps the worst component status to Statuspage indicator and wording', () => {
    const cases: [ComponentStatus[], string, string][] = [
      [['operational', 'under_maintenance'], 'maintenance', 'Service Under Maintenance'],
      [['under_maintenance', 'degraded_performance'], 'minor', 'Minor Service Outage'],
      [['degraded_performance', 'partial_outage', 'operational'], 'major', 'Partial System Outage'],
      [['partial_outage', 'major_outage', 'under_maintenance'], 'critical', 'Major System Outage'],
      [['major_outage'], 'critical', 'Major System Outage'],
    ];
    for (const [statuses, indicator, description] of cases) {
      expect(pageStatus(statuses)).toEqual({ indicator, description });
    }
  });

  it('reads any iterable, such as the values of a status map', () => {
    const map = new Map<string, ComponentStatus>([
      ['api', 'operational'],
      ['web', 'partial_outage'],
    ]);
    expect(pageStatus(map.values()).indicator).toBe('major');
  });
});
