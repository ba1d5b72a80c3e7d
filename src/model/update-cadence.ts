/** The public-update cadences keel.yaml sets: per severity, and a longer one while monitoring. */
import type { Settings } from '../schemas/settings.ts';
import type { Incident } from '../schemas/incident.ts';

/** An incident's severity, or undefined where the front matter has none valid. */
type IncidentSeverity = Incident['severity'] | undefined;

export interface Cadence {
  /** The duration as written in keel.yaml, e.g. 30m. */
  text: string;
  ms: number;
  monitoring: boolean;
}

const DEFAULT = '60m';
const DEFAULT_MONITORING = '2h';

/** The cadence of an incident of this severity (not monitoring). */
export function severityCadence(settings: Settings | undefined, severity: IncidentSeverity, durationMs: (d: string) => number): Cadence {
  const text = (severity && settings?.severities[severity].publicUpdateCadence) ?? settings?.publicUpdateCadence ?? DEFAULT;
  return { text, ms: durationMs(text), monitoring: false };
}

/** The cadence in force after an update with this status: the monitoring one while monitoring. */
export function cadenceAfter(
  settings: Settings | undefined,
  severity: IncidentSeverity,
  status: string | undefined,
  durationMs: (d: string) => number,
): Cadence {
  if (status === 'monitoring') {
    const text = settings?.monitoringUpdateCadence ?? DEFAULT_MONITORING;
    return { text, ms: durationMs(text), monitoring: true };
  }
  return severityCadence(settings, severity, durationMs);
}
