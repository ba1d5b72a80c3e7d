/**
 * Where an incident stands, as the incident index shows and filters it: its status (active,
 * mitigated, resolved at "now") and its retrospective's state (draft, in review, published, or
 * overdue: not published after its due day, src/domain/incidents/deadlines.ts).
 */
import { isOverdue, retrospectiveDeadline, type DayDeadline, type Deadlines, type RetrospectiveFacts } from './deadlines.ts';
import type { Severity } from '../../schemas/common.ts';

export type IncidentStatus = 'active' | 'mitigated' | 'resolved';

/** Active until customer impact stops (mitigated), mitigated until it is resolved; a time after now has not happened yet. */
export function incidentStatus(times: { mitigated: number | undefined; resolved: number | undefined }, now: number): IncidentStatus {
  if (times.resolved !== undefined && times.resolved <= now) return 'resolved';
  if (times.mitigated !== undefined && times.mitigated <= now) return 'mitigated';
  return 'active';
}

export type RetrospectiveState = 'draft' | 'in-review' | 'published' | 'overdue';

export const RETROSPECTIVE_STATE_LABELS: Readonly<Record<RetrospectiveState, string>> = {
  draft: 'draft',
  'in-review': 'in review',
  published: 'published',
  overdue: 'overdue',
};

export interface RetrospectiveStanding {
  readonly state: RetrospectiveState;
  /** The due day of a retrospective still to publish (none while open, once published, or backfilled). */
  readonly deadline: DayDeadline | undefined;
}

/** The retrospective's state: overdue once past its due day unpublished, else its review status. */
export function retrospectiveStanding(
  facts: RetrospectiveFacts & { severity: Severity; reviewStatus: 'draft' | 'in-review' | 'published' },
  deadlines: Pick<Deadlines, 'retrospectiveDueDays' | 'retrospectivesFrom' | 'zone'>,
  now: number,
): RetrospectiveStanding {
  // A resolution after now has not happened yet: no retrospective is due.
  const resolved = facts.resolved !== undefined && facts.resolved <= now ? facts.resolved : undefined;
  const deadline = retrospectiveDeadline(
    { ...facts, resolved },
    deadlines.retrospectiveDueDays(facts.severity),
    now,
    deadlines.zone,
    deadlines.retrospectivesFrom,
  );
  return { state: deadline !== undefined && isOverdue(deadline) ? 'overdue' : facts.reviewStatus, deadline };
}
