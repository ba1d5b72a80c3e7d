/**
 * The key-duration targets keel.yaml sets per severity (severities.<SEV>.timeToAction, Keel's
 * default where keel.yaml is absent or invalid), for ../domain/incidents/key-times.ts.
 */
import { durationMs } from '../core/time.ts';
import type { KeyDurationTargets } from '../domain/incidents/key-times.ts';
import type { Severity } from '../schemas/common.ts';
import { SEVERITY_DEFAULTS, type Settings } from '../schemas/settings.ts';

/** The targets for an incident of each severity. */
export function keyDurationTargetsOf(settings: Settings | undefined): (severity: Severity) => KeyDurationTargets {
  return (severity) => {
    const text = settings?.severities[severity].timeToAction ?? SEVERITY_DEFAULTS[severity].timeToAction;
    return { action: { text, ms: durationMs(text) } };
  };
}
