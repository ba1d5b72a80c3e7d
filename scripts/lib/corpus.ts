/**
 * A deterministic, valid, realistic content corpus for benchmarks and tests.
 *
 * At scale 1 it writes 10,000 files plus keel.yaml: 5,000 incidents (5% MDX), 2,000 runbooks,
 * 1,500 SLO files (OpenSLO multi-document: an SLO, sometimes its SLI and AlertPolicy documents,
 * and for every fifth service a keel/v1 ErrorBudgetPolicy), 500 services and 1,000 concerns.
 * Every reference resolves and every rule holds, with "now" pinned at CORPUS_NOW (set
 * KEEL_NOW to it when validating: runbooks count as reviewed relative to it).
 *
 * With `measurements`, it also writes measurements/<slo>.csv for every SLO: hourly rows over
 * the 90 days up to CORPUS_NOW (ratio rows, or values for threshold SLIs), with gaps in about
 * one SLO in ten and budget burns (hours of elevated errors or slow values) in about one in
 * four, a few of them still burning at the end. These come from a generator of their own per
 * SLO, so the rest of the corpus is byte-identical with or without them.
 *
 * Everything comes from one seeded generator (mulberry32): the same seed and scale give
 * byte-identical trees; nothing reads the clock.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { ConcernSchema } from '../../src/schemas/concern.ts';
import type { ErrorBudgetPolicySchema } from '../../src/schemas/error-budget-policy.ts';
import type { IncidentInput } from '../../src/schemas/incident.ts';
import type { AlertPolicySchema, SLISchema, SLOSchema } from '../../src/schemas/openslo.ts';
import type { RunbookSchema } from '../../src/schemas/runbook.ts';
import type { ServiceInput } from '../../src/schemas/service.ts';
import { SEVERITY_DEFAULTS, type SettingsInput } from '../../src/schemas/settings.ts';
import { createRng, type Rng } from './prng.ts';
import {
  ACTIONS,
  ALERT_KINDS,
  CAUSES,
  CONCERN_TOPICS,
  DOMAINS,
  FACTORS,
  FIRST_NAMES,
  FOLLOW_UP_TITLES,
  GROUPS,
  LAST_NAMES,
  METRICS,
  MITIGATIONS,
  ROLES,
  sentence,
  SYMPTOMS,
  type SentenceContext,
} from './words.ts';
import { toYaml } from './yaml-emit.ts';

/** The default seed: `npm run corpus` without --seed always writes the same corpus. */
export const DEFAULT_SEED = 20261122;
/** The "now" the corpus is valid at; pass it as KEEL_NOW (or `now`) when validating. */
export const CORPUS_NOW = '2026-11-22T12:00:00Z';

/** Files per folder at scale 1. */
export const BASE_COUNTS = {
  incidents: 5000,
  runbooks: 2000,
  slos: 1500,
  services: 500,
  concerns: 1000,
} as const;

export type Folder = keyof typeof BASE_COUNTS;
export const FOLDERS = Object.keys(BASE_COUNTS) as Folder[];

/** One incident in this many is MDX (5%). */
const MDX_EVERY = 20;

export interface CorpusOptions {
  /** Folder to write; created if missing. */
  out: string;
  seed?: number;
  /** Multiplies every count (at least one file per folder). */
  scale?: number;
  /** Write into a non-empty folder, replacing the corpus folders and keel.yaml there. */
  force?: boolean;
  /** Also write measurements/<slo>.csv for every SLO (hourly, 90 days). */
  measurements?: boolean;
}

export interface CorpusResult {
  /** Files written, keel.yaml included. */
  files: number;
  bytes: number;
  counts: Record<Folder, number>;
  /** Incidents written as .mdx. */
  mdx: number;
  /** YAML documents in slos/, by kind. */
  sloDocuments: Record<string, number>;
  /** Measurement files written (0 without `measurements`) and their rows. */
  measurementFiles: number;
  measurementRows: number;
}

/** Files per folder for a scale. */
export function corpusCounts(scale = 1): Record<Folder, number> {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`scale must be a positive number (got ${scale})`);
  return Object.fromEntries(FOLDERS.map((f) => [f, Math.max(1, Math.round(BASE_COUNTS[f] * scale))])) as Record<Folder, number>;
}

// ---------------------------------------------------------------------------------------------
// Time

const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.parse(CORPUS_NOW);
/** Incidents spread over this span, the newest ones just before NOW. */
const HISTORY_START = Date.parse('2023-01-02T00:00:00Z');
const HISTORY_END = Date.parse('2026-11-20T00:00:00Z');

const pad2 = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 with the given UTC offset in minutes (0 → Z). */
function timestamp(ms: number, offset: number): string {
  const local = new Date(ms + offset * MINUTE).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const a = Math.abs(offset);
  return `${local}${offset < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}
const calendarDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clockTime = (ms: number) => new Date(ms).toISOString().slice(11, 16);

// ---------------------------------------------------------------------------------------------
// Text helpers

const title = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pascal = (id: string) => id.split('-').map(title).join('');
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const ROLE_NAMES: Record<string, string> = { api: 'API', db: 'DB', web: 'Web' };

/** Sentences until about `bytes` characters (at most one sentence over), in paragraphs of 3–6. */
function paragraphs(rng: Rng, ctx: SentenceContext, bytes: number): string {
  let text = '';
  let left = 0;
  while (text.length < bytes) {
    if (left === 0) {
      if (text) text += '\n\n';
      left = rng.int(3, 6);
    } else {
      text += ' ';
    }
    text += sentence(rng.pick, rng.int, ctx);
    left--;
  }
  return text;
}

function bullets(rng: Rng, ctx: SentenceContext, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`- ${sentence(rng.pick, rng.int, ctx)}`);
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The model the generator draws from

interface ServicePlan {
  index: number;
  id: string;
  domain: string;
  name: string;
  owner: string;
  tier: 1 | 2 | 3;
  component: string | undefined;
  dependsOn: string[];
}

interface SloPlan {
  name: string;
  service: ServicePlan;
  type: string;
  /** First SLO of its service (carries the service's error-budget policy, if any). */
  first: boolean;
  /** Set when its file is written: the SLI kind and, for threshold SLIs, the first objective's limit. */
  sli?: { kind: 'ratio' } | { kind: 'threshold'; limit: number };
  /** Set when its file is written: 1 − the first objective's target. */
  budget?: number;
}

interface World {
  rng: Rng;
  services: ServicePlan[];
  byId: Map<string, ServicePlan>;
  /** Status-page group of each component. */
  groups: Map<string, string>;
  slosByService: Map<string, string[]>;
  runbooksByService: Map<string, string[]>;
  people: string[];
}

function people(rng: Rng): string[] {
  const out: string[] = [];
  for (const first of FIRST_NAMES) {
    out.push(`@${first}`);
    out.push(`${first}.${rng.pick(LAST_NAMES)}@example.com`);
  }
  return out;
}

function planServices(rng: Rng, count: number): { services: ServicePlan[]; groups: Map<string, string> } {
  const combos = rng.shuffle(DOMAINS.flatMap((d) => ROLES.map((r) => [d, r] as const)));
  const componentGroup = new Map<string, string>();
  const out: ServicePlan[] = [];
  for (let i = 0; i < count; i++) {
    const [domain, role] = combos[i % combos.length]!;
    const round = Math.floor(i / combos.length);
    const id = round === 0 ? `${domain}-${role}` : `${domain}-${role}-${round + 1}`;
    const tier = rng.weighted([
      [1, 25],
      [2, 45],
      [3, 30],
    ] as const);
    let component: string | undefined;
    if (tier !== 3) {
      component =
        role === 'api' || role === 'gateway' ? `${title(domain)} API` : role === 'frontend' || role === 'web' ? `${title(domain)} web` : title(domain);
      if (!componentGroup.has(component)) componentGroup.set(component, rng.pick(GROUPS));
    }
    const earlier = out.slice(Math.max(0, i - 60));
    out.push({
      index: i,
      id,
      domain,
      name: `${title(domain)} ${ROLE_NAMES[role] ?? title(role)}${round === 0 ? '' : ` ${round + 1}`}`,
      owner: `team-${domain}`,
      tier,
      component,
      dependsOn: rng
        .sample(earlier, rng.int(0, Math.min(3, earlier.length)))
        .map((s) => s.id)
        .sort(),
    });
  }
  return { services: out, groups: componentGroup };
}

const SLO_TYPES = ['availability', 'latency', 'freshness', 'correctness', 'throughput'] as const;

function planSlos(services: ServicePlan[], count: number): SloPlan[] {
  const out: SloPlan[] = [];
  for (let i = 0; i < count; i++) {
    const service = services[i % services.length]!;
    const k = Math.floor(i / services.length);
    const round = Math.floor(k / SLO_TYPES.length);
    const type = SLO_TYPES[k % SLO_TYPES.length]!;
    out.push({ name: `${service.id}-${type}${round === 0 ? '' : `-${round + 1}`}`, service, type, first: k === 0 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Services

function serviceFile(w: World, s: ServicePlan): string {
  const { rng } = w;
  const data: ServiceInput = {
    name: s.name,
    description: `${s.name} ${rng.pick(['handles', 'serves', 'processes', 'owns'])} ${s.domain} ${rng.pick(['requests', 'events', 'records', 'traffic'])} for ${rng.pick(['customers', 'internal teams', 'the web app', 'partner integrations'])}.`,
    owner: s.owner,
    tier: s.tier,
    statusPage:
      s.component === undefined
        ? false
        : {
            component: s.component,
            group: w.groups.get(s.component),
            description: rng.chance(0.5) ? `${s.component} for all customers.` : undefined,
          },
    dependsOn: s.dependsOn,
    links: [
      { title: 'Dashboard', url: `https://grafana.example.com/d/${s.id}` },
      { title: 'Repository', url: `https://git.example.com/${s.domain}/${s.id}` },
      ...(rng.chance(0.5) ? [{ title: 'On-call schedule', url: `https://oncall.example.com/schedules/${s.owner}` }] : []),
    ],
  };
  return toYaml(data);
}

// ---------------------------------------------------------------------------------------------
// SLO files

type SloDoc = z.input<typeof SLOSchema>;
type SliDoc = z.input<typeof SLISchema>;
type AlertPolicyDoc = z.input<typeof AlertPolicySchema>;
type PolicyDoc = z.input<typeof ErrorBudgetPolicySchema>;
type SliSpec = SliDoc['spec'];
type MetricSource = { metricSource: { type?: string; spec: Record<string, unknown> } };

function promQuery(expr: string): MetricSource {
  return { metricSource: { type: 'Prometheus', spec: { query: expr } } };
}

function ratioSli(rng: Rng, slo: SloPlan): SliSpec {
  const svc = slo.service.id;
  if (rng.chance(0.2)) {
    return {
      description: `Share of ${slo.type} checks that failed for ${svc}.`,
      ratioMetric: {
        counter: true,
        bad: { metricSource: { type: 'Datadog', spec: { query: `sum:trace.http.request.errors{service:${svc}}.as_count()` } } },
        total: { metricSource: { type: 'Datadog', spec: { query: `sum:trace.http.request.hits{service:${svc}}.as_count()` } } },
      },
    };
  }
  const good =
    slo.type === 'latency'
      ? `sum(rate(http_request_duration_seconds_bucket{service="${svc}",le="0.3"}[5m]))`
      : `sum(rate(http_requests_total{service="${svc}",code!~"5.."}[5m]))`;
  return {
    description: `Good ${slo.type} events over all events for ${svc}.`,
    ratioMetric: {
      counter: true,
      good: promQuery(good),
      total: promQuery(`sum(rate(http_requests_total{service="${svc}"}[5m]))`),
    },
  };
}

function thresholdSli(slo: SloPlan): SliSpec {
  const svc = slo.service.id;
  const expr =
    slo.type === 'freshness'
      ? `time() - max(last_successful_sync_timestamp_seconds{service="${svc}"})`
      : `histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{service="${svc}"}[5m])) by (le))`;
  return { description: `${title(slo.type)} of ${svc}, in seconds.`, thresholdMetric: promQuery(expr) };
}

function target(rng: Rng): { target: number } | { targetPercent: number } {
  const percent = rng.pick([99, 99.5, 99.9, 99.95, 99.99, 95, 98]);
  return rng.chance(0.7) ? { target: Math.round(percent * 100) / 10000 } : { targetPercent: percent };
}

function metadata(rng: Rng, name: string, slo: SloPlan, displayName?: string) {
  return {
    name,
    displayName,
    labels: rng.chance(0.6) ? { team: slo.service.owner, tier: String(slo.service.tier) } : undefined,
    annotations: rng.chance(0.3) ? { 'example.com/owner': slo.service.owner } : undefined,
  };
}

function alertPolicySpec(rng: Rng, slo: SloPlan, fast: boolean, name: string): AlertPolicyDoc['spec'] {
  return {
    description: `${fast ? 'Fast' : 'Slow'} burn of the ${slo.name} error budget.`,
    alertWhenBreaching: true,
    alertWhenResolved: rng.chance(0.5),
    alertWhenNoData: rng.chance(0.3) ? false : undefined,
    conditions: [
      {
        kind: 'AlertCondition',
        metadata: { name: `${name}-condition` },
        spec: {
          severity: fast ? 'page' : 'ticket',
          condition: {
            kind: 'burnrate',
            op: 'gt',
            threshold: fast ? 14.4 : rng.pick([3, 6]),
            lookbackWindow: fast ? '1h' : rng.pick(['6h', '1d']),
            alertAfter: fast ? '5m' : '30m',
          },
        },
      },
    ],
    notificationTargets: [
      {
        kind: 'AlertNotificationTarget',
        metadata: { name: `${name}-target` },
        spec: { target: fast ? `pagerduty:${slo.service.owner}` : `slack:#${slo.service.owner}-alerts` },
      },
    ],
  };
}

function sloFile(w: World, slo: SloPlan, counts: Record<string, number>): string {
  const { rng } = w;
  const docs: object[] = [];
  const count = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);
  const threshold = slo.type === 'freshness' || (slo.type === 'latency' && rng.chance(0.5));
  const composite = slo.type === 'availability' && rng.chance(0.05);
  const separateSli = !composite && rng.chance(0.3);
  const sliSpec = threshold ? thresholdSli(slo) : ratioSli(rng, slo);
  const method = threshold
    ? rng.weighted([
        ['Occurrences', 3],
        ['Timeslices', 1],
      ] as const)
    : rng.weighted([
        ['Occurrences', 6],
        ['Timeslices', 1],
        ['RatioTimeslices', 1],
      ] as const);
  const slices = (): { timeSliceTarget?: number; timeSliceWindow?: string } =>
    method === 'Timeslices'
      ? { timeSliceTarget: rng.pick([0.9, 0.95, 0.99]), timeSliceWindow: rng.pick(['1m', '5m']) }
      : method === 'RatioTimeslices'
        ? { timeSliceWindow: rng.pick(['1m', '5m']) }
        : {};

  let objectives: SloDoc['spec']['objectives'];
  slo.sli = { kind: 'ratio' };
  if (composite) {
    objectives = ['read', 'write'].map((path) => ({
      displayName: `${title(path)} path`,
      ...target(rng),
      ...slices(),
      compositeWeight: path === 'read' ? 2 : 1,
      indicator: {
        metadata: { name: `${slo.name}-${path}` },
        spec: {
          ratioMetric: {
            counter: true,
            good: promQuery(`sum(rate(http_requests_total{service="${slo.service.id}",path="${path}",code!~"5.."}[5m]))`),
            total: promQuery(`sum(rate(http_requests_total{service="${slo.service.id}",path="${path}"}[5m]))`),
          },
        },
      },
    }));
  } else if (threshold) {
    const values =
      slo.type === 'freshness'
        ? ([
            [300, 'Fresh within 5 minutes'],
            [900, 'Fresh within 15 minutes'],
          ] as const)
        : ([
            [0.3, 'p99 under 300 ms'],
            [1, 'p99 under 1 s'],
          ] as const);
    // One objective: an SLO on a thresholdMetric SLI may define only one (OpenSLO v1).
    const [value, displayName] = values[rng.int(0, 1)]!;
    slo.sli = { kind: 'threshold', limit: value };
    objectives = [{ displayName, op: 'lte', value, ...target(rng), ...slices() }];
  } else {
    objectives = [{ displayName: `${title(slo.type)}`, ...target(rng), ...slices() }];
  }

  const head = objectives[0]!;
  slo.budget = 1 - (head.target ?? head.targetPercent! / 100);

  const alertPolicies: NonNullable<SloDoc['spec']['alertPolicies']> = [];
  const policyDocs: AlertPolicyDoc[] = [];
  const alerting = rng.weighted([
    ['docs', 45],
    ['inline', 15],
    ['none', 40],
  ] as const);
  if (alerting === 'docs') {
    for (const fast of rng.chance(0.6) ? [true, false] : [true]) {
      const name = `${slo.name}-${fast ? 'fast' : 'slow'}-burn`;
      policyDocs.push({ apiVersion: 'openslo/v1', kind: 'AlertPolicy', metadata: { name }, spec: alertPolicySpec(rng, slo, fast, name) });
      alertPolicies.push({ alertPolicyRef: name });
    }
  } else if (alerting === 'inline') {
    const name = `${slo.name}-fast-burn`;
    alertPolicies.push({ kind: 'AlertPolicy', metadata: { name }, spec: alertPolicySpec(rng, slo, true, name) });
  }

  const sliName = `${slo.name}-sli`;
  const calendar = rng.chance(0.2);
  const sloDoc: SloDoc = {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: metadata(rng, slo.name, slo, `${slo.service.name} ${slo.type}`),
    spec: {
      description: `${title(slo.type)} of ${slo.service.name} as customers experience it.`,
      service: slo.service.id,
      indicator: composite || separateSli ? undefined : { metadata: { name: sliName }, spec: sliSpec },
      indicatorRef: separateSli ? sliName : undefined,
      timeWindow: calendar
        ? [
            {
              duration: rng.pick(['1M', '1Q']),
              isRolling: false,
              calendar: { startTime: '2026-01-01 00:00:00', timeZone: rng.pick(['UTC', 'Europe/Berlin', 'America/New_York']) },
            },
          ]
        : [{ duration: rng.pick(['28d', '30d', '7d']), isRolling: true }],
      budgetingMethod: method,
      objectives,
      alertPolicies: alertPolicies.length > 0 ? alertPolicies : undefined,
    },
  };
  docs.push(sloDoc);
  count('SLO');
  if (separateSli) {
    const sliDoc: SliDoc = {
      apiVersion: 'openslo/v1',
      kind: 'SLI',
      metadata: { name: sliName, displayName: `${slo.service.name} ${slo.type} SLI` },
      spec: sliSpec,
    };
    docs.push(sliDoc);
    count('SLI');
  }
  for (const doc of policyDocs) {
    docs.push(doc);
    count('AlertPolicy');
  }
  if (slo.first && slo.service.index % 5 === 0) {
    const governed = w.slosByService.get(slo.service.id) ?? [slo.name];
    const policy: PolicyDoc = {
      apiVersion: 'keel/v1',
      kind: 'ErrorBudgetPolicy',
      metadata: { name: `${slo.service.id}-budget-policy`, displayName: `${slo.service.name} error budget policy` },
      spec: {
        description: `Agreed between ${slo.service.owner} and product in the quarterly reliability review.`,
        slos: governed,
        approvers: rng.sample(w.people, 2),
        steps: [
          { name: 'Budget at risk', when: { remainingBudgetBelow: 0.5 }, actions: ['review the error budget in the weekly team meeting'] },
          { name: 'Fast burn', when: { burnRate: { above: 14.4, window: '1h' } }, actions: ['page the on-call engineer', 'pause risky deploys'] },
          {
            name: 'Budget low',
            when: { remainingBudgetBelow: 0.25 },
            actions: ['prioritise reliability work over features', 'require a second reviewer for changes'],
          },
          { name: 'Budget exhausted', when: { remainingBudgetBelow: 0 }, actions: ['freeze feature releases', 'escalate to the engineering director'] },
        ],
      },
    };
    docs.push(policy);
    count('ErrorBudgetPolicy');
  }
  return docs.map((d) => toYaml(d)).join('---\n');
}

// ---------------------------------------------------------------------------------------------
// Runbooks

function runbookFile(w: World, service: ServicePlan, alertKind: string): string {
  const { rng } = w;
  const alert = `${pascal(service.id)}${alertKind}`;
  const secondary = rng.chance(0.3) && service.dependsOn.length > 0 ? rng.pick(service.dependsOn) : undefined;
  const data: z.input<typeof RunbookSchema> = {
    title: `${service.name}: ${kebab(alertKind).replaceAll('-', ' ')}`,
    services: secondary ? [service.id, secondary] : [service.id],
    alerts: rng.chance(0.25) ? [alert, `${alert}Critical`] : [alert],
    owner: service.owner,
    lastReviewed: calendarDay(NOW - rng.int(0, 88) * DAY),
    severity: rng.chance(0.7)
      ? { default: rng.pick(['SEV1', 'SEV2', 'SEV3'] as const), guidance: rng.chance(0.5) ? 'Raise to SEV1 when more than one region is affected.' : undefined }
      : undefined,
    tags: rng.sample(['database', 'network', 'kubernetes', 'capacity', 'dependency', 'certificates', 'queue', 'cache'], rng.int(0, 3)),
  };
  const ctx: SentenceContext = { service: service.id, component: service.component ?? service.name };
  const target = rng.int(1024, 3900);
  const ns = service.domain;
  const fixed = [
    `## Meaning\n\nThe alert \`${alert}\` fires when ${rng.pick(METRICS)} of ${service.id} stays outside its normal range for longer than the alert window. ${sentence(rng.pick, rng.int, ctx)}`,
    `## Impact\n\n${service.component ? `Customers may see degraded ${service.component}.` : 'Internal users may see delays; customers are not affected directly.'} ${sentence(rng.pick, rng.int, ctx)}`,
    `## Diagnosis\n\n1. Open the [service dashboard](https://grafana.example.com/d/${service.id}) and compare ${rng.pick(METRICS)} with the last seven days.\n2. Check recent deploys and configuration changes.\n3. Look for errors in the logs:\n\n\`\`\`bash\nkubectl -n ${ns} get pods -l app=${service.id}\nkubectl -n ${ns} logs deploy/${service.id} --since=15m | grep -i error | tail -n 50\n\`\`\`\n\n4. Check the error ratio directly:\n\n\`\`\`promql\nsum(rate(http_requests_total{service="${service.id}",code=~"5.."}[5m]))\n  / sum(rate(http_requests_total{service="${service.id}"}[5m]))\n\`\`\``,
    `## Mitigation\n\n1. If a deploy went out in the last hour, roll it back:\n\n\`\`\`bash\nkubectl -n ${ns} rollout undo deploy/${service.id}\n\`\`\`\n\n2. If the ${rng.pick(['database', 'cache', 'queue', 'upstream dependency'])} is saturated, ${rng.pick(MITIGATIONS)}.\n3. If nothing helps within 30 minutes, escalate to ${service.owner} and declare an incident.`,
  ];
  let body = `Runbook for \`${alert}\` on ${service.name}.\n\n${fixed.join('\n\n')}\n`;
  if (body.length < target) body += `\n## Notes\n\n${paragraphs(rng, ctx, target - body.length - 12)}\n`;
  return `---\n${toYaml(data)}---\n\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// Concerns

function concernFile(w: World, service: ServicePlan, topic: (typeof CONCERN_TOPICS)[number]): string {
  const { rng } = w;
  const raisedMs = HISTORY_START + Math.floor(rng.next() * (NOW - 30 * DAY - HISTORY_START));
  const status = rng.weighted([
    ['raised', 30],
    ['accepted', 20],
    ['rejected', 10],
    ['epic', 10],
    ['in-progress', 15],
    ['addressed', 15],
  ] as const);
  const decided = status !== 'raised';
  const epic = status === 'epic' || status === 'in-progress' || status === 'addressed';
  const services = [service.id, ...rng.sample(service.dependsOn, rng.int(0, 1))];
  const slos = rng.sample(w.slosByService.get(service.id) ?? [], rng.int(0, 2));
  const key = service.domain.slice(0, 4).toUpperCase();
  const data: z.input<typeof ConcernSchema> = {
    title: `${service.name} ${topic[1]}`,
    raisedBy: rng.pick(w.people),
    raisedOn: calendarDay(raisedMs),
    status,
    services,
    criteria: {
      whySre: `The risk spans ${service.owner} and every team that depends on ${service.name}.`,
      whyImportant: `${sentence(rng.pick, rng.int, { service: service.id, component: service.component ?? service.name })}`,
      whatIsInvolved: `${rng.pick(['Two sprints of work', 'A quarter of platform work', 'A small change and a game day', 'A design review and a migration'])} for ${service.owner}.`,
    },
    assessment: decided
      ? {
          value: rng.pick(['low', 'medium', 'high'] as const),
          effort: rng.pick(['low', 'medium', 'high'] as const),
          complexity: rng.pick(['low', 'medium', 'high'] as const),
          risk: rng.pick(['low', 'medium', 'high'] as const),
          blockers: rng.chance(0.4) ? [`Waiting for the ${rng.pick(DOMAINS)} migration`] : [],
          evidence: rng.chance(0.7)
            ? [{ title: `${rng.int(2, 9)} incidents in the last two quarters`, url: `https://grafana.example.com/d/${service.id}-incidents` }]
            : [],
        }
      : undefined,
    decision: decided
      ? {
          outcome: status === 'rejected' ? 'rejected' : 'accepted',
          date: calendarDay(raisedMs + rng.int(7, 28) * DAY),
          rationale:
            status === 'rejected' ? 'The risk is accepted until the service is replaced next year.' : 'The value outweighs the effort and the risk is growing.',
        }
      : undefined,
    links: epic
      ? {
          epic: `https://tracker.example.com/browse/${key}-${rng.int(100, 9999)}`,
          stories: Array.from({ length: rng.int(0, 3) }, () => `https://tracker.example.com/browse/${key}-${rng.int(100, 9999)}`),
        }
      : undefined,
    slos,
    beforeAfter:
      rng.chance(0.6) || status === 'addressed'
        ? {
            before: `${title(rng.pick(METRICS))} regularly exceeded its target during peak hours.`,
            after: status === 'addressed' ? `${title(rng.pick(METRICS))} has stayed within target for ${rng.int(4, 12)} weeks.` : undefined,
          }
        : undefined,
  };
  const ctx: SentenceContext = { service: service.id, component: service.component ?? service.name };
  const body = `## Context\n\n${paragraphs(rng, ctx, rng.int(250, 900))}\n\n## Proposal\n\n${paragraphs(rng, ctx, rng.int(200, 800))}\n`;
  return `---\n${toYaml(data)}---\n\n${body}`;
}

// ---------------------------------------------------------------------------------------------
// Incidents

const OFFSETS = [
  [0, 70],
  [60, 8],
  [120, 6],
  [-300, 5],
  [-240, 4],
  [330, 3],
  [540, 2],
  [-420, 2],
] as const;
const SEVERITY_WEIGHTS = [
  ['SEV0', 2],
  ['SEV1', 10],
  ['SEV2', 30],
  ['SEV3', 38],
  ['SEV4', 20],
] as const;

const UPDATE_BODIES = {
  investigating: [
    'We are investigating reports of {x} affecting {c}.',
    'We are aware of {x} affecting {c} and are looking into it.',
    'Some customers may experience {x} with {c}. We are investigating.',
  ],
  identified: [
    'We have identified the cause of {x} affecting {c} and are working on a fix.',
    'The issue has been identified and a fix is being rolled out.',
    'We are continuing to work on a fix for {c}.',
  ],
  monitoring: ['A fix has been applied and we are monitoring the results.', 'Error rates for {c} are back to normal. We are monitoring closely.'],
  resolved: ['This incident has been resolved. {c} is operating normally.', 'The issue is resolved and {c} is fully available again.'],
} as const;

type UpdateStatus = keyof typeof UPDATE_BODIES;

interface IncidentTimes {
  started: number;
  detected: number;
  acknowledged: number;
  mitigated: number | undefined;
  resolved: number | undefined;
}

function incidentTimes(rng: Rng, started: number, active: boolean): IncidentTimes {
  const detected = started + rng.int(1, 25) * MINUTE;
  const acknowledged = detected + rng.int(1, 15) * MINUTE;
  if (active) return { started, detected, acknowledged, mitigated: undefined, resolved: undefined };
  const duration = rng.weighted([
    [[10, 60], 50],
    [[60, 180], 35],
    [[180, 360], 15],
  ] as const);
  const mitigated = acknowledged + rng.int(duration[0], duration[1]) * MINUTE;
  const resolved = mitigated + rng.int(5, 60) * MINUTE;
  return { started, detected, acknowledged, mitigated, resolved };
}

/** Public updates at most 50 minutes apart (the cadence is 60m), oldest first. */
function publicUpdates(rng: Rng, t: IncidentTimes, offset: number, fill: (s: string) => string) {
  const updates: { at: string; status: UpdateStatus; body: string }[] = [];
  const end = t.resolved ?? NOW - rng.int(2, 20) * MINUTE;
  const mitigated = t.mitigated ?? Number.POSITIVE_INFINITY;
  const identifiedAt = t.acknowledged + ((Math.min(mitigated, end) - t.acknowledged) * 2) / 5;
  let at = t.detected + rng.int(2, 15) * MINUTE;
  if (t.resolved === undefined && at > end) at = end;
  do {
    const status: UpdateStatus = at < identifiedAt ? 'investigating' : at < mitigated ? 'identified' : 'monitoring';
    updates.push({ at: timestamp(at, offset), status, body: fill(rng.pick(UPDATE_BODIES[status])) });
    at += rng.int(15, 50) * MINUTE;
  } while (at < end);
  if (t.resolved !== undefined) updates.push({ at: timestamp(t.resolved, offset), status: 'resolved', body: fill(rng.pick(UPDATE_BODIES.resolved)) });
  return updates;
}

function incidentFile(w: World, startedAt: number, active: boolean, mdx: boolean): { id: string; text: string } {
  const { rng } = w;
  const severity = rng.weighted(SEVERITY_WEIGHTS);
  const primary = rng.pick(w.services);
  const services = [primary.id, ...rng.sample(primary.dependsOn, rng.int(0, Math.min(2, primary.dependsOn.length)))];
  const components = [...new Set(services.map((id) => w.byId.get(id)!.component).filter((c): c is string => c !== undefined))].slice(0, 2);
  const [symptomSlug, symptomTitle] = rng.pick(SYMPTOMS);
  const offset = rng.weighted(OFFSETS);
  const t = incidentTimes(rng, startedAt, active);
  const ts = (ms: number) => timestamp(ms, offset);
  const major = severity === 'SEV0' || severity === 'SEV1';
  const isPublic = components.length > 0 && rng.chance(major || severity === 'SEV2' ? 0.9 : 0.4);
  const mainComponent = components[0] ?? primary.name;
  const symptomText = symptomTitle.toLowerCase().replace(/ (on|of|in|for|from|affecting)$/, '');
  const fill = (s: string) =>
    s.replaceAll('{c}', mainComponent).replaceAll('{x}', symptomText.replace(/^(outage|partial outage|regression after a deploy)$/, 'errors'));
  const ageDays = t.resolved === undefined ? 0 : (NOW - t.resolved) / DAY;
  // Published a day before it is due (retrospectiveDueDays after the day of resolution), so the corpus has no overdue one.
  const dueDays = SEVERITY_DEFAULTS[severity].retrospectiveDueDays - 1;
  const review = active || ageDays < Math.min(7, dueDays) ? 'draft' : ageDays < Math.min(30, dueDays) ? 'in-review' : 'published';
  const key = primary.domain.slice(0, 4).toUpperCase();

  const impactEnd = t.mitigated;
  const impact: NonNullable<IncidentInput['impact']> = [];
  for (const component of components) {
    const from = t.started + rng.int(0, (t.detected - t.started) / MINUTE) * MINUTE;
    if (major && impactEnd !== undefined) {
      const mid = from + Math.floor((impactEnd - from) / 2 / MINUTE) * MINUTE;
      impact.push({ component, level: severity === 'SEV0' ? 'major_outage' : 'partial_outage', from: ts(from), to: ts(mid) });
      impact.push({ component, level: 'degraded_performance', from: ts(mid), to: ts(impactEnd) });
    } else {
      impact.push({
        component,
        level: major ? 'major_outage' : rng.pick(['degraded_performance', 'partial_outage'] as const),
        from: ts(from),
        to: impactEnd === undefined ? undefined : ts(impactEnd),
      });
    }
  }

  const followUps: NonNullable<IncidentInput['followUps']> = Array.from({ length: active ? 0 : rng.int(1, 5) }, () => {
    const number = rng.int(100, 9999);
    const old = ageDays > 120;
    const title = rng.pick(FOLLOW_UP_TITLES);
    const owner = rng.chance(0.5) ? primary.owner : rng.pick(w.people);
    const due = calendarDay((t.resolved ?? NOW) + rng.int(7, 90) * DAY);
    const status = old
      ? rng.weighted([
          ['done', 70],
          ['wont-do', 10],
          ['in-progress', 10],
          ['open', 10],
        ] as const)
      : rng.weighted([
          ['open', 40],
          ['in-progress', 30],
          ['done', 30],
        ] as const);
    return {
      id: `${key}-${number}`,
      title,
      owner,
      due,
      // An action due before today is done by now: the corpus has no overdue follow-up.
      status: due < calendarDay(NOW) && (status === 'open' || status === 'in-progress') ? 'done' : status,
      type: rng.pick(['prevent', 'mitigate', 'detect', 'process'] as const),
      priority: rng.pick(['P0', 'P1', 'P2', 'P3'] as const),
      url: `https://tracker.example.com/browse/${key}-${number}`,
    };
  });

  const responders = rng.sample(w.people, rng.int(1, 5));
  const data: IncidentInput = {
    title: `${symptomTitle} ${primary.name}`,
    severity,
    started: ts(t.started),
    detected: ts(t.detected),
    acknowledged: ts(t.acknowledged),
    mitigated: t.mitigated === undefined ? undefined : ts(t.mitigated),
    resolved: t.resolved === undefined ? undefined : ts(t.resolved),
    services,
    slos: rng.sample(w.slosByService.get(primary.id) ?? [], rng.int(0, 2)),
    runbooks: rng.sample(w.runbooksByService.get(primary.id) ?? [], rng.int(0, 2)),
    detection: rng.weighted([
      ['alert', 60],
      ['customer', 15],
      ['employee', 10],
      ['synthetic', 10],
      ['other', 5],
    ] as const),
    // An internal incident records no status-page impact (incident/internal-impact would warn).
    impact: isPublic ? impact : [],
    public: isPublic
      ? {
          title: `${symptomTitle} ${mainComponent}`,
          summary:
            review === 'published'
              ? `Between ${clockTime(t.started)} and ${clockTime(t.mitigated ?? t.started)} UTC some customers experienced ${symptomText} with ${mainComponent}. The cause was ${rng.pick(CAUSES)}.`
              : undefined,
          customerImpact:
            t.resolved === undefined
              ? undefined
              : `Some requests to ${mainComponent} failed or were slow for ${Math.round((t.mitigated! - t.started) / MINUTE)} minutes.`,
          notAffected: rng.chance(0.4) ? 'No data was lost. Other components were not affected.' : undefined,
          actions: review === 'published' ? followUps.slice(0, 2).map((f) => f.title) : [],
          updates: publicUpdates(rng, t, offset, fill),
        }
      : undefined,
    participants: {
      commander: rng.pick(w.people),
      scribe: rng.chance(0.6) ? rng.pick(w.people) : undefined,
      communications: isPublic ? rng.pick(w.people) : undefined,
      responders,
    },
    contributingFactors: active
      ? []
      : Array.from({ length: rng.int(1, 4) }, () => {
          const category = rng.weighted([
            ['technical', 50],
            ['process', 30],
            ['people', 10],
            ['external', 10],
          ] as const);
          return { category, description: rng.pick(FACTORS[category]) };
        }),
    followUps,
    review: review === 'draft' ? { status: 'draft' } : { status: review, date: calendarDay(t.resolved! + rng.int(2, 6) * DAY) },
    tags: rng.sample(['database', 'network', 'deploy', 'config', 'capacity', 'third-party', 'dns', 'customer-reported'], rng.int(0, 3)),
  };

  let id = `${calendarDay(t.started)}-${primary.id}-${symptomSlug}`;
  if (id.length > 58) id = id.slice(0, 58).replace(/-+$/, '');
  const body = retrospective(w, data, t, primary, mainComponent, followUps, mdx);
  return { id, text: `---\n${toYaml(data)}---\n\n${body}` };
}

function retrospective(
  w: World,
  data: IncidentInput,
  t: IncidentTimes,
  primary: ServicePlan,
  component: string,
  followUps: NonNullable<IncidentInput['followUps']>,
  mdx: boolean,
): string {
  const { rng } = w;
  const ctx: SentenceContext = { service: primary.id, component };
  const target = rng.int(2048, 5960);
  const timeline = [
    `- ${clockTime(t.started)} UTC: customer impact begins.`,
    `- ${clockTime(t.detected)} UTC: ${data.detection === 'alert' ? `an alert fires for ${primary.id}` : 'the problem is reported'}.`,
    `- ${clockTime(t.acknowledged)} UTC: ${data.participants?.commander ?? 'the on-call engineer'} acknowledges and takes command.`,
    ...(t.mitigated === undefined ? [] : [`- ${clockTime(t.mitigated)} UTC: we ${rng.pick(ACTIONS)}; impact ends.`]),
    ...(t.resolved === undefined ? [] : [`- ${clockTime(t.resolved)} UTC: incident resolved.`]),
  ].join('\n');
  // The seven elements of a retrospective (src/schemas/retrospective.ts), then the two extras.
  const sections = [
    `## Messages to stakeholders\n\n${paragraphs(rng, ctx, 300)}`,
    `## Monitoring context\n\n${sentence(rng.pick, rng.int, ctx)}`,
    `## Communication timeline\n\n${timeline}`,
    '', // contributing factors, sized below
    `## Technical analysis\n\n${bullets(rng, ctx, rng.int(2, 4))}`,
    `## Follow-up actions\n\n${followUps.length === 0 ? 'To be agreed in the review.' : followUps.map((f) => `- [${f.id}](${f.url}): ${f.title}`).join('\n')}`,
    `## Narrative\n\n${sentence(rng.pick, rng.int, ctx)}`,
    `## What went well\n\n${bullets(rng, ctx, rng.int(2, 4))}`,
    `## Where we got lucky\n\n${sentence(rng.pick, rng.int, ctx)}`,
  ];
  if (mdx) {
    sections.splice(
      2,
      0,
      `<details>\n<summary>Alert details</summary>\n\nThe alert for ${primary.id} fired on ${rng.pick(METRICS)} and paged ${primary.owner}.\n\n</details>`,
    );
  }
  const head = mdx ? `{/* Reviewed in the weekly incident review. */}\n\n` : '';
  const fixedSize = sections.reduce((n, s) => n + s.length + 2, head.length + '## Contributing factors\n\n'.length);
  sections[sections.indexOf('')] = `## Contributing factors\n\n${paragraphs(rng, ctx, Math.max(300, target - fixedSize))}`;
  return `${head}${sections.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Measurements

const HOUR = 3_600_000;
const MEASUREMENT_HOURS = 90 * 24;

/** FNV-1a of a name: each SLO's measurements have a generator of their own. */
function hashOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

const isoHour = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/**
 * Hourly rows of one SLO over the 90 days up to NOW: a daily traffic curve with noise; about
 * one SLO in ten misses a stretch of 6–48 hours; about one in four has burns of 1–8 hours
 * (errors at 10–300 times the budget's rate, or values 1.5–4 times the limit), one in twenty
 * of them at the very end. Outside burns, errors run at 5–90 % of the budget's rate.
 */
function measurementFile(seed: number, slo: SloPlan): { text: string; rows: number } {
  const rng = createRng((seed ^ hashOf(slo.name)) >>> 0);
  const sli = slo.sli ?? { kind: 'ratio' };
  const budget = slo.budget ?? 0.001;
  const first = NOW - (MEASUREMENT_HOURS - 1) * HOUR;
  const gap = rng.chance(0.1) ? { from: first + rng.int(0, MEASUREMENT_HOURS - 48) * HOUR, hours: rng.int(6, 48) } : undefined;
  const burns: { from: number; to: number; level: number }[] = [];
  if (rng.chance(0.25)) {
    for (let n = rng.int(1, 3); n > 0; n--) {
      const hours = rng.int(1, 8);
      const from = rng.chance(0.05) ? NOW - (hours - 1) * HOUR : first + rng.int(0, MEASUREMENT_HOURS - hours) * HOUR;
      burns.push({ from, to: from + (hours - 1) * HOUR, level: sli.kind === 'ratio' ? Math.min(1, budget * rng.int(10, 300)) : 1.5 + rng.next() * 2.5 });
    }
  }
  const peak = rng.int(200, 50_000);
  const badRate = budget * rng.pick([0.05, 0.2, 0.5, 0.9]);
  const lines = [sli.kind === 'ratio' ? 'timestamp,good,total' : 'timestamp,value'];
  for (let t = first; t <= NOW; t += HOUR) {
    if (gap && t >= gap.from && t < gap.from + gap.hours * HOUR) continue;
    const hour = new Date(t).getUTCHours();
    const shape = 0.3 + Math.exp(-(((hour - 14) / 5) ** 2));
    const burn = burns.find((b) => t >= b.from && t <= b.to);
    if (sli.kind === 'ratio') {
      const total = Math.max(1, Math.round(peak * shape * (0.9 + 0.2 * rng.next())));
      const rate = burn ? burn.level : badRate * (0.5 + rng.next());
      const bad = Math.min(total, Math.round(total * rate));
      lines.push(`${isoHour(t)},${total - bad},${total}`);
    } else {
      const usual = sli.limit * (0.4 + 0.25 * shape) * (0.85 + 0.3 * rng.next());
      const value = burn ? sli.limit * burn.level : usual;
      lines.push(`${isoHour(t)},${value.toFixed(3)}`);
    }
  }
  return { text: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}

// ---------------------------------------------------------------------------------------------
// keel.yaml

function settingsFile(): string {
  const data: SettingsInput = {
    organisation: { name: 'Example Corp', url: 'https://example.com', statusPageUrl: 'https://status.example.com' },
    timeZone: 'Europe/Berlin',
    severities: { SEV1: { timeToAction: '15m' }, SEV2: { timeToAction: '30m' } },
    publicUpdateCadence: '60m',
    runbookReviewInterval: '90d',
    launchedOn: '2023-01-01',
  };
  return toYaml(data);
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Writes the corpus; refuses a non-empty folder unless `force`. */
export function generateCorpus(options: CorpusOptions): CorpusResult {
  const { out, seed = DEFAULT_SEED, scale = 1, force = false, measurements = false } = options;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer (got ${seed})`);
  const counts = corpusCounts(scale);
  if (existsSync(out) && readdirSync(out).length > 0) {
    if (!force) throw new Error(`${out} is not empty; pass --force to replace the corpus in it`);
    for (const folder of [...FOLDERS, 'measurements']) rmSync(join(out, folder), { recursive: true, force: true });
    rmSync(join(out, 'keel.yaml'), { force: true });
  }
  mkdirSync(out, { recursive: true });
  for (const folder of FOLDERS) mkdirSync(join(out, folder), { recursive: true });

  let files = 0;
  let bytes = 0;
  const write = (rel: string, text: string) => {
    writeFileSync(join(out, rel), text);
    files++;
    bytes += Buffer.byteLength(text);
  };

  const rng = createRng(seed);
  const { services, groups } = planServices(rng, counts.services);
  const world: World = {
    rng,
    services,
    groups,
    byId: new Map(services.map((s) => [s.id, s])),
    slosByService: new Map(),
    runbooksByService: new Map(),
    people: people(rng),
  };
  const slos = planSlos(services, counts.slos);
  for (const slo of slos) {
    const list = world.slosByService.get(slo.service.id) ?? [];
    list.push(slo.name);
    world.slosByService.set(slo.service.id, list);
  }
  const runbooks: { id: string; service: ServicePlan; alertKind: string }[] = [];
  const alertOrder = new Map<string, string[]>();
  for (let i = 0; i < counts.runbooks; i++) {
    const service = services[i % services.length]!;
    const k = Math.floor(i / services.length);
    let kinds = alertOrder.get(service.id);
    if (!kinds) alertOrder.set(service.id, (kinds = rng.shuffle(ALERT_KINDS)));
    const alertKind = kinds[k % kinds.length]!;
    const round = Math.floor(k / kinds.length);
    const id = `${service.id}-${kebab(alertKind)}${round === 0 ? '' : `-${round + 1}`}`;
    runbooks.push({ id, service, alertKind });
    const list = world.runbooksByService.get(service.id) ?? [];
    list.push(id);
    world.runbooksByService.set(service.id, list);
  }

  write('keel.yaml', settingsFile());
  for (const s of services) write(`services/${s.id}.yaml`, serviceFile(world, s));
  const sloDocuments: Record<string, number> = {};
  for (const slo of slos) write(`slos/${slo.name}.yaml`, sloFile(world, slo, sloDocuments));
  for (const r of runbooks) write(`runbooks/${r.id}.md`, runbookFile(world, r.service, r.alertKind));

  const concernIds = new Set<string>();
  for (let i = 0; i < counts.concerns; i++) {
    const service = rng.pick(services);
    const topic = rng.pick(CONCERN_TOPICS);
    let id = `${service.id}-${topic[0]}`;
    for (let n = 2; concernIds.has(id); n++) id = `${service.id}-${topic[0]}-${n}`;
    concernIds.add(id);
    write(`concerns/${id}.md`, concernFile(world, service, topic));
  }

  // Incidents spread evenly over the history with jitter; the newest few are still active.
  const active = Math.round(counts.incidents * 0.0005);
  const span = (HISTORY_END - HISTORY_START) / counts.incidents;
  const incidentIds = new Set<string>();
  let mdx = 0;
  for (let i = 0; i < counts.incidents; i++) {
    const isActive = i >= counts.incidents - active;
    const started = isActive ? NOW - rng.int(40, 200) * MINUTE : HISTORY_START + Math.floor(((i + rng.next()) * span) / MINUTE) * MINUTE;
    const isMdx = i % MDX_EVERY === MDX_EVERY / 2;
    const incident = incidentFile(world, started, isActive, isMdx);
    let id = incident.id;
    for (let n = 2; incidentIds.has(id); n++) id = `${incident.id}-${n}`;
    incidentIds.add(id);
    write(`incidents/${id}.${isMdx ? 'mdx' : 'md'}`, incident.text);
    if (isMdx) mdx++;
  }

  let measurementFiles = 0;
  let measurementRows = 0;
  if (measurements) {
    mkdirSync(join(out, 'measurements'), { recursive: true });
    for (const slo of slos) {
      const file = measurementFile(seed, slo);
      write(`measurements/${slo.name}.csv`, file.text);
      measurementFiles++;
      measurementRows += file.rows;
    }
  }

  return { files, bytes, counts, mdx, sloDocuments, measurementFiles, measurementRows };
}
