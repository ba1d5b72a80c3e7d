import { describe, expect, it } from 'vitest';
import { formatDuration, incidentDuration, isOpen } from './duration.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('incidentDuration', () => {
  const started = Date.parse('2026-05-10T10:00:00Z');
  it('runs from start to resolution', () => {
    const incident = { id: 'i1', impact: [], started, resolved: started + 2 * H + 15 * MIN };
    expect(isOpen(incident)).toBe(false);
    expect(incidentDuration(incident, started + 100 * H)).toBe(2 * H + 15 * MIN);
  });
  it('runs to now while open, and is never negative', () => {
    const incident = { id: 'i1', impact: [], started };
    expect(isOpen(incident)).toBe(true);
    expect(incidentDuration(incident, started + 45 * MIN)).toBe(45 * MIN);
    expect(incidentDuration(incident, started - H)).toBe(0);
  });
});

describe('formatDuration', () => {
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
