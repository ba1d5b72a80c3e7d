import { describe, expect, it } from 'vitest';
import { zoneAbbreviation } from '../../core/time.ts';
import { formatUptime, monthOf, showDate, showDuration, showEnd, showMonth, showTime } from './time.ts';

const at = (text: string) => Date.parse(text);

describe('showTime', () => {
  it('writes the time in the zone, with the zone named, and the RFC 3339 value with its offset', () => {
    expect(showTime(at('2026-11-22T07:20:00Z'), 'Europe/Amsterdam')).toEqual({ datetime: '2026-11-22T08:20:00+01:00', text: '22 Nov 2026, 08:20 CET' });
    expect(showTime(at('2026-10-14T09:58:00Z'), 'Europe/Amsterdam')).toEqual({ datetime: '2026-10-14T11:58:00+02:00', text: '14 Oct 2026, 11:58 CEST' });
    expect(showTime(at('2026-01-05T23:05:00Z'), 'UTC')).toEqual({ datetime: '2026-01-05T23:05:00Z', text: '5 Jan 2026, 23:05 UTC' });
  });

  it('moves to the zone’s calendar day', () => {
    expect(showTime(at('2026-09-30T23:30:00Z'), 'Europe/Amsterdam').text).toBe('1 Oct 2026, 01:30 CEST');
    expect(showTime(at('2026-09-01T03:00:00Z'), 'America/New_York').text).toBe('31 Aug 2026, 23:00 EDT');
  });

  it('names the zone on both sides of a DST change', () => {
    expect(showTime(at('2026-03-29T00:59:00Z'), 'Europe/Amsterdam').text).toBe('29 Mar 2026, 01:59 CET');
    expect(showTime(at('2026-03-29T01:00:00Z'), 'Europe/Amsterdam').text).toBe('29 Mar 2026, 03:00 CEST');
    expect(showTime(at('2026-10-25T00:30:00Z'), 'Europe/Amsterdam').text).toBe('25 Oct 2026, 02:30 CEST');
    expect(showTime(at('2026-10-25T01:30:00Z'), 'Europe/Amsterdam').text).toBe('25 Oct 2026, 02:30 CET');
  });
});

describe('zoneAbbreviation', () => {
  it('uses the English abbreviation where there is one, else the offset from UTC', () => {
    const winter = at('2026-01-15T12:00:00Z');
    const summer = at('2026-07-15T12:00:00Z');
    expect([zoneAbbreviation(winter, 'Europe/London'), zoneAbbreviation(summer, 'Europe/London')]).toEqual(['GMT', 'BST']);
    expect([zoneAbbreviation(winter, 'America/Los_Angeles'), zoneAbbreviation(summer, 'America/Los_Angeles')]).toEqual(['PST', 'PDT']);
    expect(zoneAbbreviation(winter, 'Asia/Kolkata')).toBe('UTC+5:30');
    expect(zoneAbbreviation(winter, 'Asia/Tokyo')).toBe('UTC+9');
    expect(zoneAbbreviation(winter, 'America/Sao_Paulo')).toBe('UTC-3');
    expect(zoneAbbreviation(winter, 'Etc/UTC')).toBe('UTC');
  });
});

describe('showEnd', () => {
  it('writes only the time when the range ends on the day it started, in the zone', () => {
    const from = at('2026-10-14T09:58:00Z');
    expect(showEnd(at('2026-10-14T11:41:00Z'), from, 'Europe/Amsterdam')).toEqual({ datetime: '2026-10-14T13:41:00+02:00', text: '13:41 CEST' });
    // 22:30 UTC is already the 15th in Amsterdam.
    expect(showEnd(at('2026-10-14T22:30:00Z'), from, 'Europe/Amsterdam').text).toBe('15 Oct 2026, 00:30 CEST');
  });
});

describe('days, months and durations', () => {
  it('writes calendar days and months with fixed English names', () => {
    expect(showDate('2026-09-01')).toEqual({ datetime: '2026-09-01', text: '1 Sep 2026' });
    expect(showMonth('2026-09')).toEqual({ datetime: '2026-09', text: 'September 2026' });
    expect(monthOf(at('2026-10-31T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-11');
    expect(monthOf(at('2026-10-31T23:30:00Z'), 'UTC')).toBe('2026-10');
  });

  it('writes a duration in words and as an ISO 8601 duration', () => {
    expect(showDuration(103 * 60_000)).toEqual({ datetime: 'PT1H43M', text: '1 h 43 min' });
    expect(showDuration(2 * 86_400_000 + 5 * 60_000)).toEqual({ datetime: 'P2DT5M', text: '2 d 5 min' });
    expect(showDuration(86_400_000)).toEqual({ datetime: 'P1D', text: '1 d' });
    expect(showDuration(0)).toEqual({ datetime: 'PT0M', text: '0 min' });
  });
});

describe('formatUptime', () => {
  it('says 100% only without downtime, else two decimals rounded down', () => {
    expect(formatUptime(1)).toBe('100%');
    expect(formatUptime(0.99999)).toBe('99.99%');
    expect(formatUptime(1 - 103 / 1440)).toBe('92.84%');
    expect(formatUptime(0.9985)).toBe('99.85%');
    expect(formatUptime(0)).toBe('0.00%');
    expect(formatUptime(null)).toBe('No data');
  });
});
