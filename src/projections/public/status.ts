/**
 * The public status projection: everything the public site, its feeds and its JSON API show,
 * built field by field from an allowlist of public fields. Internal fields (titles, bodies,
 * participants, follow-ups, owners, links, internal-only incidents) never enter these values.
 */
import { componentStatuses, maintenancePhase, type MaintenancePhase } from '../../domain/status/component-status.ts';
import { calendarDay } from '../../core/zone.ts';
import { incidentDuration } from '../../domain/status/duration.ts';
import {
  intervalEnd,
  type ComponentStatus,
  type ImpactInterval,
  type IncidentInput,
  type IncidentStatus,
  type MaintenanceInput,
} from '../../domain/status/levels.ts';
import { daysInLastMonths, uptimeByMonth } from '../../domain/status/monthly.ts';
import { pageStatus, type PageStatus } from '../../domain/status/page-status.ts';
import { uptimeByComponent } from '../../domain/status/uptime.ts';
import type { Incident } from '../../schemas/incident.ts';
import type { Maintenance } from '../../schemas/maintenance.ts';
import type { Service } from '../../schemas/service.ts';
import type { Settings } from '../../schemas/settings.ts';
import { groupId, publicId } from '../../core/slug.ts';

interface Item<T> {
  id: string;
  data: T;
}

export interface PublicUptimeDay {
  date: string;
  /** 0..1, null without data (before launch, or the future part of today). */
  uptime: number | null;
  worst: 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage' | null;
  /** Public incidents touching the component that day. */
  incidents: { id: string; title: string }[];
}

export interface PublicUptimeMonth {
  /** `YYYY-MM` in the portal's zone. */
  month: string;
  /** 0..1, null without data. */
  uptime: number | null;
  worst: PublicUptimeDay['worst'];
  /** Public incidents touching the component that month. */
  incidents: { id: string; title: string }[];
}

/** Months of monthly uptime on a component's page, the current one included. */
export const UPTIME_MONTHS = 12;

export interface PublicComponent {
  /** Stable id derived from the name (the API's component id). */
  id: string;
  name: string;
  description: string | undefined;
  group: string | undefined;
  /** 1-based order on the page. */
  position: number;
  status: ComponentStatus;
  uptime: {
    days: PublicUptimeDay[];
    percent: number | null;
    /** The last {@link UPTIME_MONTHS} calendar months, newest first. */
    months: PublicUptimeMonth[];
  };
}

export interface PublicGroup {
  id: string;
  name: string;
  components: PublicComponent[];
}

export interface PublicUpdate {
  id: string;
  at: number;
  /** The status in force after the update (an update without a status keeps the one before). */
  status: Exclude<IncidentStatus, 'postmortem'>;
  body: string;
}

export interface PublicIncident {
  id: string;
  title: string;
  status: Exclude<IncidentStatus, 'postmortem'>;
  /** As declared in `public.impact`, else the worst component impact. */
  impact: 'none' | 'minor' | 'major' | 'critical';
  startedAt: number;
  /** When it was first posted (the first update). */
  createdAt: number;
  /** When it was last updated (the last update). */
  updatedAt: number;
  monitoringAt: number | undefined;
  resolvedAt: number | undefined;
  durationMs: number;
  /**
   * When customers were impaired: the first impairing interval's start to the last one's end
   * (`to` undefined while one is ongoing); undefined when no interval impairs a component.
   */
  impactWindow: { from: number; to: number | undefined } | undefined;
  /** Declared after the fact: its pages say "posted after the fact". */
  backfilled: boolean;
  summary: string | undefined;
  customerImpact: string | undefined;
  notAffected: string | undefined;
  actions: string[];
  /** Oldest first. */
  updates: PublicUpdate[];
  components: { id: string; name: string; level: ImpactInterval['level'] }[];
}

export interface PublicMaintenanceUpdate {
  id: string;
  at: number;
  status: 'scheduled' | 'in_progress' | 'verifying' | 'completed';
  body: string;
}

export interface PublicMaintenance {
  id: string;
  title: string;
  description: string;
  scheduledFor: number;
  scheduledUntil: number;
  /** Where the window stands now. */
  phase: MaintenancePhase;
  /** Statuspage's status: the last update's, moved on by the clock (never in progress before its window). */
  status: PublicMaintenanceUpdate['status'];
  createdAt: number;
  updatedAt: number;
  updates: PublicMaintenanceUpdate[];
  components: { id: string; name: string }[];
}

export interface PublicStatus {
  page: { id: string; name: string; url: string; statusPageUrl: string | undefined; timeZone: string; updatedAt: number };
  status: PageStatus;
  groups: PublicGroup[];
  /** Every component, in page order. */
  components: PublicComponent[];
  /** Every public incident, newest first by start. */
  incidents: PublicIncident[];
  maintenances: PublicMaintenance[];
}

export interface PublicStatusInput {
  settings: Settings;
  services: readonly Item<Service>[];
  incidents: readonly Item<Incident>[];
  maintenance: readonly Item<Maintenance>[];
  /** The clock's "now". */
  now: number;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const instant = (timestamp: string) => Date.parse(timestamp);

const IMPACT_OF_LEVEL: Record<ImpactInterval['level'], PublicIncident['impact']> = {
  operational: 'none',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
const IMPACT_RANK: Record<PublicIncident['impact'], number> = { none: 0, minor: 1, major: 2, critical: 3 };

/** The statuses after each update: its own, else the one before it. */
function effectiveStatuses(updates: NonNullable<Incident['public']>['updates']): PublicUpdate['status'][] {
  let current: PublicUpdate['status'] = 'investigating';
  return updates.map((u) => (current = u.status ?? current));
}

function toIncidentInput(item: Item<Incident>): IncidentInput {
  const { data } = item;
  return {
    id: item.id,
    started: instant(data.started),
    ...(data.resolved ? { resolved: instant(data.resolved) } : {}),
    impact: data.impact.map((i) => ({ component: i.component, level: i.level, from: instant(i.from), ...(i.to ? { to: instant(i.to) } : {}) })),
  };
}

function toMaintenanceInput(item: Item<Maintenance>): MaintenanceInput {
  return { id: item.id, components: item.data.components, from: instant(item.data.scheduled.from), to: instant(item.data.scheduled.to) };
}

function impactWindow(incident: IncidentInput): PublicIncident['impactWindow'] {
  const impairing = incident.impact.filter((i) => i.level !== 'operational');
  if (impairing.length === 0) return undefined;
  const from = Math.min(...impairing.map((i) => i.from));
  const to = Math.max(...impairing.map((i) => intervalEnd(i, incident)));
  return { from, to: Number.isFinite(to) ? to : undefined };
}

/** An incident's public record, or undefined for an internal-only incident (no `public` block). */
function publicIncident(item: Item<Incident>, now: number): PublicIncident | undefined {
  const statement = item.data.public;
  if (statement === undefined) return undefined;
  const data = item.data;
  const statuses = effectiveStatuses(statement.updates);
  const updates = statement.updates.map((u, i) => ({ id: `${item.id}-${i + 1}`, at: instant(u.at), status: statuses[i]!, body: u.body }));
  const components = new Map<string, PublicIncident['components'][number]>();
  let impact: PublicIncident['impact'] = 'none';
  for (const i of data.impact) {
    const level = IMPACT_OF_LEVEL[i.level];
    if (IMPACT_RANK[level] > IMPACT_RANK[impact]) impact = level;
    const known = components.get(i.component);
    if (!known || IMPACT_RANK[IMPACT_OF_LEVEL[i.level]] > IMPACT_RANK[IMPACT_OF_LEVEL[known.level]]) {
      components.set(i.component, { id: publicId(i.component), name: i.component, level: i.level });
    }
  }
  const monitoring = updates.find((u) => u.status === 'monitoring');
  const resolvedAt = data.resolved ? instant(data.resolved) : undefined;
  return {
    id: item.id,
    title: statement.title,
    status: resolvedAt !== undefined ? 'resolved' : (statuses.at(-1) ?? 'investigating'),
    impact: statement.impact ?? impact,
    startedAt: instant(data.started),
    createdAt: updates[0]!.at,
    updatedAt: updates.at(-1)!.at,
    monitoringAt: monitoring?.at,
    resolvedAt,
    durationMs: incidentDuration(toIncidentInput(item), now),
    impactWindow: impactWindow(toIncidentInput(item)),
    backfilled: data.backfilled,
    summary: statement.summary,
    customerImpact: statement.customerImpact,
    notAffected: statement.notAffected,
    actions: [...statement.actions],
    updates,
    components: [...components.values()].sort((a, b) => byText(a.name, b.name)),
  };
}

function publicMaintenance(item: Item<Maintenance>, now: number): PublicMaintenance {
  const data = item.data;
  const updates = data.updates.map((u, i) => ({ id: `${item.id}-${i + 1}`, at: instant(u.at), status: u.status, body: u.body }));
  const phase = maintenancePhase(toMaintenanceInput(item), now);
  // The clock moves a maintenance on even when nobody posted: never "in progress" before its
  // window, never "scheduled" after it (cState shows maintenance before its window).
  const posted = updates.at(-1)!.status;
  const status: PublicMaintenance['status'] =
    phase === 'scheduled' ? 'scheduled' : phase === 'in_progress' ? (posted === 'verifying' ? 'verifying' : 'in_progress') : 'completed';
  return {
    id: item.id,
    title: data.title,
    description: data.description,
    scheduledFor: instant(data.scheduled.from),
    scheduledUntil: instant(data.scheduled.to),
    phase,
    status,
    createdAt: updates[0]!.at,
    updatedAt: updates.at(-1)!.at,
    updates,
    components: data.components.map((name) => ({ id: publicId(name), name })),
  };
}

type StatusPageEntry = Exclude<PublicStatusInput['services'][number]['data']['statusPage'], false>;

/**
 * One entry per status-page component: several services behind one component (an API served by
 * two deployments) make one component, with the first description and group any of them gives.
 */
function componentsDeclared(services: PublicStatusInput['services']): StatusPageEntry[] {
  const byName = new Map<string, StatusPageEntry>();
  for (const { data } of services) {
    if (data.statusPage === false) continue;
    const known = byName.get(data.statusPage.component);
    byName.set(
      data.statusPage.component,
      known === undefined
        ? data.statusPage
        : { ...known, description: known.description ?? data.statusPage.description, group: known.group ?? data.statusPage.group },
    );
  }
  return [...byName.values()];
}

export function publicStatus({ settings, services, incidents, maintenance, now }: PublicStatusInput): PublicStatus {
  const declared = componentsDeclared(services);
  declared.sort((a, b) => byText(a.group ?? '', b.group ?? '') || byText(a.component, b.component));
  const names = declared.map((c) => c.component);
  // Internal-only incidents still impair components (the status is true), but are never named.
  const incidentInputs = incidents.map(toIncidentInput);
  const maintenanceInputs = maintenance.map(toMaintenanceInput);
  const statuses = componentStatuses(names, now, incidentInputs, maintenanceInputs);
  const launched = settings.launchedOn ? { launchedOn: settings.launchedOn } : {};
  const uptime = uptimeByComponent(names, incidentInputs, { now, zone: settings.timeZone, ...launched });
  const monthDays = daysInLastMonths(calendarDay(now, settings.timeZone), UPTIME_MONTHS);
  const monthly = uptimeByComponent(names, incidentInputs, { now, zone: settings.timeZone, days: monthDays, ...launched });
  const published = incidents.flatMap((item) => publicIncident(item, now) ?? []);
  const titles = new Map(published.map((i) => [i.id, i.title]));
  const named = (ids: readonly string[]) => ids.flatMap((id) => (titles.has(id) ? [{ id, title: titles.get(id)! }] : []));

  const components: PublicComponent[] = declared.map((c, i) => {
    const u = uptime.get(c.component)!;
    return {
      id: publicId(c.component),
      name: c.component,
      description: c.description,
      group: c.group,
      position: i + 1,
      status: statuses.get(c.component)!,
      uptime: {
        percent: u.uptime === null ? null : u.uptime * 100,
        days: u.days.map((d) => ({
          date: d.date,
          uptime: d.uptime,
          worst: d.worst,
          incidents: named(d.incidents),
        })),
        months: uptimeByMonth(monthly.get(c.component)!.days)
          .reverse()
          .map((m) => ({ month: m.month, uptime: m.uptime, worst: m.worst, incidents: named(m.incidents) })),
      },
    };
  });
  const groups: PublicGroup[] = [];
  for (const component of components) {
    const name = component.group ?? '';
    let group = groups.find((g) => g.name === name);
    if (!group) groups.push((group = { id: name ? groupId(name) : '', name, components: [] }));
    group.components.push(component);
  }
  return {
    page: {
      id: publicId(settings.organisation.name),
      name: settings.organisation.name,
      url: settings.organisation.url,
      statusPageUrl: settings.organisation.statusPageUrl,
      timeZone: settings.timeZone,
      updatedAt: now,
    },
    status: pageStatus(statuses.values()),
    groups,
    components,
    incidents: published.sort((a, b) => b.startedAt - a.startedAt || byText(a.id, b.id)),
    maintenances: maintenance.map((m) => publicMaintenance(m, now)).sort((a, b) => a.scheduledFor - b.scheduledFor || byText(a.id, b.id)),
  };
}
