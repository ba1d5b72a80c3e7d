import { describe, expect, it } from 'vitest';
import { incidentDuration, isOpen } from './duration.ts';

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
