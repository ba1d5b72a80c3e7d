import { describe, expect, it } from 'vitest';
import { wallClockIn } from './time.ts';

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
