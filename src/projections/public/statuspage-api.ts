/**
 * The Statuspage-compatible JSON API (`/api/v2/*.json`, REFERENCE.md), built as typed values
 * from the public projection and serialised with JSON.stringify: field names and enums as
 * Statuspage writes them, times in the page's zone with their offset.
 *
 * Everything here comes from {@link PublicStatus}; nothing of the content is read directly. Times
 * that Statuspage keeps and Keel does not (when a component was created or last changed) are
 * derived from public events only, so that the same content and clock give the same bytes and
 * an internal-only incident never shows, not even as a timestamp.
 */
import { worse } from '../../domain/status/levels.ts';
import { isoInZone, wallClockInstant } from '../../core/zone.ts';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicStatus } from './status.ts';

type Time = string;

export interface ApiPage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: Time;
}

export interface ApiStatus {
  indicator: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
  description: string;
}

type ComponentStatus = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | 'under_maintenance';

export interface ApiComponent {
  id: string;
  name: string;
  status: ComponentStatus;
  created_at: Time;
  updated_at: Time;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** A group's member ids (groups only). */
  components?: string[];
}

type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';
type MaintenanceStatus = 'scheduled' | 'in_progress' | 'verifying' | 'completed';

interface ApiUpdate<S extends string> {
  id: string;
  incident_id: string;
  status: S;
  body: string;
  created_at: Time;
  updated_at: Time;
  display_at: Time;
  affected_components: null;
}

interface ApiIncidentBase<S extends string> {
  id: string;
  name: string;
  status: S;
  impact: 'none' | 'minor' | 'major' | 'critical' | 'maintenance';
  created_at: Time;
  updated_at: Time;
  started_at: Time;
  monitoring_at: Time | null;
  resolved_at: Time | null;
  shortlink: string;
  page_id: string;
  /** Newest first, as Statuspage lists them. */
  incident_updates: ApiUpdate<S>[];
  components: ApiComponent[];
}

export type ApiIncident = ApiIncidentBase<IncidentStatus>;

export interface ApiMaintenance extends ApiIncidentBase<MaintenanceStatus> {
  scheduled_for: Time;
  scheduled_until: Time;
}

export interface StatuspageApi {
  'summary.json': { page: ApiPage; components: ApiComponent[]; incidents: ApiIncident[]; scheduled_maintenances: ApiMaintenance[]; status: ApiStatus };
  'status.json': { page: ApiPage; status: ApiStatus };
  'components.json': { page: ApiPage; components: ApiComponent[] };
  'incidents.json': { page: ApiPage; incidents: ApiIncident[] };
  'incidents/unresolved.json': { page: ApiPage; incidents: ApiIncident[] };
  'scheduled-maintenances.json': { page: ApiPage; scheduled_maintenances: ApiMaintenance[] };
  'scheduled-maintenances/upcoming.json': { page: ApiPage; scheduled_maintenances: ApiMaintenance[] };
  'scheduled-maintenances/active.json': { page: ApiPage; scheduled_maintenances: ApiMaintenance[] };
}

export type ApiFile = keyof StatuspageApi;

/** Every file of the API, relative to `/api/v2/`. */
export const API_FILES = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const satisfies readonly ApiFile[];

/** Statuspage lists the 50 most recent incidents. */
const RECENT_INCIDENTS = 50;

/** `base` + `path` with exactly one slash between them (`base` may end with one or not). */
export function siteLink(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Where the public site is served: `organisation.statusPageUrl`, else the organisation's own address. */
export function siteUrlOf(status: PublicStatus): string {
  return status.page.statusPageUrl ?? status.page.url;
}

/**
 * Where a maintenance is shown: the status page while upcoming or in progress, the history
 * once completed (there is no page per maintenance).
 */
export function maintenanceLink(siteUrl: string, maintenance: Pick<PublicMaintenance, 'phase'>): string {
  return siteLink(siteUrl, maintenance.phase === 'scheduled' ? '#upcoming' : maintenance.phase === 'in_progress' ? '#in-progress' : 'history/');
}

/** One API file as the bytes the site serves: JSON.stringify, two-space indent, final newline. */
export function apiJson(value: StatuspageApi[ApiFile]): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * When each component first and last changed, from public events only: the incidents that
 * name it (start, updates, resolution) and its maintenance (announcement, updates, window
 * boundaries), each counted once it is past `now`. Without any event a component dates from
 * the first day of its uptime history that has data.
 */
function componentTimes(status: PublicStatus): Map<string, { created: number; updated: number }> {
  const now = status.page.updatedAt;
  const events = new Map<string, number[]>();
  const add = (id: string, ...at: (number | undefined)[]) => {
    let list = events.get(id);
    if (!list) events.set(id, (list = []));
    for (const t of at) if (t !== undefined && t <= now) list.push(t);
  };
  for (const i of status.incidents) {
    for (const c of i.components) add(c.id, i.startedAt, i.resolvedAt, ...i.updates.map((u) => u.at));
  }
  for (const m of status.maintenances) {
    for (const c of m.components) add(c.id, m.scheduledFor, m.scheduledUntil, ...m.updates.map((u) => u.at));
  }
  const out = new Map<string, { created: number; updated: number }>();
  for (const c of status.components) {
    const list = events.get(c.id) ?? [];
    const firstDay = c.uptime.days.find((d) => d.uptime !== null)?.date;
    const dayStart = firstDay === undefined ? undefined : wallClockInstant(`${firstDay} 00:00:00`, status.page.timeZone);
    const created = Math.min(...list, dayStart ?? now);
    out.set(c.id, { created, updated: Math.max(created, ...list) });
  }
  return out;
}

/** Every file of the API as typed values. `siteUrl` is where the public site is served (absolute). */
export function statuspageApi(status: PublicStatus, siteUrl: string): StatuspageApi {
  const zone = status.page.timeZone;
  const time = (at: number) => isoInZone(at, zone);
  const pageId = status.page.id;
  const page: ApiPage = { id: pageId, name: status.page.name, url: siteUrl, time_zone: zone, updated_at: time(status.page.updatedAt) };
  const times = componentTimes(status);

  const componentObject = (c: PublicComponent, position: number, groupId: string | null): ApiComponent => ({
    id: c.id,
    name: c.name,
    status: c.status,
    created_at: time(times.get(c.id)!.created),
    updated_at: time(times.get(c.id)!.updated),
    position,
    description: c.description ?? null,
    showcase: true,
    start_date: null,
    group_id: groupId,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  // Page order: a group, then its members; components without a group have no group object.
  const components: ApiComponent[] = [];
  let position = 0;
  for (const group of status.groups) {
    const groupId = group.name ? group.id : null;
    if (group.name) {
      const members = group.components.map((c) => times.get(c.id)!);
      components.push({
        id: group.id,
        name: group.name,
        status: group.components.reduce<ComponentStatus>((a, c) => worse(a, c.status), 'operational'),
        created_at: time(Math.min(...members.map((t) => t.created))),
        updated_at: time(Math.max(...members.map((t) => t.updated))),
        position: ++position,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: group.components.map((c) => c.id),
      });
    }
    for (const c of group.components) components.push(componentObject(c, ++position, groupId));
  }
  const byId = new Map(components.filter((c) => !c.group).map((c) => [c.id, c]));
  const componentsOf = (list: readonly { id: string }[]) => list.flatMap((c) => byId.get(c.id) ?? []);

  const updatesOf = <S extends string>(parentId: string, updates: readonly { id: string; at: number; status: S; body: string }[]): ApiUpdate<S>[] =>
    [...updates].reverse().map((u) => ({
      id: u.id,
      incident_id: parentId,
      status: u.status,
      body: u.body,
      created_at: time(u.at),
      updated_at: time(u.at),
      display_at: time(u.at),
      affected_components: null,
    }));

  const incidentObject = (i: PublicIncident): ApiIncident => ({
    id: i.id,
    name: i.title,
    status: i.status,
    impact: i.impact,
    created_at: time(i.createdAt),
    updated_at: time(Math.max(i.updatedAt, i.resolvedAt ?? i.updatedAt)),
    started_at: time(i.startedAt),
    monitoring_at: i.monitoringAt === undefined ? null : time(i.monitoringAt),
    resolved_at: i.resolvedAt === undefined ? null : time(i.resolvedAt),
    shortlink: siteLink(siteUrl, `incidents/${encodeURIComponent(i.id)}/`),
    page_id: pageId,
    incident_updates: updatesOf(i.id, i.updates),
    components: componentsOf(i.components),
  });
  const maintenanceObject = (m: PublicMaintenance): ApiMaintenance => ({
    id: m.id,
    name: m.title,
    status: m.status,
    impact: 'maintenance',
    created_at: time(m.createdAt),
    updated_at: time(m.updatedAt),
    started_at: time(m.scheduledFor),
    monitoring_at: null,
    resolved_at: m.phase === 'completed' ? time(m.scheduledUntil) : null,
    shortlink: maintenanceLink(siteUrl, m),
    page_id: pageId,
    incident_updates: updatesOf(m.id, m.updates),
    components: componentsOf(m.components),
    scheduled_for: time(m.scheduledFor),
    scheduled_until: time(m.scheduledUntil),
  });

  const incidents = status.incidents.map(incidentObject);
  const unresolved = incidents.filter((i) => i.status !== 'resolved' && i.status !== 'postmortem');
  const maintenances = status.maintenances.map(maintenanceObject);
  const upcoming = maintenances.filter((_, n) => status.maintenances[n]!.phase === 'scheduled');
  const active = maintenances.filter((_, n) => status.maintenances[n]!.phase === 'in_progress');
  const pageStatus: ApiStatus = { indicator: status.status.indicator, description: status.status.description };
  return {
    'summary.json': { page, components, incidents: unresolved, scheduled_maintenances: [...active, ...upcoming], status: pageStatus },
    'status.json': { page, status: pageStatus },
    'components.json': { page, components },
    'incidents.json': { page, incidents: incidents.slice(0, RECENT_INCIDENTS) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    // Newest first, as Statuspage lists them (the projection keeps them by start, oldest first).
    'scheduled-maintenances.json': { page, scheduled_maintenances: [...maintenances].reverse() },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}
