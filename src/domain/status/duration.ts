/** Incident durations and their human wording. */
import type { IncidentInput } from './levels.ts';

/** True while the incident has no resolution time. */
export function isOpen(incident: IncidentInput): boolean {
  return incident.resolved === undefined;
}

/**
 * How long the incident lasted: started → resolved, or started → `now` while it is open.
 * Never negative (an incident that starts after `now` has lasted 0 so far).
 */
export function incidentDuration(incident: IncidentInput, now: number): number {
  return Math.max(0, (incident.resolved ?? now) - incident.started);
}

/** Incident durations are worded as every span is (core/time.ts). */
export { formatDuration } from '../../core/time.ts';
