/**
 * What `keel new <kind>` asks for and writes, per kind: the fields (each a command-line flag and
 * a prompt), and the file built from their values. Times are prefilled in the portal's time
 * zone with their offset; references are offered from what the content folder holds.
 */
import { frontMatterFile, yamlDocuments, yamlFile } from '../../content/write.ts';
import { slug } from '../../core/slug.ts';
import { instantOf, wallClockText } from '../../core/time.ts';
import type { CollectionName } from '../../kinds/index.ts';
import { RETROSPECTIVE_EXTRA_SECTIONS, RETROSPECTIVE_SECTIONS, type RetrospectiveSection } from '../../schemas/retrospective.ts';
import type { RequiredSection } from '../../schemas/settings.ts';
import { RUNBOOK_SECTIONS } from '../../schemas/runbook.ts';
import { IncidentImpact, SEVERITIES } from '../../schemas/common.ts';

/** What the content folder holds that a new file may refer to. */
export interface Existing {
  services: { id: string; owner: string; component?: string | undefined }[];
  slos: { id: string; service: string }[];
  runbooks: { id: string; services: readonly string[] }[];
  /** Status-page components, as the services declare them. */
  components: string[];
}

export interface TemplateContext {
  existing: Existing;
  /** The run's "now" and the portal's time zone. */
  now: number;
  zone: string;
  /** Today in the portal's zone (YYYY-MM-DD), and now there to the minute with its offset. */
  today: string;
  nowInZone: string;
  /** Where the file's folder is relative to Keel's JSON Schemas (for the yaml-language-server comment). */
  schemaDir: string;
  /** The retrospective's sections as keel.yaml requires them (default: the seven elements). */
  retrospectiveSections: readonly RequiredSection[];
}

/** A value as collected: text, or a list for multi-choice fields. */
export type Value = string | string[];
export type Values = Record<string, Value | undefined>;

export interface Field {
  /** The flag (`--severity`), also the key in Values. */
  flag: string;
  /** The prompt, and the flag's description. */
  label: string;
  type: 'text' | 'select' | 'multi' | 'time' | 'date';
  /** Choices of select and multi fields. */
  choices?: (context: TemplateContext, values: Values) => readonly string[];
  /** Prefilled value (the prompt's default; the value used without a terminal). */
  initial?: (context: TemplateContext, values: Values) => Value | undefined;
  /** Without a value (none given, none prefilled) the file cannot be written. */
  required?: boolean;
  /** Asked (and prefilled) only when this holds for the answers so far; default: always. */
  when?: (values: Values) => boolean;
}

export interface Template {
  kind: string;
  collection: CollectionName;
  /** A sentence for the usage. */
  summary: string;
  fields: readonly Field[];
  /** Folder in the content folder and the file's extension. */
  folder: string;
  extension: '.md' | '.yaml';
  /** What the id starts with before the title's slug (incidents and maintenance: their day). */
  prefix?: (values: Values, context: TemplateContext) => string;
  /** The data as the kind's schema reads it (checked before anything is written). */
  data: (title: string, values: Values, context: TemplateContext) => Record<string, unknown>;
  /** The file's text. */
  text: (data: Record<string, unknown>, title: string, context: TemplateContext) => string;
}

const today = (c: TemplateContext) => c.today;
const nowInZone = (c: TemplateContext) => c.nowInZone;
const list = (value: Value | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : value === '' ? [] : [value]);
const text = (value: Value | undefined): string | undefined => (Array.isArray(value) ? value.join(', ') : value || undefined);
/** The data without the keys whose value is undefined (YAML would write `null`). */
const defined = (data: Record<string, unknown>) => Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
const schemaComment = (c: TemplateContext, file: string) => `yaml-language-server: $schema=${c.schemaDir}/${file}`;

const headingKey = (heading: string) => heading.toLowerCase().replace(/\s+/g, ' ').trim();
const KNOWN_SECTIONS: readonly RetrospectiveSection[] = [...RETROSPECTIVE_SECTIONS, ...RETROSPECTIVE_EXTRA_SECTIONS];

/**
 * The retrospective template: the sections keel.yaml requires, as it names them, each with the
 * guidance of the section it is (by heading or alias), then the extra sections it does not list.
 */
function retrospectiveTemplate(required: readonly RequiredSection[]): string {
  const guidanceOf = (r: RequiredSection) =>
    KNOWN_SECTIONS.find((k) =>
      [r.heading, ...r.aliases].some((h) => headingKey(h) === headingKey(k.heading) || (k.aliases ?? []).some((a) => headingKey(a) === headingKey(h))),
    )?.guidance ?? 'What the team agreed this section holds.';
  const listed = new Set(required.flatMap((r) => [r.heading, ...r.aliases].map(headingKey)));
  const extras = RETROSPECTIVE_EXTRA_SECTIONS.filter((s) => !listed.has(headingKey(s.heading)));
  return [...required.map((r) => ({ heading: r.heading, guidance: guidanceOf(r) })), ...extras]
    .map((s) => `## ${s.heading}\n\n<!-- ${s.guidance} -->\n`)
    .join('\n');
}

const servicesField = (label: string, required: boolean): Field => ({
  flag: 'services',
  label,
  type: 'multi',
  choices: (c) => c.existing.services.map((s) => s.id),
  required,
});

/** The impact a severity usually means to customers: the prefilled answer, to confirm or change. */
const IMPACT_OF_SEVERITY: Readonly<Record<string, string>> = { SEV0: 'critical', SEV1: 'critical', SEV2: 'major', SEV3: 'minor', SEV4: 'none' };

const INCIDENT: Template = {
  kind: 'incident',
  collection: 'incidents',
  summary: 'an incident with its key times and the retrospective template (the seven elements, what went well, where we got lucky)',
  fields: [
    { flag: 'severity', label: 'Severity', type: 'select', choices: () => SEVERITIES, initial: () => 'SEV3', required: true },
    { flag: 'started', label: 'When did customer impact begin?', type: 'time', initial: nowInZone, required: true },
    { flag: 'detected', label: 'When was it detected?', type: 'time', initial: (_, v) => v.started },
    servicesField('Affected services', false),
    {
      flag: 'slos',
      label: 'SLOs whose budget it consumed',
      type: 'multi',
      choices: (c, v) => {
        const services = list(v.services);
        return c.existing.slos.filter((s) => services.length === 0 || services.includes(s.service)).map((s) => s.id);
      },
    },
    {
      flag: 'runbooks',
      label: 'Runbooks used',
      type: 'multi',
      choices: (c, v) => {
        const services = list(v.services);
        return c.existing.runbooks.filter((r) => services.length === 0 || r.services.some((s) => services.includes(s))).map((r) => r.id);
      },
    },
    { flag: 'commander', label: 'Incident commander (handle, e.g. @alice)', type: 'text' },
    { flag: 'public-title', label: 'Title customers see on the status page (empty: the incident stays internal for now)', type: 'text' },
    {
      flag: 'public-impact',
      label: 'Impact customers are told (Statuspage: none, minor, major, critical)',
      type: 'select',
      choices: () => IncidentImpact.options,
      initial: (_, v) => IMPACT_OF_SEVERITY[String(v.severity)],
      when: (v) => Boolean(text(v['public-title'])),
    },
  ],
  folder: 'incidents',
  extension: '.md',
  prefix: (v, c) => `${String(v.started ?? today(c)).slice(0, 10)}-`,
  data: (title, v, c) =>
    defined({
      title,
      severity: text(v.severity),
      started: text(v.started),
      detected: text(v.detected),
      services: list(v.services),
      slos: list(v.slos),
      runbooks: list(v.runbooks),
      participants: text(v.commander) ? { commander: text(v.commander) } : undefined,
      // A public title starts the customer statement with its first update, posted now.
      public: text(v['public-title'])
        ? {
            title: text(v['public-title']),
            ...(text(v['public-impact']) ? { impact: text(v['public-impact']) } : {}),
            updates: [{ at: c.nowInZone, status: 'investigating', body: 'We are investigating the problem and will post an update as soon as we know more.' }],
          }
        : undefined,
      review: { status: 'draft' },
    }),
  text: (data, _, c) =>
    frontMatterFile(
      data,
      `<!--
  The retrospective. Write it as a pull request once the incident is resolved: blameless, in
  the words of what people knew and saw then. Customers see only the public: block of the front
  matter (add it to publish updates); this body stays on the internal site.
-->

${retrospectiveTemplate(c.retrospectiveSections)}`,
    ),
};

const RUNBOOK: Template = {
  kind: 'runbook',
  collection: 'runbooks',
  summary: `a runbook with its sections (${RUNBOOK_SECTIONS.join(', ')}), reviewed today`,
  fields: [
    servicesField('Services it applies to', true),
    {
      flag: 'owner',
      label: 'Owner (team or person)',
      type: 'text',
      initial: (c, v) => c.existing.services.find((s) => list(v.services).includes(s.id))?.owner,
      required: true,
    },
    { flag: 'alerts', label: 'Alerts it handles (comma-separated, as the alerting system names them)', type: 'text' },
  ],
  folder: 'runbooks',
  extension: '.md',
  data: (title, v, c) =>
    defined({
      title,
      services: list(v.services),
      alerts: (text(v.alerts) ?? '')
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      owner: text(v.owner),
      lastReviewed: today(c),
    }),
  text: (data) =>
    frontMatterFile(
      data,
      [
        ['Meaning', 'What the alert or symptom means, in one paragraph.'],
        ['Impact', 'What customers and other services notice while it lasts.'],
        ['Diagnosis', 'Dashboards, queries and commands that tell the cases apart.'],
        ['Mitigation', 'Steps that stop the impact, safest first; how to tell each worked.'],
      ]
        .filter(([heading]) => (RUNBOOK_SECTIONS as readonly string[]).includes(heading!))
        .map(([heading, guidance]) => `## ${heading}\n\n<!-- ${guidance} -->\n`)
        .join('\n'),
    ),
};

const CONCERN: Template = {
  kind: 'concern',
  collection: 'concerns',
  summary: 'a concern for the SRE council, raised today, with the three questions',
  fields: [
    { flag: 'raised-by', label: 'Raised by (handle, e.g. @alice)', type: 'text', required: true },
    servicesField('Services concerned', false),
    { flag: 'why-sre', label: "Why is this the SRE council's business rather than one team's?", type: 'text', required: true },
    { flag: 'why-important', label: 'Why does it matter now (customer or business risk)?', type: 'text', required: true },
    { flag: 'what-is-involved', label: 'What would addressing it take?', type: 'text', required: true },
  ],
  folder: 'concerns',
  extension: '.md',
  data: (title, v, c) =>
    defined({
      title,
      raisedBy: text(v['raised-by']),
      raisedOn: today(c),
      status: 'raised',
      services: list(v.services),
      criteria: { whySre: text(v['why-sre']), whyImportant: text(v['why-important']), whatIsInvolved: text(v['what-is-involved']) },
    }),
  text: (data) =>
    frontMatterFile(data, '## Context\n\n<!-- Incidents, graphs and tickets that show the concern; the council reads this before it meets. -->\n'),
};

const EXPERIMENT: Template = {
  kind: 'experiment',
  collection: 'experiments',
  summary: 'a planned chaos experiment: hypothesis, steady state, blast radius, back-out plan and roles',
  fields: [
    { flag: 'game-day', label: 'Game day it belongs to', type: 'text', initial: (c) => `${today(c).slice(0, 7)}-game-day`, required: true },
    servicesField('Services under test', true),
    {
      flag: 'slo',
      label: 'SLO that defines the steady state',
      type: 'select',
      choices: (c, v) => c.existing.slos.filter((s) => list(v.services).length === 0 || list(v.services).includes(s.service)).map((s) => s.id),
      required: true,
    },
    { flag: 'hypothesis', label: 'Hypothesis: what stays true while the fault is injected?', type: 'text', required: true },
    { flag: 'method', label: 'The fault and how it is injected', type: 'text', required: true },
    { flag: 'blast-radius', label: 'Blast radius: who could be affected, and how it is contained', type: 'text', required: true },
    { flag: 'back-out-plan', label: 'Back-out plan', type: 'text', required: true },
    { flag: 'driver', label: 'Driver (runs the fault injection)', type: 'text', required: true },
    { flag: 'recorder', label: 'Recorder (keeps the timeline)', type: 'text', required: true },
    { flag: 'commander', label: 'Commander (can call it off)', type: 'text', required: true },
  ],
  folder: 'experiments',
  extension: '.md',
  data: (title, v) =>
    defined({
      title,
      gameDay: text(v['game-day']),
      status: 'planned',
      services: list(v.services),
      hypothesis: text(v.hypothesis),
      steadyState: { slo: text(v.slo) },
      method: text(v.method),
      blastRadius: text(v['blast-radius']),
      backOutPlan: text(v['back-out-plan']),
      roles: { driver: text(v.driver), recorder: text(v.recorder), commander: text(v.commander) },
    }),
  text: (data) =>
    frontMatterFile(data, '## Notes\n\n<!-- The run as it happened: times, observations, surprises. Results go in the front matter once executed. -->\n'),
};

const SERVICE: Template = {
  kind: 'service',
  collection: 'services',
  summary: 'a catalog service: owner, tier, and its status-page component if customers see it',
  fields: [
    { flag: 'owner', label: 'Owning team', type: 'text', required: true },
    {
      flag: 'tier',
      label: 'Tier (1 customer-facing and critical … 3 internal tooling)',
      type: 'select',
      choices: () => ['1', '2', '3'],
      initial: () => '2',
      required: true,
    },
    { flag: 'component', label: 'Status-page component name (empty: not on the status page)', type: 'text' },
    { flag: 'depends-on', label: 'Services it depends on', type: 'multi', choices: (c) => c.existing.services.map((s) => s.id) },
  ],
  folder: 'services',
  extension: '.yaml',
  data: (title, v) =>
    defined({
      name: title,
      owner: text(v.owner),
      tier: Number(text(v.tier)),
      statusPage: text(v.component) ? { component: text(v.component) } : undefined,
      dependsOn: list(v['depends-on']),
    }),
  text: (data, _, c) => yamlFile(data, [schemaComment(c, 'service.schema.json')]),
};

const SLO: Template = {
  kind: 'slo',
  collection: 'slos',
  summary: 'an OpenSLO v1 SLO: a ratio of good to total events over a rolling window',
  fields: [
    { flag: 'service', label: 'Service (catalog id)', type: 'select', choices: (c) => c.existing.services.map((s) => s.id), required: true },
    { flag: 'target', label: 'Objective (fraction of good events, e.g. 0.999)', type: 'text', initial: () => '0.999', required: true },
    { flag: 'window', label: 'Rolling window', type: 'select', choices: () => ['28d', '30d', '7d'], initial: () => '28d', required: true },
    { flag: 'good', label: 'Query counting good events', type: 'text', required: true },
    { flag: 'total', label: 'Query counting all events', type: 'text', required: true },
  ],
  folder: 'slos',
  extension: '.yaml',
  data: (title, v) => {
    const name = slug(title);
    return {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name, displayName: title },
      spec: {
        service: text(v.service),
        indicator: {
          metadata: { name: `${name}-events`.slice(0, 63) },
          spec: {
            ratioMetric: {
              counter: true,
              good: { metricSource: { type: 'Prometheus', spec: { query: text(v.good) } } },
              total: { metricSource: { type: 'Prometheus', spec: { query: text(v.total) } } },
            },
          },
        },
        timeWindow: [{ duration: text(v.window), isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ displayName: title, target: Number(text(v.target)) }],
      },
    };
  },
  text: (data, _, c) => yamlDocuments([data], [schemaComment(c, 'openslo.schema.json')]),
};

const MAINTENANCE: Template = {
  kind: 'maintenance',
  collection: 'maintenance',
  summary: 'a scheduled maintenance with its window and a first "scheduled" update',
  fields: [
    { flag: 'from', label: 'Start of the window', type: 'time', required: true },
    { flag: 'to', label: 'End of the window', type: 'time', required: true },
    { flag: 'components', label: 'Status-page components affected', type: 'multi', choices: (c) => c.existing.components },
    { flag: 'description', label: 'What will happen and what customers will notice', type: 'text', required: true },
  ],
  folder: 'maintenance',
  extension: '.yaml',
  prefix: (v, c) => `${String(v.from ?? today(c)).slice(0, 10)}-`,
  data: (title, v, c) => {
    const from = text(v.from)!;
    const to = text(v.to)!;
    const window = `${wallClockText(instantOf(from), c.zone)} to ${wallClockText(instantOf(to), c.zone)}`;
    return {
      title,
      description: text(v.description),
      components: list(v.components),
      scheduled: { from, to },
      updates: [{ at: nowInZone(c), status: 'scheduled', body: `${title} is scheduled for ${window}.` }],
    };
  },
  text: (data, _, c) => yamlFile(data, [schemaComment(c, 'maintenance.schema.json')]),
};

/** Every kind `keel new` writes, in the order the usage lists them. */
export const TEMPLATES: readonly Template[] = [INCIDENT, RUNBOOK, CONCERN, EXPERIMENT, SLO, SERVICE, MAINTENANCE];
