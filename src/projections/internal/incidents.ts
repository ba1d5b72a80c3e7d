/**
 * The incidents list (every incident, newest first, with severity, status, duration and its
 * services) and a page per incident: key times and the spans between them, services, the SLOs whose
 * budget it consumed, runbooks used, follow-ups with their owners and deadlines, contributing
 * factors; the retrospective itself is rendered by the route from the collection.
 */
import type { ContentIndex } from '../../content/entry.ts';
import { dayDeadlineText, followUpDeadline } from '../../domain/incidents/deadlines.ts';
import { incidentDuration } from '../../domain/status/duration.ts';
import { HREF } from './links.ts';
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
}

export function incidentRows(index: ContentIndex, now: number): IncidentRow[] {
  const names = new Map(index.collections.services.map((s) => [s.id, s.data.name]));
  return index.collections.incidents
    .map(({ id, data }): IncidentRow => {
      const started = Date.parse(data.started);
      const resolved = data.resolved === undefined ? undefined : Date.parse(data.resolved);
      const open = resolved === undefined || resolved > now;
      const lastUpdate = data.public?.updates.findLast((u) => u.status !== undefined)?.status;
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
  readonly review: string;
  readonly publicTitle: string | undefined;
}

/** A page per incident. `shares`: the budget share of each SLO objective page naming the incident. */
export function incidentPages(
  index: ContentIndex,
  rows: readonly IncidentRow[],
  shares: (id: string) => { title: string; href: string; share: number | null }[],
  now: number,
): IncidentPage[] {
  const zone = index.settings?.data.timeZone ?? 'UTC';
  const data = new Map(index.collections.incidents.map((i) => [i.id, i.data]));
  const runbooks = new Map(index.collections.runbooks.map((r) => [r.id, r.data.title]));
  const at = (text: string | undefined) => (text === undefined ? undefined : Date.parse(text));
  return rows.map((row): IncidentPage => {
    const d = data.get(row.id)!;
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
      review: `${d.review.status}${d.review.date === undefined ? '' : `, reviewed ${d.review.date}`}`,
      publicTitle: d.public?.title,
    };
  });
}
