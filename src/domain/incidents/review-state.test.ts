import { describe, expect, it } from 'vitest';
import { incidentStatus, retrospectiveStanding } from './review-state.ts';

const t = (s: string) => Date.parse(s);
const NOW = t('2026-11-22T12:00:00Z');
const deadlines = { zone: 'Europe/Amsterdam', retrospectiveDueDays: () => 5, retrospectivesFrom: undefined };

describe('incidentStatus', () => {
  it('is active until mitigated, mitigated until resolved, and ignores times after now', () => {
    expect(incidentStatus({ mitigated: undefined, resolved: undefined }, NOW)).toBe('active');
    expect(incidentStatus({ mitigated: t('2026-11-22T11:00:00Z'), resolved: undefined }, NOW)).toBe('mitigated');
    expect(incidentStatus({ mitigated: t('2026-11-22T11:00:00Z'), resolved: t('2026-11-22T11:30:00Z') }, NOW)).toBe('resolved');
    expect(incidentStatus({ mitigated: t('2026-11-22T13:00:00Z'), resolved: t('2026-11-22T14:00:00Z') }, NOW)).toBe('active');
    // Resolved without a mitigated time: resolved.
    expect(incidentStatus({ mitigated: undefined, resolved: t('2026-11-20T10:00:00Z') }, NOW)).toBe('resolved');
  });
});

describe('retrospectiveStanding', () => {
  const facts = (resolved: string | undefined, reviewStatus: 'draft' | 'in-review' | 'published', backfilled = false) => ({
    resolved: resolved === undefined ? undefined : t(resolved),
    backfilled,
    reviewStatus,
    severity: 'SEV2' as const,
  });
  it('is the review status while on time', () => {
    expect(retrospectiveStanding(facts('2026-11-20T10:00:00Z', 'draft'), deadlines, NOW)).toMatchObject({ state: 'draft', deadline: { due: '2026-11-25' } });
    expect(retrospectiveStanding(facts('2026-11-20T10:00:00Z', 'in-review'), deadlines, NOW).state).toBe('in-review');
  });
  it('is overdue from the day after the due day (in the portal zone), unless published or backfilled', () => {
    // Resolved 16 Nov 23:30 UTC = 17 Nov 00:30 in Amsterdam: due 22 Nov, on time all of that day.
    expect(retrospectiveStanding(facts('2026-11-16T23:30:00Z', 'draft'), deadlines, NOW).state).toBe('draft');
    expect(retrospectiveStanding(facts('2026-11-16T22:30:00Z', 'draft'), deadlines, NOW).state).toBe('overdue');
    expect(retrospectiveStanding(facts('2026-11-01T10:00:00Z', 'in-review'), deadlines, NOW).state).toBe('overdue');
    expect(retrospectiveStanding(facts('2026-11-01T10:00:00Z', 'published'), deadlines, NOW)).toEqual({ state: 'published', deadline: undefined });
    expect(retrospectiveStanding(facts('2026-11-01T10:00:00Z', 'draft', true), deadlines, NOW).state).toBe('draft');
  });
  it('has no deadline while the incident is open, nor for a resolution after now', () => {
    expect(retrospectiveStanding(facts(undefined, 'draft'), deadlines, NOW)).toEqual({ state: 'draft', deadline: undefined });
    expect(retrospectiveStanding(facts('2026-11-23T10:00:00Z', 'draft'), deadlines, NOW).deadline).toBeUndefined();
  });
});
