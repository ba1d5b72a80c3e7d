/**
 * A generated four-year public history as a Statuspage page exports it (the v2 shapes of
 * REFERENCE.md): `components.json` (three groups, twelve components), `incidents.json` paged
 * newest first (`incidents-page-1.json` …, 100 a page) and `scheduled-maintenances.json`.
 * Deterministic for a seed. What real histories hold and Keel must carry:
 * - every incident declares its impact (none, minor, major, critical), and a share of them name
 *   no component at all, or components without any status transition;
 * - components marked degraded before the incident's stated start (started_at edited later than
 *   the first post), recovered in the monitoring update before resolution, a second component
 *   marked partway through;
 * - backfilled entries, posted days after resolution, their component status flipped and flipped
 *   back after the key times; some posted five weeks after they started (Statuspage's backfill of
 *   an old incident, which Keel must not take for a month typo);
 * - update gaps longer than an hour now and then, long unbroken addresses in update bodies;
 * - postmortems posted two days after resolution (Keel's public.summary);
 * - maintenance with and without components.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const HISTORY_FROM = Date.parse('2022-12-01T00:00:00Z');
/** After the last incident: the import's and the build's "now". */
export const HISTORY_NOW = '2026-12-01T00:00:00Z';
const ZONE_OFFSET = '-07:00';
const ZONE_MS = -7 * 3_600_000;

const GROUPS: Record<string, string[]> = {
  Platform: ['API', 'Git operations', 'Webhooks', 'Notifications'],
  Automation: ['Actions', 'Packages', 'Pages', 'Codespaces'],
  Collaboration: ['Issues', 'Pull requests', 'Copilot', 'Dashboard'],
};
const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
const LEVEL_OF: Record<(typeof IMPACTS)[number], string> = {
  none: 'degraded_performance',
  minor: 'degraded_performance',
  major: 'partial_outage',
  critical: 'major_outage',
};

export interface GeneratedIncident {
  id: string;
  name: string;
  impact: (typeof IMPACTS)[number];
  /** What the history tests expect of it. */
  kind: 'normal' | 'flipped-before-start' | 'no-transitions' | 'no-components' | 'backfilled' | 'backfilled-late';
  startedAt: number;
}

export interface GeneratedHistory {
  files: string[];
  incidents: GeneratedIncident[];
  maintenances: { id: string; name: string; components: number }[];
  components: string[];
}

/** mulberry32: a small seeded PRNG, so the history is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Statuspage's time format: milliseconds and the page's offset. */
function iso(ms: number): string {
  return `${new Date(ms + ZONE_MS).toISOString().replace('Z', '')}${ZONE_OFFSET}`;
}

const MIN = 60_000;

/** Writes the export into `dir` and returns what it holds. */
export function writeStatuspageHistory(dir: string, incidents = 800, seed = 20261205): GeneratedHistory {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  mkdirSync(dir, { recursive: true });
  const page = {
    id: 'gen-page',
    name: 'Generated Hub',
    url: 'https://status.generated.example',
    time_zone: 'America/Los_Angeles',
    updated_at: iso(Date.parse(HISTORY_NOW)),
  };

  const components: {
    id: string;
    name: string;
    group: boolean;
    group_id: string | null;
    position: number;
    description: string | null;
    components?: string[];
  }[] = [];
  let position = 0;
  for (const [group, names] of Object.entries(GROUPS)) {
    const groupId = `g-${group.toLowerCase()}`;
    components.push({ id: groupId, name: group, group: true, group_id: null, position: ++position, description: null, components: names.map((n) => `c-${n}`) });
    for (const name of names)
      components.push({ id: `c-${name}`, name, group: false, group_id: groupId, position: ++position, description: `${name} of Generated Hub.` });
  }
  const members = components.filter((c) => !c.group);
  const ref = (c: (typeof members)[number]) => ({
    id: c.id,
    name: c.name,
    group: false,
    group_id: c.group_id,
    position: c.position,
    description: c.description,
  });
  const flip = (c: (typeof members)[number], from: string, to: string) => [{ code: c.id, name: c.name, old_status: from, new_status: to }];

  const span = Date.parse(HISTORY_NOW) - HISTORY_FROM - 10 * 86_400_000;
  const generated: GeneratedIncident[] = [];
  const list: Record<string, unknown>[] = [];
  for (let n = 0; n < incidents; n++) {
    const t = HISTORY_FROM + Math.floor(((n + random()) / incidents) * span);
    const impact = pick(IMPACTS);
    const roll = random();
    const kind: GeneratedIncident['kind'] =
      roll < 0.62
        ? 'normal'
        : roll < 0.74
          ? 'flipped-before-start'
          : roll < 0.8
            ? 'no-transitions'
            : roll < 0.86
              ? 'no-components'
              : roll < 0.95
                ? 'backfilled'
                : 'backfilled-late';
    const component = pick(members);
    const second = pick(members.filter((c) => c !== component));
    const level = LEVEL_OF[impact];
    const name = `${component.name} ${pick(['errors', 'degraded', 'unavailable', 'slow', 'delays'])} "#${n}" & more`;
    const link = random() < 0.05 ? ` Details: https://status.generated.example/reports/${'x'.repeat(120)}/${n}` : '';
    const updates: Record<string, unknown>[] = [];
    const post = (at: number, status: string, body: string, affected: unknown = null) =>
      updates.push({ id: `u${n}-${updates.length}`, status, body, created_at: iso(at), display_at: iso(at), affected_components: affected });
    let startedAt = t;
    let createdAt = t;
    let resolvedAt: number;
    let monitoringAt: number | null = null;
    let listed: unknown[] = [ref(component)];
    if (kind === 'backfilled' || kind === 'backfilled-late') {
      resolvedAt = t + between(30, 180) * MIN;
      const posted = kind === 'backfilled' ? resolvedAt + between(1, 3) * 86_400_000 : t + 36 * 86_400_000;
      createdAt = posted;
      post(
        posted,
        'identified',
        `This incident was backfilled: ${component.name} was ${level.replace('_', ' ')} earlier.${link}`,
        flip(component, 'operational', level),
      );
      post(posted + 20 * MIN, 'resolved', 'The component status has been corrected.', flip(component, level, 'operational'));
    } else {
      const gap = () => (random() < 0.1 ? between(70, 150) : between(10, 45)) * MIN;
      let at = t;
      if (kind === 'flipped-before-start') startedAt = t + between(5, 20) * MIN;
      const transitions = kind === 'normal' || kind === 'flipped-before-start';
      post(
        at,
        'investigating',
        `We are investigating reports of ${component.name} problems.${link}`,
        transitions ? flip(component, 'operational', level) : null,
      );
      at += gap();
      const secondToo = transitions && random() < 0.3;
      post(at, 'identified', 'We have identified the cause and are working on a fix.', secondToo ? flip(second, 'operational', 'degraded_performance') : null);
      at += gap();
      monitoringAt = at;
      const recovered = transitions
        ? [...flip(component, level, 'operational'), ...(secondToo ? flip(second, 'degraded_performance', 'operational') : [])]
        : null;
      post(at, 'monitoring', 'A fix has been applied and we are monitoring the results.', recovered);
      at += gap();
      resolvedAt = at;
      post(at, 'resolved', 'This incident has been resolved.');
      // A postmortem posted two days later, as Statuspage pages publish them.
      if (n % 10 === 3) post(at + 2 * 86_400_000, 'postmortem', `Postmortem: what happened to ${component.name}, and what we changed.`);
      if (kind === 'no-components') listed = [];
      if (secondToo) listed.push(ref(second));
    }
    const id = `inc${String(n).padStart(4, '0')}`;
    list.push({
      id,
      name,
      status: n % 10 === 3 && kind !== 'backfilled' && kind !== 'backfilled-late' ? 'postmortem' : 'resolved',
      impact,
      created_at: iso(createdAt),
      updated_at: iso(Date.parse(String(updates.at(-1)!.created_at))),
      started_at: iso(startedAt),
      monitoring_at: monitoringAt === null ? null : iso(monitoringAt),
      resolved_at: iso(resolvedAt),
      shortlink: `https://stspg.io/${id}`,
      page_id: page.id,
      incident_updates: updates.reverse(),
      components: listed,
    });
    generated.push({ id, name, impact, kind, startedAt: Math.min(startedAt, t) });
  }

  const files: string[] = [];
  const write = (file: string, value: unknown) => {
    writeFileSync(join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
    files.push(join(dir, file));
  };
  write('components.json', { page, components });
  // incidents.json as Statuspage pages it: newest first, 100 a page.
  const newest = [...list].reverse();
  for (let p = 0; p * 100 < newest.length; p++) write(`incidents-page-${p + 1}.json`, { page, incidents: newest.slice(p * 100, (p + 1) * 100) });

  const maintenances: GeneratedHistory['maintenances'] = [];
  const scheduled: Record<string, unknown>[] = [];
  for (let m = 0; m < 18; m++) {
    const from = HISTORY_FROM + Math.floor(((m + 0.5) / 18) * span) + 9 * 3_600_000;
    const withComponents = m % 2 === 0;
    const affected = withComponents ? [ref(members[m % members.length]!), ref(members[(m + 5) % members.length]!)] : [];
    const id = `mnt${m}`;
    const name = `Scheduled maintenance ${m + 1}${withComponents ? '' : ' of the network'}`;
    scheduled.push({
      id,
      name,
      status: 'completed',
      impact: 'maintenance',
      created_at: iso(from - 3 * 86_400_000),
      scheduled_for: iso(from),
      scheduled_until: iso(from + 2 * 3_600_000),
      incident_updates: [
        { id: `${id}-3`, status: 'completed', body: 'The maintenance has been completed.', created_at: iso(from + 2 * 3_600_000) },
        { id: `${id}-2`, status: 'in_progress', body: 'The maintenance is in progress.', created_at: iso(from) },
        { id: `${id}-1`, status: 'scheduled', body: 'We will be performing maintenance.', created_at: iso(from - 3 * 86_400_000) },
      ],
      components: affected,
    });
    maintenances.push({ id, name, components: affected.length });
  }
  write('scheduled-maintenances.json', { page, scheduled_maintenances: scheduled.reverse() });
  return { files, incidents: generated, maintenances, components: members.map((c) => c.name) };
}
