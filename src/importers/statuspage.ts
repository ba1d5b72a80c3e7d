/**
 * Statuspage public API v2 JSON (incidents.json, summary.json, scheduled-maintenances.json,
 * components.json, or one export holding several of their keys) → Keel content files: a service
 * per component, an incident file per incident with its updates and impact, a maintenance file
 * per scheduled maintenance, and keel.yaml from the page. Pure: it returns files and a report of
 * what was not carried over or had to be inferred; the `keel import` command writes them.
 */
import { frontMatterFile, yamlFile } from '../content/write.ts';
import { slug as slugOf } from '../core/slug.ts';
import { isTimestamp } from '../core/time.ts';
import { z } from 'zod';

// --- Statuspage v2 shapes (REFERENCE.md), read leniently: unknown keys are ignored ------------

/** Times reach file names (an incident's day): checked here, so nothing else reaches them. */
const Time = z.string().refine(isTimestamp, { message: 'must be an ISO 8601 time with an offset, e.g. 2026-03-01T09:05:00.000-07:00' });
const AffectedComponent = z.object({ code: z.string(), name: z.string(), old_status: z.string().optional(), new_status: z.string() });
const Update = z.object({
  id: z.string().optional(),
  status: z.string(),
  body: z.string().nullish(),
  created_at: Time,
  display_at: Time.nullish(),
  affected_components: z.array(AffectedComponent).nullish(),
});
const Component = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  group: z.boolean().nullish(),
  group_id: z.string().nullish(),
  position: z.number().nullish(),
});
const Incident = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  impact: z.string().nullish(),
  created_at: Time,
  started_at: Time.nullish(),
  monitoring_at: Time.nullish(),
  resolved_at: Time.nullish(),
  backfilled: z.boolean().nullish(),
  scheduled_for: Time.nullish(),
  scheduled_until: Time.nullish(),
  incident_updates: z.array(Update).default([]),
  components: z.array(Component.partial({ position: true })).default([]),
});
const Page = z.object({ id: z.string().optional(), name: z.string(), url: z.string().nullish(), time_zone: z.string().nullish() });

/** One file (or an export) of the v2 API: any of these keys may be present. */
export const StatuspageExportSchema = z.object({
  page: Page.optional(),
  components: z.array(Component).optional(),
  incidents: z.array(Incident).optional(),
  scheduled_maintenances: z.array(Incident).optional(),
});
export type StatuspageExport = z.infer<typeof StatuspageExportSchema>;
type SpIncident = z.infer<typeof Incident>;

export interface ImportedFile {
  /** Path inside the content folder, e.g. `incidents/2026-01-02-api-errors.md`. */
  path: string;
  text: string;
}

export interface ImportResult {
  files: ImportedFile[];
  /** What was not carried over, or was inferred: one line each. */
  report: string[];
}

// --- mapping tables ----------------------------------------------------------------------------

// Maps, not object literals: an impact of "constructor" or "__proto__" finds nothing.
const SEVERITY = new Map([
  ['critical', 'SEV1'],
  ['major', 'SEV2'],
  ['minor', 'SEV3'],
  ['none', 'SEV4'],
]);
const LEVEL_OF_IMPACT = new Map([
  ['critical', 'major_outage'],
  ['major', 'partial_outage'],
  ['minor', 'degraded_performance'],
  ['none', 'operational'],
]);
const IMPACTS = new Set(['none', 'minor', 'major', 'critical']);
const COMPONENT_LEVELS = new Set(['operational', 'degraded_performance', 'partial_outage', 'major_outage']);
const INCIDENT_STATUSES = new Set(['investigating', 'identified', 'monitoring', 'resolved']);
const MAINTENANCE_STATUSES = new Set(['scheduled', 'in_progress', 'verifying', 'completed']);

/** A lower-case id from a name (RFC 1123 label, at most `max` characters). */
const slug = (name: string, max = 63) => slugOf(name, max) || 'item';

/** Makes ids unique by numbering repeats: api, api-2, api-3. */
function uniqueIds() {
  const used = new Set<string>();
  return (wanted: string): string => {
    let id = wanted;
    for (let n = 2; used.has(id); n++) id = `${wanted.slice(0, 60 - String(n).length)}-${n}`;
    used.add(id);
    return id;
  };
}

/** `YYYY-MM-DD` of a checked ISO time as written (its own offset), formatted from its parsed fields. */
function day(time: string): string {
  const fields = /^(\d{4})-(\d{2})-(\d{2})[Tt]/.exec(time);
  if (!fields || !isTimestamp(time)) throw new Error(`not a checked time: ${time}`);
  return `${fields[1]}-${fields[2]}-${fields[3]}`;
}

/** Statuspage writes milliseconds (`.000`); keep instants as written, without them. */
const instant = (time: string) => time.replace(/\.\d+(?=(Z|[+-]\d{2}:\d{2})$)/i, '');

// --- conversion ------------------------------------------------------------------------------

/** Converts one or more parsed exports (later ones add to earlier ones; the same id wins once). */
/**
 * `importedOn` (a calendar day) becomes keel.yaml's retrospectivesFrom: the imported incidents'
 * retrospectives were never written in Keel, so no deadline applies to them.
 */
export function importStatuspage(exports: readonly StatuspageExport[], importedOn: string): ImportResult {
  const report: string[] = [];
  const files: ImportedFile[] = [];
  const page = exports.find((e) => e.page)?.page;

  // Components: every component named anywhere, keyed by Statuspage id; the latest name wins.
  const components = new Map<string, { name: string; description?: string | null | undefined; group?: string | undefined; names: Set<string> }>();
  const groups = new Map<string, string>();
  const note = (id: string, name: string) => {
    const known = components.get(id);
    if (known) known.names.add(name);
    else components.set(id, { name, names: new Set([name]) });
  };
  for (const e of exports) {
    for (const c of e.components ?? []) {
      if (c.group) {
        groups.set(c.id, c.name);
        continue;
      }
      note(c.id, c.name);
      components.get(c.id)!.description = c.description;
    }
  }
  for (const e of exports) for (const c of e.components ?? []) if (!c.group && c.group_id) components.get(c.id)!.group = groups.get(c.group_id);
  const all = [...exports.flatMap((e) => e.incidents ?? []), ...exports.flatMap((e) => e.scheduled_maintenances ?? [])];
  for (const incident of all) {
    for (const c of incident.components) if (!c.group) note(c.id, c.name);
    for (const u of incident.incident_updates) for (const a of u.affected_components ?? []) note(a.code, a.name);
  }

  const serviceIds = uniqueIds();
  const serviceOf = new Map<string, string>();
  for (const [id, c] of components) {
    const service = serviceIds(slug(c.name));
    serviceOf.set(id, service);
    if (c.names.size > 1) report.push(`component ${id} was renamed (${[...c.names].join(' → ')}); it is "${c.name}" everywhere now`);
    files.push({
      path: `services/${service}.yaml`,
      text: yamlFile({
        name: c.name,
        owner: 'unassigned',
        tier: 2,
        statusPage: { component: c.name, ...(c.group ? { group: c.group } : {}), ...(c.description ? { description: c.description } : {}) },
      }),
    });
  }
  if (components.size > 0) report.push(`${components.size} services written with owner "unassigned" and tier 2: set both in services/`);

  const incidentIds = uniqueIds();
  const seen = new Set<string>();
  for (const e of exports) {
    for (const incident of e.incidents ?? []) {
      if (seen.has(incident.id)) continue;
      seen.add(incident.id);
      const file = convertIncident(incident, incidentIds, serviceOf, components, report);
      if (file) files.push(file);
    }
  }
  const maintenanceIds = uniqueIds();
  for (const e of exports) {
    for (const m of e.scheduled_maintenances ?? []) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      const file = convertMaintenance(m, maintenanceIds, components, report);
      if (file) files.push(file);
    }
  }
  if (page) {
    files.push({
      path: 'keel.yaml',
      text: yamlFile({
        organisation: { name: page.name, url: page.url ?? 'https://example.com' },
        timeZone: page.time_zone ?? 'UTC',
        retrospectivesFrom: importedOn,
      }),
    });
    if (!page.url) report.push('the page has no url: keel.yaml says https://example.com; correct organisation.url');
  }
  return { files, report };
}

function convertIncident(
  incident: SpIncident,
  ids: (wanted: string) => string,
  serviceOf: ReadonlyMap<string, string>,
  components: ReadonlyMap<string, { name: string }>,
  report: string[],
): ImportedFile | undefined {
  const updates = [...incident.incident_updates].sort((a, b) => Date.parse(a.display_at ?? a.created_at) - Date.parse(b.display_at ?? b.created_at));
  const where = `incident ${incident.id} ("${incident.name}")`;
  // A started_at edited to after the first post: the record began with that post, so it is the start.
  const firstPost = updates[0] ? instant(updates[0].display_at ?? updates[0].created_at) : undefined;
  let started = instant(incident.started_at ?? incident.created_at);
  if (firstPost !== undefined && Date.parse(firstPost) < Date.parse(started)) {
    report.push(`${where}: started_at ${started} is after its first update; started is that update (${firstPost})`);
    started = firstPost;
  }
  const resolvedAt = incident.resolved_at ? instant(incident.resolved_at) : undefined;
  const id = ids(`${day(started)}-${slug(incident.name, 52)}`);

  // Updates: a status only where it changes (Statuspage's "Update" posts keep the status).
  let current: string | undefined;
  // Statuspage's postmortem is the customer statement written after resolution: Keel's public.summary.
  const postmortems = updates.filter((u) => u.status === 'postmortem' && u.body?.trim());
  const summary = postmortems.map((u) => u.body!.trim()).join('\n\n') || undefined;
  if (summary !== undefined) report.push(`${where}: its postmortem became public.summary`);
  const publicUpdates = updates.flatMap((u) => {
    if (postmortems.includes(u)) return [];
    const status = u.status === 'postmortem' ? 'resolved' : u.status;
    if (!INCIDENT_STATUSES.has(status)) {
      report.push(`${where}: an update with status "${u.status}" was left out`);
      return [];
    }
    const entry: Record<string, unknown> = { at: instant(u.display_at ?? u.created_at) };
    if (status !== current) entry.status = status;
    current = status;
    entry.body = u.body?.trim() || '(no text)';
    return [entry];
  });
  if (publicUpdates.length === 0) {
    report.push(`${where}: no update could be carried over; the incident was left out`);
    return undefined;
  }
  if (publicUpdates[0]!.status === undefined) publicUpdates[0]!.status = 'investigating';

  // Impact: from the component transitions the updates record, else the incident's impact level.
  const impact = impactOf(incident, updates, resolvedAt, components, where, report);
  const services = [...new Set(incident.components.map((c) => serviceOf.get(c.id)).filter((s) => s !== undefined))];
  for (const i of impact) {
    const service = [...components].find(([, c]) => c.name === i.component)?.[0];
    const serviceId = service ? serviceOf.get(service) : undefined;
    if (serviceId && !services.includes(serviceId)) services.push(serviceId);
  }

  const isResolved = incident.status === 'resolved' || incident.status === 'postmortem';
  const lastUpdateAt = publicUpdates.at(-1)!.at as string;
  const resolved = isResolved ? (resolvedAt ?? lastUpdateAt) : undefined;
  // Keel's mitigated is when customer impact stopped: the last component's recovery where the
  // updates record it, else when monitoring began (Statuspage's monitoring_at), else resolution.
  const impactEnds = impact.flatMap((i) => (i.to ? [i.to] : []));
  const lastRecovery = impactEnds.length > 0 ? impactEnds.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : undefined;
  const mitigated = isResolved ? (lastRecovery ?? instant(incident.monitoring_at ?? resolved!)) : undefined;
  // Declared after the fact: Statuspage's flag, or every update posted at or after resolution.
  const backfilled =
    incident.backfilled === true || (resolved !== undefined && updates.every((u) => Date.parse(u.display_at ?? u.created_at) >= Date.parse(resolved)));
  const data: Record<string, unknown> = {
    title: incident.name,
    severity: SEVERITY.get(incident.impact ?? 'none') ?? 'SEV4',
    started,
    ...(mitigated && resolved ? { mitigated: Date.parse(mitigated) > Date.parse(resolved) ? resolved : mitigated, resolved } : {}),
    ...(backfilled ? { backfilled: true } : {}),
    services,
    ...(impact.length > 0 ? { impact } : {}),
    // Statuspage's incident impact is what customers were told: carried as declared.
    public: {
      title: incident.name,
      ...(IMPACTS.has(incident.impact ?? '') ? { impact: incident.impact } : {}),
      ...(summary !== undefined ? { summary } : {}),
      updates: publicUpdates,
    },
    tags: ['imported'],
  };
  if (resolved !== undefined && !resolvedAt) report.push(`${where}: resolved but without resolved_at; resolved is its last update`);
  return {
    path: `incidents/${id}.md`,
    text: frontMatterFile(data, `Imported from Statuspage incident ${incident.id}. The retrospective has not been written yet.`),
  };
}

function impactOf(
  incident: SpIncident,
  updates: readonly z.infer<typeof Update>[],
  resolvedAt: string | undefined,
  components: ReadonlyMap<string, { name: string }>,
  where: string,
  report: string[],
): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const open = new Map<string, { level: string; from: string }>();
  const end = resolvedAt ?? undefined;
  const close = (code: string, to: string | undefined) => {
    const interval = open.get(code);
    if (!interval) return;
    open.delete(code);
    const name = components.get(code)?.name ?? code;
    // Marked impaired after resolution and never marked back: no time to count.
    if (to !== undefined && Date.parse(to) <= Date.parse(interval.from)) {
      report.push(`${where}: ${name} was marked ${interval.level} at ${interval.from}, after resolution, and never back: not counted as impact`);
      return;
    }
    out.push({ component: name, level: interval.level, from: interval.from, ...(to ? { to } : {}) });
  };
  let sawTransitions = false;
  for (const u of updates) {
    const at = instant(u.display_at ?? u.created_at);
    for (const a of u.affected_components ?? []) {
      if (!COMPONENT_LEVELS.has(a.new_status)) continue;
      sawTransitions = true;
      close(a.code, at);
      if (a.new_status !== 'operational') open.set(a.code, { level: a.new_status, from: at });
    }
  }
  for (const code of [...open.keys()]) close(code, end);
  if (!sawTransitions && incident.components.length > 0) {
    const level = LEVEL_OF_IMPACT.get(incident.impact ?? 'none') ?? 'operational';
    const from = instant(incident.started_at ?? incident.created_at);
    for (const c of incident.components) {
      if (c.group) continue;
      out.push({ component: components.get(c.id)?.name ?? c.name, level, from, ...(end ? { to: end } : {}) });
    }
    report.push(`${where}: no component transitions recorded; impact "${level}" inferred from the incident's impact "${incident.impact ?? 'none'}"`);
  }
  return out.sort((a, b) => Date.parse(a.from!) - Date.parse(b.from!) || (a.component! < b.component! ? -1 : 1));
}

function convertMaintenance(
  m: SpIncident,
  ids: (wanted: string) => string,
  components: ReadonlyMap<string, { name: string }>,
  report: string[],
): ImportedFile | undefined {
  const where = `maintenance ${m.id} ("${m.name}")`;
  if (!m.scheduled_for || !m.scheduled_until) {
    report.push(`${where}: no scheduled_for/scheduled_until; left out`);
    return undefined;
  }
  const updates = [...m.incident_updates]
    .sort((a, b) => Date.parse(a.display_at ?? a.created_at) - Date.parse(b.display_at ?? b.created_at))
    .filter((u) => {
      if (MAINTENANCE_STATUSES.has(u.status)) return true;
      report.push(`${where}: an update with status "${u.status}" was left out`);
      return false;
    })
    .map((u) => ({ at: instant(u.display_at ?? u.created_at), status: u.status, body: u.body?.trim() || '(no text)' }));
  if (updates.length === 0) updates.push({ at: instant(m.created_at), status: 'scheduled', body: m.name });
  const from = instant(m.scheduled_for);
  const id = ids(`${day(from)}-${slug(m.name, 52)}`);
  return {
    path: `maintenance/${id}.yaml`,
    text: yamlFile({
      title: m.name,
      description: updates[0]!.body,
      components: m.components.filter((c) => !c.group).map((c) => components.get(c.id)?.name ?? c.name),
      scheduled: { from, to: instant(m.scheduled_until) },
      updates,
    }),
  };
}
