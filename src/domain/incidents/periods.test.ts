/** Period bounds in the portal's zone: calendar days, quarters and years at the zone's midnight, across DST. */
import { describe, expect, it } from 'vitest';
import { inPeriod, period, periods } from './periods.ts';

const at = Date.parse;
const AMS = 'Europe/Amsterdam';

describe('periods', () => {
  const now = at('2026-11-22T12:00:00Z');

  it('the last 90 days are the 90 calendar days ending today, from midnight in the zone', () => {
    const p = period('last-90-days', now, AMS);
    expect([p.firstDay, p.lastDay]).toEqual(['2026-08-25', '2026-11-22']);
    expect(p.from).toBe(at('2026-08-25T00:00:00+02:00'));
    expect(p.to).toBe(now);
    expect(p.months).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
  });

  it('quarters and the year start at midnight in the zone (CET in winter, CEST in summer)', () => {
    const [, thisQuarter, lastQuarter, thisYear] = periods(now, AMS);
    expect(thisQuarter).toMatchObject({ from: at('2026-10-01T00:00:00+02:00'), to: now, firstDay: '2026-10-01', lastDay: '2026-11-22' });
    expect(lastQuarter).toMatchObject({ from: at('2026-07-01T00:00:00+02:00'), to: at('2026-10-01T00:00:00+02:00'), lastDay: '2026-09-30' });
    expect(lastQuarter!.months).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(thisYear).toMatchObject({ from: at('2026-01-01T00:00:00+01:00'), firstDay: '2026-01-01' });
    expect(thisYear!.months).toHaveLength(11);
  });

  it('the zone decides which quarter an instant is in', () => {
    const newYearInTokyo = at('2026-12-31T16:00:00Z'); // 1 Jan 2027 01:00 in Tokyo, still 2026 in UTC
    expect(period('this-quarter', newYearInTokyo, 'Asia/Tokyo').firstDay).toBe('2027-01-01');
    expect(period('this-quarter', newYearInTokyo, 'UTC').firstDay).toBe('2026-10-01');
    expect(period('last-quarter', newYearInTokyo, 'Asia/Tokyo')).toMatchObject({ firstDay: '2026-10-01', lastDay: '2026-12-31' });
  });

  it('an incident belongs to the period its start falls in: from inclusive, to exclusive', () => {
    const q = period('last-quarter', now, AMS);
    expect(inPeriod(q.from, q)).toBe(true);
    expect(inPeriod(q.to, q)).toBe(false);
    expect(inPeriod(q.from - 1, q)).toBe(false);
  });
});
