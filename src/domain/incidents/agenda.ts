/**
 * What `keel report followups|retrospectives|stale` lists, computed from plain records with the
 * deadlines of ./deadlines.ts (the same the time-based rules use): open follow-ups by owner,
 * retrospectives past due or due soon, runbooks past their review and open incidents whose next
 * public update is late. ./format.ts prints these models; ./json.ts writes them as JSON.
 */
import { instantOf } from '../../core/time.ts';
import type { Severity } from '../../schemas/common.ts';
import type { Incident } from '../../schemas/incident.ts';
import {
  type DayDeadline,
  type Deadlines,
  followUpDeadline,
  isOpenFollowUp,
  nextUpdateDeadline,
  retrospectiveDeadline,
  reviewDeadline,
  type ReviewDeadline,
  type UpdateDeadline,
  type UpdateFacts,
} from './deadlines.ts';
import { dayIn } from './calendar.ts';

export type FollowUp = Incident['followUps'][number];
export type ReviewStatus = Incident['review']['status'];

/** An incident as the reports read it: instants, and the status in force after each update. */
export interface IncidentRecord {
  id: string;
  title: string;
  severity: Severity;
  /** Who owns the retrospective: the incident commander, where named. */
  owner?: string | undefined;
  resolved: number | undefined;
  backfilled: boolean;
  reviewStatus: ReviewStatus;
  updates: readonly UpdateFacts[];
  followUps: readonly FollowUp[];
}

export interface RunbookRecord {
  id: string;
  title: string;
  owner: string;
  lastReviewed: string;
}

export interface AgendaOptions {
  now: number;
  deadlines: Deadlines;
  /** "Due soon": due today or within this many days. */
  dueWithinDays: number;
}

/** Where a day deadline stands: past, within the due-soon days, later, or absent. */
export type DueState = 'overdue' | 'due-soon' | 'later' | 'no-due-date';

export function dueState(deadline: DayDeadline | undefined, dueWithinDays: number): DueState {
  if (deadline === undefined) return 'no-due-date';
  if (deadline.daysLeft < 0) return 'overdue';
  return deadline.daysLeft <= dueWithinDays ? 'due-soon' : 'later';
}

interface AgendaHead {
  now: number;
  zone: string;
  /** The day holding now in the zone. */
  today: string;
  dueWithinDays: number;
}

const head = ({ now, deadlines, dueWithinDays }: AgendaOptions): AgendaHead => ({
  now,
  zone: deadlines.zone,
  today: dayIn(now, deadlines.zone),
  dueWithinDays,
});

/** Text order, the same on every machine (no locale). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// ---------------------------------------------------------------------------------------------
// Follow-ups

export interface FollowUpItem {
  incident: { id: string; title: string };
  followUp: FollowUp;
  deadline: DayDeadline | undefined;
  state: DueState;
}

export interface OwnerGroup {
  /** undefined: the follow-ups nobody owns. */
  owner: string | undefined;
  items: FollowUpItem[];
}

export interface FollowUpAgenda extends AgendaHead {
  counts: { open: number; overdue: number; dueSoon: number };
  /** By owner (in text order), the unowned last; in each, the most overdue first, then by due date, then those without one. */
  owners: OwnerGroup[];
}

/** Days left for sorting: no due date sorts last. */
const sortDays = (item: FollowUpItem): number => item.deadline?.daysLeft ?? Number.POSITIVE_INFINITY;

/** Every open (or in-progress) follow-up of every incident, grouped by owner. */
export function followUpAgenda(incidents: readonly IncidentRecord[], options: AgendaOptions): FollowUpAgenda {
  const groups = new Map<string | undefined, FollowUpItem[]>();
  for (const incident of incidents) {
    for (const followUp of incident.followUps) {
      if (!isOpenFollowUp(followUp)) continue;
      const deadline = followUpDeadline(followUp, options.now, options.deadlines.zone);
      const item = { incident: { id: incident.id, title: incident.title }, followUp, deadline, state: dueState(deadline, options.dueWithinDays) };
      const list = groups.get(followUp.owner);
      if (list) list.push(item);
      else groups.set(followUp.owner, [item]);
    }
  }
  const owners = [...groups]
    .map(([owner, items]) => ({
      owner,
      items: items.sort((a, b) => sortDays(a) - sortDays(b) || byText(a.incident.id, b.incident.id) || byText(a.followUp.id, b.followUp.id)),
    }))
    .sort((a, b) => (a.owner === undefined ? 1 : b.owner === undefined ? -1 : byText(a.owner, b.owner)));
  const all = owners.flatMap((g) => g.items);
  return {
    ...head(options),
    counts: { open: all.length, overdue: all.filter((i) => i.state === 'overdue').length, dueSoon: all.filter((i) => i.state === 'due-soon').length },
    owners,
  };
}

// ---------------------------------------------------------------------------------------------
// Retrospectives

export interface RetrospectiveItem {
  incident: { id: string; title: string; severity: Severity; owner: string | undefined };
  resolved: number;
  reviewStatus: ReviewStatus;
  /** severities.<SEV>.retrospectiveDueDays. */
  dueDays: number;
  deadline: DayDeadline;
  state: 'overdue' | 'due-soon';
}

export interface RetrospectiveAgenda extends AgendaHead {
  counts: { overdue: number; dueSoon: number };
  /** The most overdue first, then by due day, then by incident id. */
  retrospectives: RetrospectiveItem[];
}

/** Retrospectives not yet published whose due day has passed or comes within the due-soon days. */
export function retrospectiveAgenda(incidents: readonly IncidentRecord[], options: AgendaOptions): RetrospectiveAgenda {
  const { now, deadlines, dueWithinDays } = options;
  const retrospectives: RetrospectiveItem[] = [];
  for (const incident of incidents) {
    const dueDays = deadlines.retrospectiveDueDays(incident.severity);
    const deadline = retrospectiveDeadline(incident, dueDays, now, deadlines.zone, deadlines.retrospectivesFrom);
    const state = dueState(deadline, dueWithinDays);
    if (deadline === undefined || incident.resolved === undefined || (state !== 'overdue' && state !== 'due-soon')) continue;
    retrospectives.push({
      incident: { id: incident.id, title: incident.title, severity: incident.severity, owner: incident.owner },
      resolved: incident.resolved,
      reviewStatus: incident.reviewStatus,
      dueDays,
      deadline,
      state,
    });
  }
  retrospectives.sort((a, b) => a.deadline.daysLeft - b.deadline.daysLeft || byText(a.incident.id, b.incident.id));
  return {
    ...head(options),
    counts: { overdue: retrospectives.filter((r) => r.state === 'overdue').length, dueSoon: retrospectives.filter((r) => r.state === 'due-soon').length },
    retrospectives,
  };
}

// ---------------------------------------------------------------------------------------------
// Stale: runbooks past their review, open incidents whose next public update is late

export interface StaleRunbook {
  runbook: RunbookRecord;
  review: ReviewDeadline;
}

export interface StaleIncident {
  incident: { id: string; title: string; severity: Severity };
  next: UpdateDeadline;
}

export interface StaleAgenda {
  now: number;
  zone: string;
  runbookReviewInterval: string;
  /** The longest overdue first. */
  runbooks: StaleRunbook[];
  /** The latest first. */
  incidents: StaleIncident[];
}

export function staleAgenda(
  incidents: readonly IncidentRecord[],
  runbooks: readonly RunbookRecord[],
  options: Omit<AgendaOptions, 'dueWithinDays'>,
): StaleAgenda {
  const { now, deadlines } = options;
  const interval = deadlines.runbookReviewInterval;
  const staleRunbooks = runbooks
    .map((runbook) => ({ runbook, review: reviewDeadline(runbook.lastReviewed, interval.ms, now) }))
    .filter((r) => r.review.lateMs > 0)
    .sort((a, b) => b.review.lateMs - a.review.lateMs || byText(a.runbook.id, b.runbook.id));
  const staleIncidents: StaleIncident[] = [];
  for (const incident of incidents) {
    const next = nextUpdateDeadline(incident, deadlines, now);
    if (next !== undefined && next.lateMs > 0) staleIncidents.push({ incident: { id: incident.id, title: incident.title, severity: incident.severity }, next });
  }
  staleIncidents.sort((a, b) => b.next.lateMs - a.next.lateMs || byText(a.incident.id, b.incident.id));
  return { now, zone: deadlines.zone, runbookReviewInterval: interval.text, runbooks: staleRunbooks, incidents: staleIncidents };
}

// ---------------------------------------------------------------------------------------------
// Records from valid entries

/** An incident entry as the reports read it: instants, and the status each update leaves in force (its own, else the one before). */
export function incidentRecord(id: string, data: Incident): IncidentRecord {
  let status: string | undefined;
  return {
    id,
    title: data.title,
    severity: data.severity,
    owner: data.participants.commander,
    resolved: data.resolved === undefined ? undefined : instantOf(data.resolved),
    backfilled: data.backfilled,
    reviewStatus: data.review.status,
    updates: (data.public?.updates ?? []).map((update, index) => {
      status = update.status ?? status;
      return { index, at: instantOf(update.at), effective: status };
    }),
    followUps: data.followUps,
  };
}
