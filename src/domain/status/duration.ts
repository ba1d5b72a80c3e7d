/** Incident durations and their human wording. */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
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

/**
 * A duration in words, to the nearest minute: "2 h 15 min", "1 d 3 h", "45 min", "0 min";
 * a positive duration that rounds to zero is "< 1 min". Zero parts are left out; days are
 * 24 hours (this is elapsed time, not calendar days).
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`not a duration: ${ms}`);
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes === 0) return ms > 0 ? '< 1 min' : '0 min';
  const days = Math.floor(minutes / (DAY_MS / MINUTE_MS));
  const hours = Math.floor((minutes % (DAY_MS / MINUTE_MS)) / (HOUR_MS / MINUTE_MS));
  const rest = minutes % (HOUR_MS / MINUTE_MS);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (rest > 0) parts.push(`${rest} min`);
  return parts.join(' ');
}
