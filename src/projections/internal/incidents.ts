/**
 * The incident index (every incident, newest first, with severity, status, duration, services,
 * its retrospective's state and open follow-ups, and what the filters read) and a page per
 * incident: key times and the key durations against their targets, services, participants by
 * role, the SLOs whose budget it consumed, runbooks used, follow-ups with their owners and
 * deadlines, contributing factors by category, what `keel validate` says about its file, and its
 * body's MDX components (src/projections/internal/retrospective.ts); the body itself is rendered
 * by the loader, the public statement by the public projection.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { dayDeadlineText, followUpDeadline, isOpenFollowUp } from '../../domain/incidents/deadlines.ts';
import { keyDurations, keyInstants, type KeyDuration } from '../../domain/incidents/key-times.ts';
import {
  incidentStatus,
  RETROSPECTIVE_STATE_LABELS,
  retrospectiveStanding,
  type IncidentStatus,
  type RetrospectiveState,
} from '../../domain/incidents/review-state.ts';
import { dayIn } from '../../domain/incidents/calendar.ts';
import { incidentDuration } from '../../domain/status/duration.ts';
import { deadlinesOf } from '../../model/deadlines.ts';
import { keyDurationTargetsOf } from '../../model/key-time-targets.ts';
import { HREF } from './links.ts';
import { measuredSlosOf } from './slo-periods.ts';
import { retrospectiveComponents, type ComponentView } from './retrospective.ts';
import type { Link } from './slos.ts';

export interface IncidentRow extends Link {
  readonly severity: string;
  readonly started: number;
  readonly resolved: number | undefined;
  readonly open: boolean;
  /** Where it stands: open (investigating …), resolved, or the retrospective's state once resolved. */
  readonly status: string;
  readonly durationMs: number;
  readonly services: readonly Link[];
  readonly slos: readonly string[];
  /** Active, mitigated or resolved at now. */
  readonly state: IncidentStatus;
  readonly retrospective: RetrospectiveState;
  /** The retrospective's state in words ("in review", "overdue"). */
  readonly retrospectiveText: string;
  /** Follow-ups still open or in progress. */
  readonly openFollowUps: number;
  /** The year it started in the portal's zone (the index filters by it). */
  readonly year: string;
}

export function incidentRows(index: ContentIndex, now: number): IncidentRow[] {
  const names = new Map(index.collections.services.map((s) => [s.id, s.data.name]));
  const deadlines = deadlinesOf(index.settings?.data);
  return index.collections.incidents
    .map(({ id, data }): IncidentRow => {
      const started = Date.parse(data.started);
      const resolved = data.resolved === undefined ? undefined : Date.parse(data.resolved);
      const open = resolved === undefined || resolved > now;
      const lastUpdate = data.public?.updates.findLast((u) => u.status !== undefined)?.status;
      const retrospective = retrospectiveStanding(
        { resolved, backfilled: data.backfilled, reviewStatus: data.review.status, severity: data.severity },
        deadlines,
        now,
      ).state;
      return {
        id,
        title: data.title,
        href: HREF.incident(id),
        severity: data.severity,
        started,
        resolved,
        open,
        status: open ? `open${lastUpdate === undefined ? '' : ` (${lastUpdate})`}` : `resolved, retrospective ${data.review.status}`,
        durationMs: incidentDuration({ id, impact: [], started, ...(open ? {} : { resolved }) }, now),
        services: data.services.map((s) => ({ id: s, title: names.get(s) ?? s, href: HREF.service(s) })),
        slos: data.slos,
        state: incidentStatus({ mitigated: data.mitigated === undefined ? undefined : Date.parse(data.mitigated), resolved }, now),
        retrospective,
        retrospectiveText: RETROSPECTIVE_STATE_LABELS[retrospective],
        openFollowUps: data.followUps.filter(isOpenFollowUp).length,
        year: dayIn(started, deadlines.zone).slice(0, 4),
      };
    })
    .sort((a, b) => b.started - a.started || (a.id < b.id ? -1 : 1));
}

export interface IncidentPage extends IncidentRow {
  readonly times: readonly { readonly label: string; readonly at: number | undefined }[];
  /** Spans between key times (time to detect, acknowledge, mitigate, resolve), where both ends are known. */
  readonly spans: readonly { readonly label: string; readonly ms: number }[];
  readonly slosConsumed: readonly { readonly title: string; readonly href: string; readonly share: number | null }[];
  readonly runbooks: readonly Link[];
  readonly followUps: readonly {
    readonly id: string;
    readonly title: string;
    readonly owner: string | undefined;
    readonly due: string | undefined;
    readonly status: string;
    readonly priority: string | undefined;
    readonly type: string;
    readonly url: string | undefined;
    /** "3 days overdue", "due in 5 days", or undefined when done or without a due date. */
    readonly deadline: string | undefined;
    readonly overdue: boolean;
  }[];
  readonly contributingFactors: readonly { readonly category: string; readonly description: string }[];
  /** The factors grouped by category, in the schema's order of categories. */
  readonly factorsByCategory: readonly { readonly category: string; readonly descriptions: readonly string[] }[];
  readonly review: string;
  readonly publicTitle: string | undefined;
  /** Time to detect, act, mitigate and resolve, each against keel.yaml's target for the severity. */
  readonly durations: readonly KeyDuration[];
  readonly participants: readonly { readonly role: string; readonly people: readonly string[] }[];
  /** What `keel validate` reports about the incident's file in this build (lint, missing sections…). */
  readonly findings: readonly Diagnostic[];
  /** Each MDX component use of the body, by its position in the entry's `components`. */
  readonly components: readonly ComponentView[];
  /** The body was written as MDX. */
  readonly mdx: boolean;
}

const FACTOR_CATEGORIES = ['technical', 'process', 'people', 'external'];

/** A page per incident. `shares`: the budget share of each SLO objective page naming the incident. */
export function incidentPages(
  index: ContentIndex,
  rows: readonly IncidentRow[],
  shares: (id: string) => { title: string; href: string; share: number | null }[],
  now: number,
  diagnostics: readonly Diagnostic[] = [],
): IncidentPage[] {
  const zone = index.settings?.data.timeZone ?? 'UTC';
  const entries = new Map(index.collections.incidents.map((i) => [i.id, i]));
  const data = new Map(index.collections.incidents.map((i) => [i.id, i.data]));
  const targets = keyDurationTargetsOf(index.settings?.data);
  const measured = measuredSlosOf(index);
  const findings = Map.groupBy(diagnostics, (d) => d.file);
  const runbooks = new Map(index.collections.runbooks.map((r) => [r.id, r.data.title]));
  const at = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text));
  return rows.map((row): IncidentPage => {
    const d = data.get(row.id)!;
    const entry = entries.get(row.id)!;
    const times = [
      { label: 'Started', at: at(d.started) },
      { label: 'Detected', at: at(d.detected) },
      { label: 'Acknowledged', at: at(d.acknowledged) },
      { label: 'Mitigated', at: at(d.mitigated) },
      { label: 'Resolved', at: at(d.resolved) },
    ];
    const span = (label: string, from: number | undefined, to: number | undefined) =>
      from !== undefined && to !== undefined && to >= from ? [{ label, ms: to - from }] : [];
    const [started, detected, acknowledged, mitigated, resolved] = times.map((t) => t.at);
    return {
      ...row,
      times,
      spans: [
        ...span('Time to detect', started, detected),
        ...span('Time to acknowledge (from detection)', detected, acknowledged),
        ...span('Time to mitigate', started, mitigated),
        ...span('Time to resolve', started, resolved),
      ],
      slosConsumed: shares(row.id),
      runbooks: d.runbooks.map((id) => ({ id, title: runbooks.get(id) ?? id, href: HREF.runbook(id) })),
      followUps: d.followUps.map((f) => {
        const deadline = followUpDeadline(f, now, zone);
        return {
          id: f.id,
          title: f.title,
          owner: f.owner,
          due: f.due,
          status: f.status,
          priority: f.priority,
          type: f.type,
          url: f.url,
          deadline: deadline === undefined ? undefined : dayDeadlineText(deadline),
          overdue: deadline !== undefined && deadline.daysLeft < 0,
        };
      }),
      contributingFactors: d.contributingFactors,
      factorsByCategory: FACTOR_CATEGORIES.map((category) => ({
        category,
        descriptions: d.contributingFactors.filter((f) => f.category === category).map((f) => f.description),
      })).filter((c) => c.descriptions.length > 0),
      durations: keyDurations(keyInstants(d), targets(d.severity)),
      participants: [
        { role: 'Incident commander', people: d.participants.commander === undefined ? [] : [d.participants.commander] },
        { role: 'Scribe', people: d.participants.scribe === undefined ? [] : [d.participants.scribe] },
        { role: 'Communications', people: d.participants.communications === undefined ? [] : [d.participants.communications] },
        { role: 'Responders', people: d.participants.responders },
      ].filter((p) => p.people.length > 0),
      findings: findings.get(entry.file) ?? [],
      components: retrospectiveComponents(index, entry, now, measured),
      mdx: entry.format === 'mdx',
      review: `${d.review.status}${d.review.date === undefined ? '' : `, reviewed ${d.review.date}`}`,
      publicTitle: d.public?.title,
    };
  });
}
