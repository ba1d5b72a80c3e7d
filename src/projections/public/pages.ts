/**
 * What each public HTML page shows, computed once from the public projection (PublicStatus):
 * labels in Statuspage's words, times in the portal's zone with the zone named, public text as
 * sanitised HTML, links between pages. The routes only lay these values out.
 *
 * Pages: `/` (statusPage), `/incidents/<id>/` (incidentPage), `/history/`, `/history/<year>/`
 * and `/history/<year>/<month>/` (historyPages), `/components/<id>/` (componentPage).
 */
import type { ComponentStatus, ImpactInterval } from '../../domain/status/levels.ts';
import { feedPath, type FeedFormat } from './feeds.ts';
import { markdownToHtml, markdownToInlineHtml } from './markdown.ts';
import type { PublicComponent, PublicIncident, PublicMaintenance, PublicStatus, PublicUptimeDay } from './status.ts';
import { formatUptime, monthOf, showDate, showDuration, showEnd, showMonth, showTime, type ShownTime } from './time.ts';

export const COMPONENT_STATUS_LABEL: Readonly<Record<ComponentStatus, string>> = {
  operational: 'Operational',
  under_maintenance: 'Under maintenance',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
};

const INCIDENT_STATUS_LABEL: Readonly<Record<PublicIncident['status'], string>> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

const MAINTENANCE_STATUS_LABEL: Readonly<Record<PublicMaintenance['status'], string>> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

const IMPACT_LABEL: Readonly<Record<PublicIncident['impact'], string>> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

/** The uptime rule, as every page with uptime states it. */
export const UPTIME_RULE =
  'Uptime counts each minute of major outage fully and each minute of partial outage at 0.3; degraded performance and planned maintenance do not count as downtime. Days are calendar days in';

export const incidentHref = (id: string) => `/incidents/${id}/`;
export const componentHref = (id: string) => `/components/${id}/`;

/** The colour class of a level in the uptime bars and tables (keel.css). */
export type LevelClass = 'none' | 'ok' | 'minor' | 'major' | 'critical' | 'maint';

const LEVEL_CLASS: Readonly<Record<NonNullable<PublicUptimeDay['worst']> | ComponentStatus, LevelClass>> = {
  operational: 'ok',
  under_maintenance: 'maint',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

export const levelClass = (level: PublicUptimeDay['worst'] | ComponentStatus): LevelClass => (level === null ? 'none' : LEVEL_CLASS[level]);

export interface UpdateView {
  id: string;
  status: string;
  at: ShownTime;
  html: string;
}

export interface LinkView {
  id: string;
  href: string;
  name: string;
}

export interface IncidentView {
  id: string;
  href: string;
  title: string;
  status: string;
  resolved: boolean;
  impact: string;
  impactClass: LevelClass;
  backfilled: boolean;
  started: ShownTime;
  /** Undefined while open. */
  ended: ShownTime | undefined;
  /** The same, written as the end of a range from `started` (the time only on the same day). */
  endedInRange: ShownTime | undefined;
  /** How long it lasted, or has lasted so far. */
  duration: ShownTime;
  /** When customers were impaired ("for how long"); undefined when no component was impaired. */
  impactWindow: { from: ShownTime; to: ShownTime | undefined; duration: ShownTime } | undefined;
  components: (LinkView & { level: string; levelClass: LevelClass })[];
  summaryHtml: string | undefined;
  customerImpactHtml: string | undefined;
  notAffectedHtml: string | undefined;
  actionsHtml: string[];
  /** Newest first, as Statuspage lists them. */
  updates: UpdateView[];
}

export interface MaintenanceView {
  id: string;
  title: string;
  status: string;
  from: ShownTime;
  to: ShownTime;
  components: LinkView[];
  descriptionHtml: string;
  /** Newest first. */
  updates: UpdateView[];
}

export interface DayCell {
  date: string;
  /** The incident of the day when there is exactly one, else the day's row on the component page. */
  href: string;
  levelClass: LevelClass;
  /** What a screen reader says and a focused cell shows: date, uptime, worst level, incidents. */
  label: string;
}

export interface ComponentView {
  id: string;
  href: string;
  name: string;
  description: string | undefined;
  status: string;
  statusClass: LevelClass;
  /** Over the 90 days: "99.85%", or "No data". */
  uptime: string;
  cells: DayCell[];
  first: ShownTime | undefined;
  last: ShownTime | undefined;
}

/** A way to follow the page: a feed (announced with `<link rel="alternate">`) or the JSON API. */
export interface SubscribeLink {
  /** What the Subscribe control shows: "RSS", "Atom", "JSON API". */
  label: string;
  /** The link's title for feed readers, e.g. "Acme status: incident history (Atom)". */
  title: string;
  href: string;
  type: string;
  /** A feed readers discover from the page's head (the JSON API is listed, not announced). */
  feed: boolean;
}

export interface PageShell {
  name: string;
  url: string;
  zone: string;
  updated: ShownTime;
  /** The site's feeds and API: on every page's head and in its Subscribe control. */
  subscribe: SubscribeLink[];
}

export interface StatusPageView {
  shell: PageShell;
  banner: { indicator: PublicStatus['status']['indicator']; description: string };
  active: IncidentView[];
  inProgress: MaintenanceView[];
  upcoming: MaintenanceView[];
  groups: { name: string; components: ComponentView[] }[];
  uptimeRule: string;
}

const FEED_TYPE: Readonly<Record<FeedFormat, string>> = { rss: 'application/rss+xml', atom: 'application/atom+xml' };
const FEED_LABEL: Readonly<Record<FeedFormat, string>> = { rss: 'RSS', atom: 'Atom' };

/** The RSS and Atom feeds of the whole page, or of one component. */
function feedLinks(status: PublicStatus, component?: Pick<PublicComponent, 'id' | 'name'>): SubscribeLink[] {
  const about = component ? `${component.name} history` : 'incident history';
  return (['rss', 'atom'] as const).map((format) => ({
    label: component ? `${component.name} ${FEED_LABEL[format]}` : FEED_LABEL[format],
    title: `${status.page.name} status: ${about} (${FEED_LABEL[format]})`,
    href: `/${feedPath(format, component)}`,
    type: FEED_TYPE[format],
    feed: true,
  }));
}

const shell = (status: PublicStatus): PageShell => ({
  name: status.page.name,
  url: status.page.url,
  zone: status.page.timeZone,
  updated: showTime(status.page.updatedAt, status.page.timeZone),
  subscribe: [
    ...feedLinks(status),
    { label: 'JSON API', title: `${status.page.name} status: JSON API (Statuspage v2)`, href: '/api/v2/summary.json', type: 'application/json', feed: false },
  ],
});

const uptimeRule = (status: PublicStatus) => `${UPTIME_RULE} ${status.page.timeZone}.`;

const levelLabel = (level: ImpactInterval['level']) => COMPONENT_STATUS_LABEL[level];

const soFar = (duration: ShownTime, open: boolean): ShownTime => (open ? { ...duration, text: `${duration.text} so far` } : duration);

/**
 * One view per incident, shared by its page, the history pages and its components' pages (it
 * was built three times or more, and kept as many times in the pages' props).
 */
const incidentViews = new WeakMap<PublicIncident, { key: string; view: IncidentView }>();

function incidentView(incident: PublicIncident, zone: string, now: number): IncidentView {
  const key = `${zone} ${now}`;
  const known = incidentViews.get(incident);
  if (known?.key === key) return known.view;
  const view = buildIncidentView(incident, zone, now);
  incidentViews.set(incident, { key, view });
  return view;
}

function buildIncidentView(incident: PublicIncident, zone: string, now: number): IncidentView {
  const ended = incident.resolvedAt;
  const span = incident.impactWindow;
  return {
    id: incident.id,
    href: incidentHref(incident.id),
    title: incident.title,
    status: INCIDENT_STATUS_LABEL[incident.status],
    resolved: incident.status === 'resolved',
    impact: IMPACT_LABEL[incident.impact],
    impactClass: ({ none: 'ok', minor: 'minor', major: 'major', critical: 'critical' } as const)[incident.impact],
    backfilled: incident.backfilled,
    started: showTime(incident.startedAt, zone),
    ended: ended === undefined ? undefined : showTime(ended, zone),
    endedInRange: ended === undefined ? undefined : showEnd(ended, incident.startedAt, zone),
    duration: soFar(showDuration(incident.durationMs), ended === undefined),
    impactWindow: span && {
      from: showTime(span.from, zone),
      to: span.to === undefined ? undefined : showEnd(span.to, span.from, zone),
      duration: soFar(showDuration(Math.max(0, (span.to ?? now) - span.from)), span.to === undefined),
    },
    components: incident.components.map((c) => ({
      id: c.id,
      href: componentHref(c.id),
      name: c.name,
      level: levelLabel(c.level),
      levelClass: levelClass(c.level),
    })),
    summaryHtml: incident.summary === undefined ? undefined : markdownToHtml(incident.summary),
    customerImpactHtml: incident.customerImpact === undefined ? undefined : markdownToHtml(incident.customerImpact),
    notAffectedHtml: incident.notAffected === undefined ? undefined : markdownToHtml(incident.notAffected),
    actionsHtml: incident.actions.map(markdownToInlineHtml),
    updates: incident.updates
      .map((u) => ({ id: u.id, status: INCIDENT_STATUS_LABEL[u.status], at: showTime(u.at, zone), html: markdownToHtml(u.body) }))
      .reverse(),
  };
}

function maintenanceView(maintenance: PublicMaintenance, zone: string): MaintenanceView {
  return {
    id: maintenance.id,
    title: maintenance.title,
    status: MAINTENANCE_STATUS_LABEL[maintenance.status],
    from: showTime(maintenance.scheduledFor, zone),
    to: showEnd(maintenance.scheduledUntil, maintenance.scheduledFor, zone),
    components: maintenance.components.map((c) => ({ id: c.id, href: componentHref(c.id), name: c.name })),
    descriptionHtml: markdownToHtml(maintenance.description),
    updates: maintenance.updates
      .map((u) => ({ id: u.id, status: MAINTENANCE_STATUS_LABEL[u.status], at: showTime(u.at, zone), html: markdownToHtml(u.body) }))
      .reverse(),
  };
}

/** The words of one uptime day: "14 Oct 2026: 92.85% uptime, major outage. Incident: Card payments unavailable." */
export function dayLabel(day: PublicUptimeDay): string {
  const date = showDate(day.date).text;
  if (day.uptime === null || day.worst === null) return `${date}: no data`;
  const level = day.worst === 'operational' ? '' : `, ${levelLabel(day.worst).toLowerCase()}`;
  const incidents =
    day.incidents.length === 0 ? 'No incidents' : `${day.incidents.length === 1 ? 'Incident' : 'Incidents'}: ${day.incidents.map((i) => i.title).join('; ')}`;
  return `${date}: ${formatUptime(day.uptime)} uptime${level}. ${incidents}.`;
}

function componentView(component: PublicComponent): ComponentView {
  const days = component.uptime.days;
  return {
    id: component.id,
    href: componentHref(component.id),
    name: component.name,
    description: component.description,
    status: COMPONENT_STATUS_LABEL[component.status],
    statusClass: levelClass(component.status),
    uptime: formatUptime(component.uptime.percent === null ? null : component.uptime.percent / 100),
    cells: days.map((day) => ({
      date: day.date,
      href: day.incidents.length === 1 ? incidentHref(day.incidents[0]!.id) : `${componentHref(component.id)}#${day.date}`,
      levelClass: levelClass(day.worst),
      label: dayLabel(day),
    })),
    first: days[0] && showDate(days[0].date),
    last: days.at(-1) && showDate(days.at(-1)!.date),
  };
}

/** `/`: the banner, active incidents, maintenance in progress and upcoming, components with their uptime. */
export function statusPage(status: PublicStatus): StatusPageView {
  const zone = status.page.timeZone;
  const views = new Map(status.components.map((c) => [c.id, componentView(c)]));
  return {
    shell: shell(status),
    banner: { indicator: status.status.indicator, description: status.status.description },
    active: status.incidents.filter((i) => i.status !== 'resolved').map((i) => incidentView(i, zone, status.page.updatedAt)),
    inProgress: status.maintenances.filter((m) => m.phase === 'in_progress').map((m) => maintenanceView(m, zone)),
    upcoming: status.maintenances.filter((m) => m.phase === 'scheduled').map((m) => maintenanceView(m, zone)),
    groups: status.groups.map((g) => ({ name: g.name, components: g.components.map((c) => views.get(c.id)!) })),
    uptimeRule: uptimeRule(status),
  };
}

export interface IncidentPageView {
  shell: PageShell;
  incident: IncidentView;
}

/** Every `/incidents/<id>/` page, in the projection's order (newest first). */
export function incidentPages(status: PublicStatus): IncidentPageView[] {
  return status.incidents.map((i) => ({ shell: shell(status), incident: incidentView(i, status.page.timeZone, status.page.updatedAt) }));
}

export interface HistoryMonth {
  /** `YYYY-MM`, the heading's id. */
  id: string;
  month: ShownTime;
  /** This month's own page. */
  href: string;
  incidents: IncidentView[];
  maintenances: MaintenanceView[];
}

/** The year/month index on every history page: every year, newest first, with its months. */
export interface HistoryIndexYear {
  year: string;
  href: string;
  /** This year's page is the one shown. */
  current: boolean;
  /** Newest first; months after "now" are not listed. */
  months: { id: string; name: string; href: string; incidents: number; current: boolean }[];
}

export interface HistoryPageView {
  shell: PageShell;
  /** The rest parameter of `/history/[...page]`: undefined, `2023` or `2023/05`. */
  param: string | undefined;
  /** `/history/` (the entry page: the latest months), a year or a month. */
  kind: 'entry' | 'year' | 'month';
  href: string;
  /** The page's `<h1>` and `<title>`: "Incident history", "Incident history, 2023", "Incident history, May 2023". */
  title: string;
  /** Newest month first. */
  months: HistoryMonth[];
  index: HistoryIndexYear[];
  /** The next and previous year or month with a page; undefined at either end. */
  newer: { href: string; label: string } | undefined;
  older: { href: string; label: string } | undefined;
}

/** How many months the entry page `/history/` shows before the index takes over (Statuspage shows three). */
export const HISTORY_MONTHS_PER_PAGE = 3;

const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const historyYearHref = (year: string) => `/history/${year}/`;
/** `/history/2023/05/` for `2023-05`. */
export const historyMonthHref = (month: string) => `/history/${month.replace('-', '/')}/`;

/** `YYYY-MM` of the month before `month`. */
function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/**
 * The history: `/history/` (the latest {@link HISTORY_MONTHS_PER_PAGE} months), a page per year
 * (`/history/2023/`) and per month (`/history/2023/05/`), for every month from the current one
 * back to the oldest with a public incident or a maintenance that has begun, newest first (a
 * month without any says so). A year's or a month's URL never changes as new incidents arrive,
 * so a link from a search engine or a chat keeps its page. Incidents sit in the month they
 * started, maintenance in the month its window opened, in the portal's zone; upcoming maintenance
 * is on the status page, not here. Every page carries the year/month index.
 */
export function historyPages(status: PublicStatus, entryMonths = HISTORY_MONTHS_PER_PAGE): HistoryPageView[] {
  if (!Number.isInteger(entryMonths) || entryMonths < 1) throw new RangeError(`entryMonths must be a positive whole number (got ${entryMonths})`);
  const zone = status.page.timeZone;
  const now = status.page.updatedAt;
  const incidents = new Map<string, IncidentView[]>();
  const maintenances = new Map<string, MaintenanceView[]>();
  for (const incident of status.incidents) {
    const month = monthOf(incident.startedAt, zone);
    incidents.set(month, [...(incidents.get(month) ?? []), incidentView(incident, zone, now)]);
  }
  // Newest first, like the incidents.
  for (const maintenance of [...status.maintenances].reverse()) {
    if (maintenance.phase === 'scheduled') continue;
    const month = monthOf(maintenance.scheduledFor, zone);
    maintenances.set(month, [...(maintenances.get(month) ?? []), maintenanceView(maintenance, zone)]);
  }
  const current = monthOf(now, zone);
  const oldest = [...incidents.keys(), ...maintenances.keys(), current].sort()[0]!;
  const months: HistoryMonth[] = [];
  for (let month = current; month >= oldest; month = previousMonth(month)) {
    months.push({
      id: month,
      month: showMonth(month),
      href: historyMonthHref(month),
      incidents: incidents.get(month) ?? [],
      maintenances: maintenances.get(month) ?? [],
    });
  }
  const years = [...new Set(months.map((m) => m.id.slice(0, 4)))];
  const indexFor = (year: string | undefined, month: string | undefined): HistoryIndexYear[] =>
    years.map((y) => ({
      year: y,
      href: historyYearHref(y),
      current: y === year && month === undefined,
      months: months
        .filter((m) => m.id.startsWith(`${y}-`))
        .map((m) => ({ id: m.id, name: MONTH_SHORT[Number(m.id.slice(5)) - 1]!, href: m.href, incidents: m.incidents.length, current: m.id === month })),
    }));
  const name = 'Incident history';
  const entry: HistoryPageView = {
    shell: shell(status),
    param: undefined,
    kind: 'entry',
    href: '/history/',
    title: name,
    months: months.slice(0, entryMonths),
    index: indexFor(undefined, undefined),
    newer: undefined,
    older: undefined,
  };
  const yearPages = years.map((year, i): HistoryPageView => ({
    shell: shell(status),
    param: year,
    kind: 'year',
    href: historyYearHref(year),
    title: `${name}, ${year}`,
    months: months.filter((m) => m.id.startsWith(`${year}-`)),
    index: indexFor(year, undefined),
    newer: i > 0 ? { href: historyYearHref(years[i - 1]!), label: years[i - 1]! } : undefined,
    older: i + 1 < years.length ? { href: historyYearHref(years[i + 1]!), label: years[i + 1]! } : undefined,
  }));
  const monthPages = months.map((m, i): HistoryPageView => ({
    shell: shell(status),
    param: m.id.replace('-', '/'),
    kind: 'month',
    href: m.href,
    title: `${name}, ${m.month.text}`,
    months: [m],
    index: indexFor(m.id.slice(0, 4), m.id),
    newer: i > 0 ? { href: months[i - 1]!.href, label: months[i - 1]!.month.text } : undefined,
    older: i + 1 < months.length ? { href: months[i + 1]!.href, label: months[i + 1]!.month.text } : undefined,
  }));
  return [entry, ...yearPages, ...monthPages];
}

export interface ComponentPageView {
  shell: PageShell;
  /** The component's own feeds (announced and listed beside the site's). */
  feeds: SubscribeLink[];
  component: ComponentView;
  group: string | undefined;
  /** The 90 days, newest first: the bar's data as a table. */
  days: { date: ShownTime; uptime: string; level: string; levelClass: LevelClass; incidents: LinkView[] }[];
  /** Calendar months, newest first. */
  months: { month: ShownTime; uptime: string; levelClass: LevelClass; incidents: LinkView[] }[];
  incidents: IncidentView[];
  maintenances: MaintenanceView[];
  uptimeRule: string;
}

const incidentLinks = (incidents: readonly { id: string; title: string }[]): LinkView[] =>
  incidents.map((i) => ({ id: i.id, href: incidentHref(i.id), name: i.title }));

/** Every `/components/<id>/` page, in page order. */
export function componentPages(status: PublicStatus): ComponentPageView[] {
  const zone = status.page.timeZone;
  return status.components.map((component) => ({
    shell: shell(status),
    feeds: feedLinks(status, component),
    component: componentView(component),
    group: component.group,
    days: [...component.uptime.days].reverse().map((day) => ({
      date: showDate(day.date),
      uptime: formatUptime(day.uptime),
      level: day.worst === null ? 'No data' : levelLabel(day.worst),
      levelClass: levelClass(day.worst),
      incidents: incidentLinks(day.incidents),
    })),
    months: component.uptime.months.map((m) => ({
      month: showMonth(m.month),
      uptime: formatUptime(m.uptime),
      levelClass: levelClass(m.worst),
      incidents: incidentLinks(m.incidents),
    })),
    incidents: status.incidents.filter((i) => i.components.some((c) => c.id === component.id)).map((i) => incidentView(i, zone, status.page.updatedAt)),
    maintenances: [...status.maintenances]
      .reverse()
      .filter((m) => m.components.some((c) => c.id === component.id))
      .map((m) => maintenanceView(m, zone)),
    uptimeRule: uptimeRule(status),
  }));
}
