import { describe, expect, it } from 'vitest';
import type { IncidentInput } from './levels.ts';
import { daysInLastMonths, uptimeByMonth } from './monthly.ts';
import { componentUptime } from './uptime.ts';

const at = (text: string) => Date.parse(text);
const H = 3_600_000;

describe('daysInLastMonths', () => {
  it('counts from the first day of the earliest month through today', () => {
    expect(daysInLastMonths('2026-11-22', 1)).toBe(22);
    expect(daysInLastMonths('2026-11-22', 2)).toBe(31 + 22);
    expect(daysInLastMonths('2026-03-01', 2)).toBe(28 + 1);
    expect(daysInLastMonths('2024-03-01', 2)).toBe(29 + 1);
    // Across a year: December 2025 to 22 November 2026.
    expect(daysInLastMonths('2026-11-22', 12)).toBe(365 - 8);
  });
  it('rejects a count that is not a positive whole number', () => {
    expect(() => daysInLastMonths('2026-11-22', 0)).toThrow(RangeError);
  });
});

describe('uptimeByMonth', () => {
  it('sums each month’s days, with the day rule, on calendar months of the zone', () => {
    const incidents: IncidentInput[] = [
      // 2 h major on 31 October local time (CET, +01:00), 6 h partial on 1 November.
      {
        id: 'a',
        started: at('2026-10-31T10:00:00+01:00'),
        impact: [{ component: 'api', level: 'major_outage', from: at('2026-10-31T10:00:00+01:00'), to: at('2026-10-31T12:00:00+01:00') }],
        resolved: at('2026-10-31T12:00:00+01:00'),
      },
      {
        id: 'b',
        started: at('2026-11-01T00:00:00+01:00'),
        impact: [{ component: 'api', level: 'partial_outage', from: at('2026-11-01T00:00:00+01:00'), to: at('2026-11-01T06:00:00+01:00') }],
        resolved: at('2026-11-01T06:00:00+01:00'),
      },
    ];
    const now = at('2026-11-03T00:00:00+01:00');
    const uptime = componentUptime('api', incidents, { now, zone: 'Europe/Amsterdam', days: daysInLastMonths('2026-11-03', 2) });
    const months = uptimeByMonth(uptime.days);
    expect(months.map((m) => m.month)).toEqual(['2026-10', '2026-11']);
    // October 2026 in Amsterdam has 31 days and one 25-hour day (the 25th).
    const october = 31 * 24 * H + H;
    expect(months[0]).toEqual({
      month: '2026-10',
      coveredMs: october,
      downtimeMs: 2 * H,
      uptime: 1 - (2 * H) / october,
      worst: 'major_outage',
      incidents: ['a'],
    });
    expect(months[1]).toEqual({
      month: '2026-11',
      coveredMs: 2 * 24 * H,
      downtimeMs: 6 * H * 0.3,
      uptime: 1 - (0.3 * 6) / 48,
      worst: 'partial_outage',
      incidents: ['b'],
    });
  });

  it('has no uptime for a month without data (before launch)', () => {
    const now = at('2026-11-02T12:00:00Z');
    const uptime = componentUptime('api', [], { now, zone: 'UTC', days: daysInLastMonths('2026-11-02', 2), launchedOn: '2026-11-01' });
    expect(uptimeByMonth(uptime.days)).toEqual([
      { month: '2026-10', coveredMs: 0, downtimeMs: 0, uptime: null, worst: null, incidents: [] },
      { month: '2026-11', coveredMs: 36 * H, downtimeMs: 0, uptime: 1, worst: 'operational', incidents: [] },
    ]);
  });
});
