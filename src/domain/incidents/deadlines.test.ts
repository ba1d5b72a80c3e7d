/** Deadlines at "now": calendar days in a zone, day deadlines at their boundaries, late updates and reviews. */
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween } from './calendar.ts';
import {
  type Cadence,
  dayDeadline,
  dayDeadlineText,
  daysOverdue,
  followUpDeadline,
  isOverdue,
  lateText,
  nextUpdateDeadline,
  retrospectiveDeadline,
  retrospectiveDueDay,
  reviewDeadline,
} from './deadlines.ts';

const at = Date.parse;

describe('calendar days', () => {
  it('the day an instant falls on depends on the zone', () => {
    expect(dayIn(at('2026-11-22T23:30:00Z'), 'UTC')).toBe('2026-11-22');
    expect(dayIn(at('2026-11-22T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-11-23');
    expect(dayIn(at('2026-11-23T07:59:59Z'), 'America/Los_Angeles')).toBe('2026-11-22');
    expect(dayIn(at('2026-11-23T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-11-23');
    expect(dayIn(at('2026-11-22T10:30:00Z'), 'Pacific/Kiritimati')).toBe('2026-11-23'); // UTC+14
  });

  it('counts DST days like any other: midnight to midnight in the zone', () => {
    // Amsterdam's clocks go back at 03:00 CEST on 25 October 2026: a 25-hour day.
    expect(dayIn(at('2026-10-24T21:59:59Z'), 'Europe/Amsterdam')).toBe('2026-10-24');
    expect(dayIn(at('2026-10-24T22:00:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
    expect(dayIn(at('2026-10-25T22:59:59Z'), 'Europe/Amsterdam')).toBe('2026-10-25');
    expect(dayIn(at('2026-10-25T23:00:00Z'), 'Europe/Amsterdam')).toBe('2026-10-26');
  });

  it('adds and counts whole days across months, years and leap days', () => {
    expect(addDays('2026-11-28', 5)).toBe('2026-12-03');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-19', '2026-11-22')).toBe(3);
    expect(daysBetween('2026-11-22', '2026-11-19')).toBe(-3);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
  });
});

describe('day deadlines (follow-ups, retrospectives)', () => {
  it('on time through the whole due day in the zone, overdue from the next day by whole days', () => {
    expect(dayDeadline('2026-11-22', at('2026-11-22T00:00:00Z'), 'UTC')).toEqual({ due: '2026-11-22', today: '2026-11-22', daysLeft: 0 });
    expect(isOverdue(dayDeadline('2026-11-22', at('2026-11-22T23:59:59.999Z'), 'UTC'))).toBe(false);
    const late = dayDeadline('2026-11-22', at('2026-11-23T00:00:00Z'), 'UTC');
    expect([isOverdue(late), daysOverdue(late), dayDeadlineText(late)]).toEqual([true, 1, '1 day overdue']);
    // 23:00 UTC is midnight in Amsterdam: the next day there.
    expect(daysOverdue(dayDeadline('2026-11-22', at('2026-11-22T23:00:00Z'), 'Europe/Amsterdam'))).toBe(1);
    expect(daysOverdue(dayDeadline('2026-11-22', at('2026-11-22T22:59:59Z'), 'Europe/Amsterdam'))).toBe(0);
  });

  it('says where it stands in words', () => {
    const text = (due: string) => dayDeadlineText(dayDeadline(due, at('2026-11-22T12:00:00Z'), 'UTC'));
    expect(['2026-11-19', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-30'].map(text)).toEqual([
      '3 days overdue',
      '1 day overdue',
      'due today',
      'due tomorrow',
      'due in 8 days',
    ]);
  });

  it('a follow-up has one while open or in progress and dated', () => {
    const now = at('2026-11-22T12:00:00Z');
    expect(followUpDeadline({ status: 'open', due: '2026-11-20' }, now, 'UTC')?.daysLeft).toBe(-2);
    expect(followUpDeadline({ status: 'in-progress', due: '2026-11-20' }, now, 'UTC')?.daysLeft).toBe(-2);
    expect(followUpDeadline({ status: 'done', due: '2026-11-20' }, now, 'UTC')).toBeUndefined();
    expect(followUpDeadline({ status: 'wont-do', due: '2026-11-20' }, now, 'UTC')).toBeUndefined();
    expect(followUpDeadline({ status: 'open' }, now, 'UTC')).toBeUndefined();
  });

  it('a retrospective is due the given days after the day of resolution in the zone', () => {
    expect(retrospectiveDueDay(at('2026-11-03T23:30:00Z'), 5, 'UTC')).toBe('2026-11-08');
    expect(retrospectiveDueDay(at('2026-11-03T23:30:00Z'), 5, 'Europe/Amsterdam')).toBe('2026-11-09');
    const facts = { resolved: at('2026-11-03T10:00:00Z'), backfilled: false, reviewStatus: 'draft' };
    const now = at('2026-11-22T12:00:00Z');
    expect(retrospectiveDeadline(facts, 5, now, 'UTC')).toEqual({ due: '2026-11-08', today: '2026-11-22', daysLeft: -14 });
    expect(retrospectiveDeadline({ ...facts, reviewStatus: 'in-review' }, 5, now, 'UTC')?.daysLeft).toBe(-14);
    expect(retrospectiveDeadline({ ...facts, reviewStatus: 'published' }, 5, now, 'UTC')).toBeUndefined();
    expect(retrospectiveDeadline({ ...facts, backfilled: true }, 5, now, 'UTC')).toBeUndefined();
    expect(retrospectiveDeadline({ ...facts, resolved: undefined }, 5, now, 'UTC')).toBeUndefined();
    expect(retrospectiveDeadline({ ...facts, reviewStatus: undefined }, 5, now, 'UTC')).toBeUndefined();
    // keel.yaml retrospectivesFrom: an incident resolved before that day (an imported history) has no deadline.
    expect(retrospectiveDeadline(facts, 5, now, 'UTC', '2026-11-04')).toBeUndefined();
    expect(retrospectiveDeadline(facts, 5, now, 'UTC', '2026-11-03')?.daysLeft).toBe(-14);
  });
});

describe('the next public update of an open incident', () => {
  const cadences: Record<string, Cadence> = {
    normal: { text: '60m', ms: 3_600_000, monitoring: false },
    monitoring: { text: '2h', ms: 7_200_000, monitoring: true },
  };
  const deadlines = { cadenceAfter: (_: unknown, status: string | undefined) => (status === 'monitoring' ? cadences.monitoring! : cadences.normal!) };
  const open = (...updates: [string, string | undefined][]) => ({
    severity: 'SEV2' as const,
    resolved: undefined,
    backfilled: false,
    updates: updates.map(([time, effective], index) => ({ index, at: at(time), effective })),
  });

  it('is due one cadence after the latest update; late by the time since', () => {
    const incident = open(['2026-11-22T10:00:00Z', 'investigating'], ['2026-11-22T10:30:00Z', 'identified']);
    expect(nextUpdateDeadline(incident, deadlines, at('2026-11-22T11:30:00Z'))).toEqual({
      last: { index: 1, at: at('2026-11-22T10:30:00Z'), status: 'identified' },
      cadence: cadences.normal,
      due: at('2026-11-22T11:30:00Z'),
      lateMs: 0,
    });
    expect(nextUpdateDeadline(incident, deadlines, at('2026-11-22T11:30:01Z'))?.lateMs).toBe(1000);
  });

  it('uses the cadence of the status the latest update left in force, and the latest by time', () => {
    const incident = open(['2026-11-22T10:30:00Z', 'monitoring'], ['2026-11-22T09:00:00Z', 'identified']);
    const next = nextUpdateDeadline(incident, deadlines, at('2026-11-22T13:00:00Z'))!;
    expect([next.last.index, next.cadence.text, next.lateMs]).toEqual([0, '2h', 30 * 60_000]);
  });

  it('has none when resolved, backfilled, without updates, or after a "resolved" update', () => {
    const now = at('2026-11-23T00:00:00Z');
    const incident = open(['2026-11-22T10:00:00Z', 'investigating']);
    expect(nextUpdateDeadline({ ...incident, resolved: at('2026-11-22T11:00:00Z') }, deadlines, now)).toBeUndefined();
    expect(nextUpdateDeadline({ ...incident, backfilled: true }, deadlines, now)).toBeUndefined();
    expect(nextUpdateDeadline(open(), deadlines, now)).toBeUndefined();
    expect(nextUpdateDeadline(open(['2026-11-22T10:00:00Z', 'resolved']), deadlines, now)).toBeUndefined();
    expect(nextUpdateDeadline({ ...incident, updates: [{ index: 0, at: undefined, effective: 'investigating' }] }, deadlines, now)).toBeUndefined();
  });
});

describe('runbook reviews', () => {
  it('are due the interval after the start (UTC) of the review day', () => {
    const ninety = 90 * 86_400_000;
    expect(reviewDeadline('2026-08-24', ninety, at('2026-11-22T00:00:00Z'))).toEqual({ due: at('2026-11-22T00:00:00Z'), lateMs: 0 });
    expect(reviewDeadline('2026-08-24', ninety, at('2026-11-23T12:00:00Z')).lateMs).toBe(36 * 3_600_000);
  });
});

describe('lateness in words', () => {
  it('whole days from a day on, else hours and minutes', () => {
    expect([30_000, 60_000, 61 * 60_000, 23.99 * 3_600_000, 86_400_000, 3.9 * 86_400_000].map(lateText)).toEqual([
      '< 1 min',
      '1 min',
      '1 h 1 min',
      '23 h 59 min',
      '1 day',
      '3 days',
    ]);
  });
});
