/**
 * What is late at "now", and by how much: the deadlines that the time-based rules
 * (incident/stale-update, incident/retrospective-overdue, incident/follow-up-overdue,
 * runbook/stale) and `keel report followups|retrospectives|stale` share. Pure functions of the
 * facts, the deadlines keel.yaml sets (`Deadlines`) and the run's now.
 *
 * Two kinds of deadline:
 * - **a calendar day** (a follow-up's `due`; a retrospective's due day): on time through the
 *   whole of that day in the portal's time zone, overdue from the next day on, by whole days;
 * - **an instant** (the next public update of an open incident; a runbook's next review): late
 *   once now is past it, by the time since.
 */
import { DAY_MS, formatDuration, MINUTE_MS, utcMidnight } from '../../core/time.ts';
import type { Severity } from '../../schemas/common.ts';
import { addDays, dayIn, daysBetween } from './calendar.ts';

/** A public-update cadence: as written in keel.yaml (`30m`), in milliseconds, and whether it is the monitoring one. */
export interface Cadence {
  text: string;
  ms: number;
  monitoring: boolean;
}

/** The deadlines keel.yaml sets, resolved (src/rules/deadlines.ts builds them from the settings). */
export interface Deadlines {
  /** IANA zone whose calendar days the day deadlines count in (keel.yaml timeZone). */
  zone: string;
  /** The cadence in force after a public update with this status (the monitoring one while monitoring). */
  cadenceAfter(severity: Severity | undefined, status: string | undefined): Cadence;
  /** severities.<SEV>.retrospectiveDueDays. */
  retrospectiveDueDays(severity: Severity): number;
  /** runbookReviewInterval. */
  runbookReviewInterval: { text: string; ms: number };
  /** retrospectivesFrom: incidents resolved on an earlier day (in `zone`) have no retrospective deadline. */
  retrospectivesFrom?: string | undefined;
}

/** A deadline that is a calendar day in the portal's zone. */
export interface DayDeadline {
  /** The last day that is on time. */
  due: string;
  /** The day holding now, in the portal's zone. */
  today: string;
  /** Days from today to the due day: 0 when due today, negative when overdue (−3: three days overdue). */
  daysLeft: number;
}

/** The deadline of a calendar day `due`, seen at `now` in `zone`. */
export function dayDeadline(due: string, now: number, zone: string): DayDeadline {
  const today = dayIn(now, zone);
  return { due, today, daysLeft: daysBetween(today, due) };
}

export const isOverdue = (deadline: DayDeadline): boolean => deadline.daysLeft < 0;

/** Days overdue: 0 while on time. */
export const daysOverdue = (deadline: DayDeadline): number => Math.max(0, -deadline.daysLeft);

/** Follow-up statuses that still need work. */
const OPEN_STATUSES: ReadonlySet<string> = new Set(['open', 'in-progress']);

/** Whether a follow-up still needs work (open or in progress). */
export const isOpenFollowUp = (followUp: { status: string }): boolean => OPEN_STATUSES.has(followUp.status);

/** An open follow-up's deadline: undefined when it is done, won't be done, or has no due date. */
export function followUpDeadline(followUp: { status: string; due?: string | undefined }, now: number, zone: string): DayDeadline | undefined {
  if (!isOpenFollowUp(followUp) || followUp.due === undefined) return undefined;
  return dayDeadline(followUp.due, now, zone);
}

/**
 * The day a retrospective is due: `dueDays` calendar days after the day the incident was
 * resolved, both in the portal's zone (resolved on 3 Nov at 23:30 with 5 days: due 8 Nov, late on 9 Nov).
 */
export function retrospectiveDueDay(resolved: number, dueDays: number, zone: string): string {
  return addDays(dayIn(resolved, zone), dueDays);
}

export interface RetrospectiveFacts {
  /** The resolved instant; undefined while the incident is open (no retrospective is due yet). */
  resolved: number | undefined;
  backfilled: boolean;
  /** review.status; undefined when it is unknown (malformed), which checks nothing. */
  reviewStatus: string | undefined;
}

/**
 * The deadline of a retrospective still to publish: undefined when the incident is open, its
 * retrospective is published (or its status unknown), or it is backfilled — declared after the
 * fact, its deadline counted from the resolution may have passed before anyone knew of it.
 */
export function retrospectiveDeadline(facts: RetrospectiveFacts, dueDays: number, now: number, zone: string, from?: string): DayDeadline | undefined {
  if (facts.resolved === undefined || facts.backfilled || facts.reviewStatus === undefined || facts.reviewStatus === 'published') return undefined;
  if (!retrospectiveOwed(facts.resolved, zone, from)) return undefined;
  return dayDeadline(retrospectiveDueDay(facts.resolved, dueDays, zone), now, zone);
}

/**
 * Whether an incident resolved at `resolved` owes a retrospective: keel.yaml's retrospectivesFrom
 * (a day in `zone`) exempts those resolved before it. The deadline above and the KPIs' completion
 * (published of owed) both ask this.
 */
export const retrospectiveOwed = (resolved: number, zone: string, from: string | undefined): boolean => from === undefined || dayIn(resolved, zone) >= from;

export interface UpdateFacts {
  /** Position in the list of updates, from 0. */
  index: number;
  /** When it was posted; undefined when malformed (it is skipped). */
  at: number | undefined;
  /** The status in force after it (its own, else the one before). */
  effective: string | undefined;
}

export interface OpenIncidentFacts {
  severity: Severity | undefined;
  resolved: number | undefined;
  backfilled: boolean;
  updates: readonly UpdateFacts[];
}

/** When the next public update of an open incident is due, and how late it is at now. */
export interface UpdateDeadline {
  /** The latest update: its index, time and the status it left in force. */
  last: { index: number; at: number; status: string | undefined };
  cadence: Cadence;
  /** last.at + cadence. */
  due: number;
  /** now − due: positive when the next update is late. */
  lateMs: number;
}

/**
 * The next public update of an open incident: due one cadence after the latest update (the
 * cadence of the status that update left in force). Undefined when there is nothing to post:
 * the incident is resolved, backfilled, has no public update, or its latest update already said
 * "resolved" (incident/last-update reports the missing resolved time).
 */
export function nextUpdateDeadline(incident: OpenIncidentFacts, deadlines: Pick<Deadlines, 'cadenceAfter'>, now: number): UpdateDeadline | undefined {
  if (incident.resolved !== undefined || incident.backfilled) return undefined;
  let last: UpdateDeadline['last'] | undefined;
  for (const update of incident.updates) {
    if (update.at !== undefined && (last === undefined || update.at >= last.at)) last = { index: update.index, at: update.at, status: update.effective };
  }
  if (last === undefined || last.status === 'resolved') return undefined;
  const cadence = deadlines.cadenceAfter(incident.severity, last.status);
  const due = last.at + cadence.ms;
  return { last, cadence, due, lateMs: now - due };
}

/** The gap before one public update, against the cadence in force after the update before it. */
export interface UpdateGap {
  /** The later update's position in the list of updates. */
  index: number;
  gapMs: number;
  cadence: Cadence;
  /** Longer than the cadence. */
  late: boolean;
}

/**
 * The gaps between consecutive public updates that the cadence holds (incident/update-cadence
 * reports the late ones; the KPI pages count the share on time): none on a backfilled incident;
 * an update without a valid time is skipped; a gap that starts at or after the resolution, or
 * runs backwards (incident/update-order's finding), is not held to a cadence.
 */
export function updateGaps(
  incident: Pick<OpenIncidentFacts, 'severity' | 'resolved' | 'backfilled' | 'updates'>,
  deadlines: Pick<Deadlines, 'cadenceAfter'>,
): UpdateGap[] {
  if (incident.backfilled) return [];
  const gaps: UpdateGap[] = [];
  let previous: { at: number; status: string | undefined } | undefined;
  for (const update of incident.updates) {
    if (update.at === undefined) continue;
    if (previous && update.at >= previous.at && (incident.resolved === undefined || previous.at < incident.resolved)) {
      // The gap after an update is held to the cadence of the status it left in force.
      const cadence = deadlines.cadenceAfter(incident.severity, previous.status);
      const gapMs = update.at - previous.at;
      gaps.push({ index: update.index, gapMs, cadence, late: gapMs > cadence.ms });
    }
    previous = { at: update.at, status: update.effective };
  }
  return gaps;
}

/** A runbook's next review: due `interval` after the start (UTC) of the day it was last reviewed. */
export interface ReviewDeadline {
  due: number;
  /** now − due: positive when the review is late. */
  lateMs: number;
}

export function reviewDeadline(lastReviewed: string, intervalMs: number, now: number): ReviewDeadline {
  const due = utcMidnight(lastReviewed) + intervalMs;
  return { due, lateMs: now - due };
}

/** "1 day", "3 days". */
export const daysText = (days: number): string => `${days} ${Math.abs(days) === 1 ? 'day' : 'days'}`;

/** How late, in words: whole days from a day on ("3 days"), else hours and minutes ("2 h 5 min", "< 1 min"). */
export function lateText(ms: number): string {
  if (ms >= DAY_MS) return daysText(Math.floor(ms / DAY_MS));
  return ms < MINUTE_MS ? '< 1 min' : formatDuration(ms);
}

/** A day deadline in words: "3 days overdue", "due today", "due tomorrow", "due in 5 days". */
export function dayDeadlineText(deadline: DayDeadline): string {
  if (deadline.daysLeft < 0) return `${daysText(-deadline.daysLeft)} overdue`;
  if (deadline.daysLeft === 0) return 'due today';
  if (deadline.daysLeft === 1) return 'due tomorrow';
  return `due in ${daysText(deadline.daysLeft)}`;
}
