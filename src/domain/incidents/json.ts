/**
 * `keel report followups|retrospectives|stale --format json`: the reports as plain JSON values
 * with a stable shape (the README documents it). Instants are RFC 3339 in UTC, days
 * `YYYY-MM-DD` in the portal's zone, durations in whole minutes; an absent value is null, never
 * a missing key, so every object of a kind has the same keys in the same order.
 */
import type { FollowUpAgenda, RetrospectiveAgenda, StaleAgenda } from './agenda.ts';

/** RFC 3339 in UTC, to the second: "2026-11-22T12:00:00Z". */
const utc = (at: number): string => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
const minutes = (ms: number): number => Math.floor(ms / 60_000);

export function followUpsJson(agenda: FollowUpAgenda): unknown {
  return {
    report: 'followups',
    now: utc(agenda.now),
    timeZone: agenda.zone,
    today: agenda.today,
    dueWithinDays: agenda.dueWithinDays,
    counts: agenda.counts,
    owners: agenda.owners.map((group) => ({
      owner: group.owner ?? null,
      followUps: group.items.map(({ incident, followUp, deadline, state }) => ({
        incident: incident.id,
        incidentTitle: incident.title,
        id: followUp.id,
        title: followUp.title,
        status: followUp.status,
        priority: followUp.priority ?? null,
        type: followUp.type,
        due: followUp.due ?? null,
        daysLeft: deadline?.daysLeft ?? null,
        state,
        url: followUp.url ?? null,
      })),
    })),
  };
}

export function retrospectivesJson(agenda: RetrospectiveAgenda): unknown {
  return {
    report: 'retrospectives',
    now: utc(agenda.now),
    timeZone: agenda.zone,
    today: agenda.today,
    dueWithinDays: agenda.dueWithinDays,
    counts: agenda.counts,
    retrospectives: agenda.retrospectives.map((r) => ({
      incident: r.incident.id,
      title: r.incident.title,
      severity: r.incident.severity,
      resolved: utc(r.resolved),
      dueDays: r.dueDays,
      due: r.deadline.due,
      daysLeft: r.deadline.daysLeft,
      state: r.state,
      reviewStatus: r.reviewStatus,
    })),
  };
}

export function staleJson(agenda: StaleAgenda): unknown {
  return {
    report: 'stale',
    now: utc(agenda.now),
    timeZone: agenda.zone,
    runbookReviewInterval: agenda.runbookReviewInterval,
    runbooks: agenda.runbooks.map(({ runbook, review }) => ({
      runbook: runbook.id,
      title: runbook.title,
      owner: runbook.owner,
      lastReviewed: runbook.lastReviewed,
      reviewDue: utc(review.due),
      overdueMinutes: minutes(review.lateMs),
    })),
    incidents: agenda.incidents.map(({ incident, next }) => ({
      incident: incident.id,
      title: incident.title,
      severity: incident.severity,
      lastUpdate: utc(next.last.at),
      status: next.last.status ?? null,
      cadence: next.cadence.text,
      monitoring: next.cadence.monitoring,
      nextUpdateDue: utc(next.due),
      overdueMinutes: minutes(next.lateMs),
    })),
  };
}
