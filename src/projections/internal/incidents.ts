/** The incidents list: every incident, newest first, with severity, status, duration and its services. */
import type { ContentIndex } from '../../content/entry.ts';
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
