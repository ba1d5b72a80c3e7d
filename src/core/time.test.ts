import { describe, expect, it } from 'vitest';
import { formatDuration, wallClockIn } from './time.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('wallClockIn', () => {
  it('finds the hour a DST change skips, the hour it repeats, and ordinary times', () => {
    expect(wallClockIn('2026-03-29 02:30:00', 'Europe/Berlin')).toBe('gap');
    expect(wallClockIn('2026-10-25 02:30:00', 'Europe/Berlin')).toBe('overlap');
    expect(wallClockIn('2026-03-29 03:00:00', 'Europe/Berlin')).toBe('exists');
    expect(wallClockIn('2026-01-01 00:00:00', 'Europe/Berlin')).toBe('exists');
    expect(wallClockIn('2026-03-08 02:15:00', 'America/New_York')).toBe('gap');
    expect(wallClockIn('2026-11-01 01:30:00', 'America/New_York')).toBe('overlap');
    expect(wallClockIn('2026-03-29 02:30:00', 'UTC')).toBe('exists');
    // A zone whose clocks change at midnight: the day starts at 01:00.
    expect(wallClockIn('2026-09-06 00:00:00', 'America/Santiago')).toBe('gap');
  });
});

describe('wallClockIn on malformed input', () => {
  it('leaves malformed times and zones to other findings, without throwing', () => {
    expect(wallClockIn('2026-01-01T00:00:00Z', 'Europe/Berlin')).toBe('exists');
    expect(wallClockIn('2026-02-30 00:00:00', 'Europe/Berlin')).toBe('exists');
    expect(wallClockIn('2026-01-01 00:00:00', 'Mars/Olympus')).toBe('exists');
  });
});

describe('formatDuration: the one wording of a span (pages, reports, messages)', () => {
  it('writes days, hours and minutes, leaving out zero parts', () => {
    expect(formatDuration(2 * H + 15 * MIN)).toBe('2 h 15 min');
    expect(formatDuration(45 * MIN)).toBe('45 min');
    expect(formatDuration(3 * H)).toBe('3 h');
    expect(formatDuration(25 * H)).toBe('1 d 1 h');
    expect(formatDuration(24 * H + 5 * MIN)).toBe('1 d 5 min');
    expect(formatDuration(50 * H + 59 * MIN)).toBe('2 d 2 h 59 min');
  });
  it('rounds to the nearest minute', () => {
    expect(formatDuration(2 * H + 14 * MIN + 31_000)).toBe('2 h 15 min');
    expect(formatDuration(2 * H + 14 * MIN + 29_000)).toBe('2 h 14 min');
    expect(formatDuration(59 * MIN + 30_000)).toBe('1 h');
    expect(formatDuration(30_000)).toBe('1 min');
  });
  it('tells zero from a moment', () => {
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(29_999)).toBe('< 1 min');
  });
  it('rejects what is not a duration', () => {
    expect(() => formatDuration(-1)).toThrow(RangeError);
    expect(() => formatDuration(Number.NaN)).toThrow(RangeError);
  });
});
