/**
 * The deadlines keel.yaml sets, resolved once for the time-based rules and for `keel report`:
 * the portal's zone, the public-update cadences (./update-cadence.ts), the retrospective due days
 * per severity and the runbook review interval, each with Keel's default when keel.yaml is absent
 * or invalid (its own finding).
 */
import { durationMs } from '../core/time.ts';
import type { Deadlines } from '../domain/incidents/deadlines.ts';
import { SEVERITY_DEFAULTS, type Settings } from '../schemas/settings.ts';
import { cadenceAfter } from './update-cadence.ts';

const DEFAULT_REVIEW_INTERVAL = '90d';

export function deadlinesOf(settings: Settings | undefined): Deadlines {
  const interval = settings?.runbookReviewInterval ?? DEFAULT_REVIEW_INTERVAL;
  return {
    zone: settings?.timeZone ?? 'UTC',
    cadenceAfter: (severity, status) => cadenceAfter(settings, severity, status, durationMs),
    retrospectiveDueDays: (severity) => settings?.severities[severity].retrospectiveDueDays ?? SEVERITY_DEFAULTS[severity].retrospectiveDueDays,
    runbookReviewInterval: { text: interval, ms: durationMs(interval) },
    retrospectivesFrom: settings?.retrospectivesFrom,
  };
}
