/**
 * What the runbook pages show, computed once: each runbook's review state (due date from
 * keel.yaml `runbookReviewInterval`, the same deadline as the runbook/stale rule), the incidents
 * that used it, its services and their SLOs, and the indexes by service, by alert name and of
 * stale runbooks.
 */
import { durationMs, instantOf, wallClockText, DAY_MS } from '../../core/time.ts';
import { reviewDeadline } from '../../domain/incidents/deadlines.ts';
import type { ContentIndex } from '../../content/entry.ts';
import type { Runbook } from '../../schemas/runbook.ts';
import { alertPath } from '../../core/alert-url.ts';
import { alertTargets, type AlertTarget } from './alert-urls.ts';
import { HREF } from './links.ts';
import type { Link } from './slos.ts';

/** An incident as the runbook pages read it. */
export interface RunbookIncidentInput {
  readonly id: string;
  readonly title: string;
  /** Instant the incident started (epoch ms). */
  readonly started: number;
  /** Ids of the runbooks used during the response. */
  readonly runbooks: readonly string[];
}

export interface RunbookInput {
  readonly id: string;
  readonly data: Runbook;
}

export interface RunbookReview {
  readonly lastReviewed: string;
  /** The day the next review is due (YYYY-MM-DD, UTC: lastReviewed + the interval). */
  readonly due: string;
  readonly overdue: boolean;
  /** Whole days past due (0 when not overdue). */
  readonly daysOverdue: number;
  /** "review due 2027-01-25" or "review overdue since 2026-05-30 (189 days)". */
  readonly text: string;
}

export interface RunbookUsage {
  readonly count: number;
  /** Incidents that used the runbook, latest first. */
  readonly incidents: readonly { readonly id: string; readonly title: string; readonly started: number; readonly href: string }[];
  /** "used in 4 incidents, last on 14 Oct 2026", or "not used in any incident yet". */
  readonly text: string;
}

export interface RunbookSummary {
  readonly id: string;
  readonly title: string;
  readonly href: string;
  /** Service ids, as the front matter lists them. */
  readonly services: readonly string[];
  /** The same services by name, linked to their pages. */
  readonly serviceLinks: readonly Link[];
  /** The SLO objectives of its services (the SLO pages list the runbooks of their service). */
  readonly slos: readonly Link[];
  readonly alerts: readonly { readonly name: string; readonly path: string }[];
  readonly owner: string;
  readonly severity: Runbook['severity'];
  readonly tags: readonly string[];
  readonly review: RunbookReview;
  readonly usage: RunbookUsage;
}

export interface RunbookPages {
  readonly runbooks: readonly RunbookSummary[];
  /** Every service a runbook applies to, sorted, with its runbooks. */
  readonly byService: readonly { readonly service: string; readonly title: string; readonly href: string; readonly runbooks: readonly RunbookSummary[] }[];
  /** Every alert a runbook names, sorted, with the runbooks naming it (the alert URL pages). */
  readonly byAlert: readonly AlertTarget[];
  /** Runbooks whose review is overdue, the longest overdue first. */
  readonly stale: readonly RunbookSummary[];
  /** The review interval as keel.yaml writes it ("90d"). */
  readonly interval: string;
}

export interface RunbookOptions {
  /** keel.yaml runbookReviewInterval in ms. */
  readonly reviewIntervalMs: number;
  /** The same as keel.yaml writes it (default: whole days of reviewIntervalMs). */
  readonly reviewInterval?: string;
  readonly now: number;
  /** The portal's time zone, for the dates of incidents. */
  readonly zone: string;
  /** Service id → name (a service missing here is shown by its id). */
  readonly serviceNames?: ReadonlyMap<string, string>;
  /** The SLO objectives, each with the id of its service. */
  readonly slos?: readonly (Link & { readonly service: string })[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isoDay = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** "14 Oct 2026": the day of an instant in the portal's zone. */
const dayText = (at: number, zone: string): string => wallClockText(at, zone).split(',')[0]!;

export function runbookReview(lastReviewed: string, intervalMs: number, now: number): RunbookReview {
  const deadline = reviewDeadline(lastReviewed, intervalMs, now);
  const due = isoDay(deadline.due);
  const overdue = deadline.lateMs > 0;
  const daysOverdue = overdue ? Math.floor(deadline.lateMs / DAY_MS) : 0;
  const days = `${daysOverdue} ${daysOverdue === 1 ? 'day' : 'days'}`;
  return { lastReviewed, due, overdue, daysOverdue, text: overdue ? `review overdue since ${due} (${days})` : `review due ${due}` };
}

export function runbookUsage(id: string, incidents: readonly RunbookIncidentInput[], zone: string): RunbookUsage {
  const used = incidents
    .filter((incident) => incident.runbooks.includes(id))
    .map(({ id, title, started }) => ({ id, title, started, href: HREF.incident(id) }))
    .sort((a, b) => b.started - a.started || byText(a.id, b.id));
  const last = used[0];
  const text =
    last === undefined
      ? 'not used in any incident yet'
      : `used in ${used.length} ${used.length === 1 ? 'incident' : 'incidents'}, last on ${dayText(last.started, zone)}`;
  return { count: used.length, incidents: used, text };
}

export function runbookPages(runbooks: readonly RunbookInput[], incidents: readonly RunbookIncidentInput[], options: RunbookOptions): RunbookPages {
  const serviceLink = (service: string): Link => ({ id: service, title: options.serviceNames?.get(service) ?? service, href: HREF.service(service) });
  const summaries: RunbookSummary[] = runbooks
    .map(({ id, data }) => ({
      id,
      title: data.title,
      href: HREF.runbook(id),
      services: data.services,
      serviceLinks: data.services.map(serviceLink),
      slos: (options.slos ?? []).filter((slo) => data.services.includes(slo.service)).map(({ id, title, href }) => ({ id, title, href })),
      alerts: data.alerts.map((name) => ({ name, path: alertPath(name) })),
      owner: data.owner,
      severity: data.severity,
      tags: data.tags,
      review: runbookReview(data.lastReviewed, options.reviewIntervalMs, options.now),
      usage: runbookUsage(id, incidents, options.zone),
    }))
    .sort((a, b) => byText(a.title.toLowerCase(), b.title.toLowerCase()) || byText(a.id, b.id));
  const services = [...new Set(summaries.flatMap((r) => r.services))].sort(byText);
  return {
    runbooks: summaries,
    byService: services.map((service) => ({ service, ...serviceLink(service), runbooks: summaries.filter((r) => r.services.includes(service)) })),
    byAlert: alertTargets(runbooks.map(({ id, data }) => ({ id, title: data.title, alerts: data.alerts }))),
    stale: summaries.filter((r) => r.review.overdue).sort((a, b) => b.review.daysOverdue - a.review.daysOverdue || byText(a.id, b.id)),
    interval: options.reviewInterval ?? `${Math.round(options.reviewIntervalMs / DAY_MS)}d`,
  };
}

/** Keel's runbookReviewInterval when there is no keel.yaml (the schema's default otherwise). */
const DEFAULT_REVIEW_INTERVAL = '90d';

/** The runbook pages of a validated content index, at `now`; `slos`: the SLO objectives to link (the SLO index's rows). */
export function runbookPagesOf(
  index: Pick<ContentIndex, 'collections' | 'settings'>,
  now: number,
  slos: readonly (Link & { readonly service: string })[] = [],
): RunbookPages {
  const settings = index.settings?.data;
  const incidents = index.collections.incidents.map(({ id, data }) => ({ id, title: data.title, started: instantOf(data.started), runbooks: data.runbooks }));
  const interval = settings?.runbookReviewInterval ?? DEFAULT_REVIEW_INTERVAL;
  return runbookPages(index.collections.runbooks, incidents, {
    reviewIntervalMs: durationMs(interval),
    reviewInterval: interval,
    now,
    zone: settings?.timeZone ?? 'UTC',
    serviceNames: new Map(index.collections.services.map((s) => [s.id, s.data.name])),
    slos,
  });
}
