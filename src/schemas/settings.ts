import { z } from 'zod';
import { isTimeZone } from '../core/time.ts';
import { addRuleIssue, CalendarDate, Duration, SEVERITIES, Text, Url } from './common.ts';
import { RETROSPECTIVE_SECTIONS } from './retrospective.ts';
import { TIME_ZONE } from './rules.ts';

/** A required retrospective section: its heading, and the headings that count as it. */
export interface RequiredSection {
  heading: string;
  aliases: string[];
}

const RequiredSectionSchema = z
  .union([
    Text.describe('A ## heading.'),
    z.strictObject({
      heading: Text.describe('The ## heading, as `keel new incident` writes it.'),
      aliases: z.array(Text).default([]).describe('Other headings that count as this section, e.g. Action items for Follow-up actions.'),
    }),
  ])
  .transform((entry): RequiredSection => (typeof entry === 'string' ? { heading: entry, aliases: [] } : entry));

/** The seven elements with the headings other templates give them. */
export const DEFAULT_REQUIRED_SECTIONS: RequiredSection[] = RETROSPECTIVE_SECTIONS.map((s) => ({ heading: s.heading, aliases: [...s.aliases] }));

const headingKey = (heading: string) => heading.toLowerCase().replace(/\s+/g, ' ').trim();

/** An alias that is another section's heading or alias would make one heading count as two sections. */
function checkAliases(sections: RequiredSection[], ctx: z.RefinementCtx): void {
  const owner = new Map<string, number>();
  sections.forEach((s, i) => owner.set(headingKey(s.heading), i));
  sections.forEach((s, i) => {
    s.aliases.forEach((alias, j) => {
      const other = owner.get(headingKey(alias));
      if (other !== undefined && other !== i) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'aliases', j],
          message: `alias "${alias}" of "${s.heading}" is ${headingKey(sections[other]!.heading) === headingKey(alias) ? 'the heading' : 'an alias'} of "${sections[other]!.heading}": a heading can count as one section only`,
        });
      } else owner.set(headingKey(alias), i);
    });
  });
}

/** Time-to-action targets and retrospective deadlines per severity, used when keel.yaml is silent. */
export const SEVERITY_DEFAULTS = {
  SEV0: { timeToAction: '5m', retrospectiveDueDays: 5, description: 'Complete outage of a critical service or data loss.' },
  SEV1: { timeToAction: '30m', retrospectiveDueDays: 5, description: 'Major functionality unavailable for many customers.' },
  SEV2: { timeToAction: '1h', retrospectiveDueDays: 10, description: 'Partial loss of functionality or severe slowness.' },
  SEV3: { timeToAction: '1d', retrospectiveDueDays: 20, description: 'Minor impact with a workaround.' },
  SEV4: { timeToAction: '1w', retrospectiveDueDays: 30, description: 'Cosmetic or internal-only impact.' },
} as const;

const SeverityLevelSchema = z.strictObject({
  timeToAction: Duration.describe('How soon a responder must act after detection, e.g. 5m.'),
  retrospectiveDueDays: z.int().positive().describe('Days after resolution by which the retrospective must be published.'),
  description: Text.describe('When to use this severity.'),
  publicUpdateCadence: Duration.describe(
    'Longest gap between public updates of an open incident of this severity; default: the top-level publicUpdateCadence.',
  ),
});

const severityLevel = (level: (typeof SEVERITIES)[number]) =>
  SeverityLevelSchema.partial()
    .default({})
    .transform((given) => ({ ...SEVERITY_DEFAULTS[level], ...given }))
    .describe(`Targets for ${level}; unset fields take the defaults.`);

/** Portal-wide settings (`content/keel.yaml`). */
export const SettingsSchema = z
  .strictObject({
    organisation: z
      .strictObject({
        name: Text.describe('Organisation name shown in page titles and feeds.'),
        url: Url.describe('Public home page of the organisation.'),
        statusPageUrl: Url.optional().describe('Where the public site is deployed; used for feed and API links.'),
      })
      .describe('Who runs the portal.'),
    timeZone: z
      .string()
      .superRefine((value, ctx) => {
        if (!isTimeZone(value)) addRuleIssue(ctx, TIME_ZONE, 'settings');
      })
      .describe('IANA time zone used to show times, e.g. Europe/Berlin.'),
    severities: z
      .strictObject({
        SEV0: severityLevel('SEV0'),
        SEV1: severityLevel('SEV1'),
        SEV2: severityLevel('SEV2'),
        SEV3: severityLevel('SEV3'),
        SEV4: severityLevel('SEV4'),
      })
      .default({
        SEV0: SEVERITY_DEFAULTS.SEV0,
        SEV1: SEVERITY_DEFAULTS.SEV1,
        SEV2: SEVERITY_DEFAULTS.SEV2,
        SEV3: SEVERITY_DEFAULTS.SEV3,
        SEV4: SEVERITY_DEFAULTS.SEV4,
      })
      .describe('Per-severity targets: time to action, retrospective deadline, description.'),
    publicUpdateCadence: Duration.default('60m').describe(
      'Longest gap allowed between public updates of an open incident; a severity may set its own (severities.SEV1.publicUpdateCadence).',
    ),
    monitoringUpdateCadence: Duration.default('2h').describe(
      'Longest gap allowed between public updates while an incident is monitoring (a fix is out): usually longer than publicUpdateCadence.',
    ),
    runbookReviewInterval: Duration.default('90d').describe('How often every runbook must be reviewed.'),
    measurementStaleAfter: Duration.default('2h').describe(
      'How far the last measurement of an SLO may lag behind now before its report is marked stale (keel report slos), e.g. 2h.',
    ),
    internalSiteUrl: Url.optional().describe(
      'Where the internal site is deployed, e.g. https://reliability.example.internal: the base of the runbook_url annotations that keel rules writes.',
    ),
    prometheus: z
      .strictObject({
        url: Url.optional().describe(
          "The Prometheus server keel pull queries (its HTTP API), e.g. http://prometheus:9090; KEEL_PROMETHEUS_URL overrides it; default: the url of the SLI's DataSource connectionDetails.",
        ),
        step: Duration.default('1h').describe('The measurement interval: one CSV row per step, e.g. 5m or 1h.'),
        timeout: Duration.default('1m').describe('How long one query may take before it is retried.'),
      })
      .optional()
      .describe(
        'Where keel pull reads measurements from. Credentials never go here: KEEL_PROMETHEUS_TOKEN, or KEEL_PROMETHEUS_USERNAME and KEEL_PROMETHEUS_PASSWORD.',
      ),
    rules: z
      .record(z.string(), z.enum(['off', 'warning', 'error']))
      .default({})
      .describe('Severity per rule id, e.g. "incident/update-cadence": error; off turns a rule off. docs/rules.md lists the rules.'),
    retrospectivesFrom: CalendarDate.optional().describe(
      'Incidents resolved before this day are not held to a retrospective deadline: a history imported from another tool, whose retrospectives live elsewhere (keel import statuspage sets it to the day of the import).',
    ),
    launchedOn: CalendarDate.optional().describe('First day the status page covers; uptime before it is shown as no data.'),
    retrospective: z
      .strictObject({
        requiredSections: z
          .array(RequiredSectionSchema)
          .default(DEFAULT_REQUIRED_SECTIONS)
          .superRefine(checkAliases)
          .describe(
            'The ## headings every retrospective must have, non-empty (retrospective/sections), each a heading or { heading, aliases }: a section written under an alias counts. Default: the seven elements, from "Messages to stakeholders" to "Narrative", with the headings other templates use for them ("Action items" for "Follow-up actions").',
          ),
      })
      .default({ requiredSections: DEFAULT_REQUIRED_SECTIONS })
      .describe(
        "What a retrospective (an incident's body) must hold: errors once published, warnings on a draft or in-review retrospective of a resolved incident.",
      ),
  })
  .describe('Keel portal settings.');

export type SettingsInput = z.input<typeof SettingsSchema>;
export type Settings = z.output<typeof SettingsSchema>;
