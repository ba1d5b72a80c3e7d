import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import { resolutionMs } from './series.ts';
import { evaluationInstant, formatDurationMs, timeSliceMs, windowAt, windowCursor, windowSpecOf } from './windows.ts';

const iso = (s: string) => Date.parse(s);

describe('rolling windows', () => {
  it('is (asOf − duration, asOf], with M = 30 d, Q = 90 d, Y = 365 d', () => {
    const at = iso('2026-03-10T12:00:00Z');
    expect(windowAt(windowSpecOf('28d', true), at)).toEqual({ from: at - 28 * DAY_MS, to: at });
    expect(windowSpecOf('1M', true).nominalMs).toBe(30 * DAY_MS);
    expect(windowSpecOf('1Q', true).nominalMs).toBe(90 * DAY_MS);
    expect(windowSpecOf('1Y', true).nominalMs).toBe(365 * DAY_MS);
    expect(windowSpecOf('2w', true).nominalMs).toBe(14 * DAY_MS);
  });
});

describe('calendar windows', () => {
  it('follows a month across the spring DST change in Europe/Berlin (31 days less an hour)', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'Europe/Berlin' });
    const w = windowAt(spec, iso('2026-03-15T12:00:00Z'));
    expect(w).toEqual({ from: iso('2026-02-28T23:00:00Z'), to: iso('2026-03-31T22:00:00Z') });
    expect(w.to - w.from).toBe(31 * DAY_MS - HOUR_MS);
  });

  it('follows a month across the autumn DST change in America/New_York (30 days and an hour)', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'America/New_York' });
    const w = windowAt(spec, iso('2026-11-20T00:00:00Z'));
    expect(w).toEqual({ from: iso('2026-11-01T04:00:00Z'), to: iso('2026-12-01T05:00:00Z') });
    expect(w.to - w.from).toBe(30 * DAY_MS + HOUR_MS);
  });

  it('puts the instant a period starts in the previous period (rows count the interval ending at them)', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' });
    expect(windowAt(spec, iso('2026-02-01T00:00:00Z'))).toEqual({ from: iso('2026-01-01T00:00:00Z'), to: iso('2026-02-01T00:00:00Z') });
    expect(windowAt(spec, iso('2026-02-01T00:00:01Z')).from).toBe(iso('2026-02-01T00:00:00Z'));
  });

  it('counts weeks, quarters and multiples from the start time, also before it', () => {
    const week = windowSpecOf('1w', false, { startTime: '2026-01-05 00:00:00', timeZone: 'Europe/Amsterdam' });
    // Wednesday 2026-04-01 is in the week starting Monday 2026-03-30 (CEST, +02:00).
    expect(windowAt(week, iso('2026-04-01T10:00:00Z'))).toEqual({ from: iso('2026-03-29T22:00:00Z'), to: iso('2026-04-05T22:00:00Z') });
    const quarter = windowSpecOf('1Q', false, { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' });
    expect(windowAt(quarter, iso('2026-05-05T00:00:00Z'))).toEqual({ from: iso('2026-04-01T00:00:00Z'), to: iso('2026-07-01T00:00:00Z') });
    const twoMonths = windowSpecOf('2M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' });
    expect(windowAt(twoMonths, iso('2026-04-15T00:00:00Z'))).toEqual({ from: iso('2026-03-01T00:00:00Z'), to: iso('2026-05-01T00:00:00Z') });
    expect(windowAt(twoMonths, iso('2025-12-15T00:00:00Z'))).toEqual({ from: iso('2025-11-01T00:00:00Z'), to: iso('2026-01-01T00:00:00Z') });
  });

  it('does not drift from a month-end start (Jan 31, Feb 28, Mar 31)', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-31 00:00:00', timeZone: 'UTC' });
    expect(windowAt(spec, iso('2026-03-15T00:00:00Z'))).toEqual({ from: iso('2026-02-28T00:00:00Z'), to: iso('2026-03-31T00:00:00Z') });
  });

  it('gives the same periods through the cursor, forwards and backwards', () => {
    const spec = windowSpecOf('1M', false, { startTime: '2026-01-01 00:00:00', timeZone: 'Europe/Berlin' });
    const cursor = windowCursor(spec);
    for (const s of ['2026-01-10T00:00:00Z', '2026-03-31T22:00:00Z', '2026-03-31T22:00:01Z', '2026-10-30T00:00:00Z', '2026-02-01T00:00:00Z']) {
      expect(cursor(iso(s))).toEqual(windowAt(spec, iso(s)));
    }
  });
});

describe('evaluation instant', () => {
  const time = [iso('2026-01-01T01:00:00Z'), iso('2026-01-01T02:00:00Z')];
  it('is the last measurement when now is later, stale beyond staleAfter', () => {
    expect(evaluationInstant(iso('2026-01-01T03:00:00Z'), time)).toEqual({ asOf: time[1], stale: false, lastMeasurement: time[1] });
    expect(evaluationInstant(iso('2026-01-01T04:00:01Z'), time).stale).toBe(true);
    expect(evaluationInstant(iso('2026-01-01T04:00:01Z'), time, 3 * HOUR_MS).stale).toBe(false);
  });
  it('is now when measurements run ahead of it, and stale without measurements', () => {
    expect(evaluationInstant(iso('2026-01-01T01:30:00Z'), time)).toEqual({ asOf: iso('2026-01-01T01:30:00Z'), stale: false, lastMeasurement: time[0] });
    expect(evaluationInstant(5, [])).toEqual({ asOf: 5, stale: true, lastMeasurement: null });
  });
});

describe('slices, durations and resolution', () => {
  it('reads a numeric timeSliceWindow as minutes (OpenSLO), a string as shorthand', () => {
    expect(timeSliceMs(5)).toBe(5 * MINUTE_MS);
    expect(timeSliceMs(60)).toBe(HOUR_MS);
    expect(timeSliceMs('1h')).toBe(HOUR_MS);
  });
  it('formats lengths in their largest whole unit', () => {
    expect([formatDurationMs(HOUR_MS), formatDurationMs(90 * MINUTE_MS), formatDurationMs(3 * DAY_MS), formatDurationMs(1500)]).toEqual([
      '1h',
      '90m',
      '3d',
      '1500ms',
    ]);
  });
  it('takes the most common gap as the resolution', () => {
    expect(resolutionMs([0, 10, 20, 30, 100, 110])).toBe(10);
    expect(resolutionMs([0, 10, 30])).toBe(10);
    expect(resolutionMs([0])).toBeUndefined();
  });
});
