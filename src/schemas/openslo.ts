/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO, `apiVersion: openslo/v1`): every kind, with
 * the fields and rules exactly as the spec writes them. Several documents may share one file.
 */
import { z } from 'zod';
import type { MessageData, RuleMeta } from '../core/rule.ts';
import { isTimeZone, wallClockIn } from '../core/time.ts';
import { addRuleIssue, Duration, Id, Text } from './common.ts';
import {
  OPENSLO_CALENDAR,
  TIME_ZONE,
  OPENSLO_INDICATOR,
  OPENSLO_OBJECTIVE_OP,
  OPENSLO_OBJECTIVE_TARGET,
  OPENSLO_RATIO_METRIC,
  OPENSLO_METADATA_KEY,
  OPENSLO_SLI_METRIC,
  OPENSLO_THRESHOLD_OBJECTIVES,
  OPENSLO_TIME_SLICES,
  OPENSLO_TIME_WINDOW,
} from './rules.ts';

export const OPENSLO_API_VERSION = 'openslo/v1';

/** A label key, or the name part of an annotation key (OpenSLO v1, "General Schema"). */
const KEY_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
/** An annotation key's optional prefix: a DNS subdomain of at most 253 characters. */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function isAnnotationKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  if (slash < 0) return KEY_NAME.test(key);
  return DNS_SUBDOMAIN.test(key.slice(0, slash)) && KEY_NAME.test(key.slice(slash + 1));
}
/*
 * Spec rules on an object as written. Zod skips an object's refinement once a field inside it
 * failed with a wrong type or value, so a schema error would hide the object's spec rules until it
 * is fixed (an `op` on a ratio objective behind `alertPolicies: 5`). Keel runs them regardless
 * (`ALWAYS`): a refinement then sees the object as far as it parsed, each failed field as written,
 * so it reads only the fields it needs, takes an empty value (null) as absent, and says nothing
 * about a field it cannot read (the schema reports that field). Each rule runs once per object,
 * valid or not; openslo/objective-op applies the same check to referenced SLIs once every file is
 * read (src/rules/openslo/objective-op.ts).
 */

/** An object's fields, as written where they failed their schema. */
export type Written = Readonly<Record<string, unknown>>;

export const isMapping = (value: unknown): value is Written => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a field holds a value: absent and empty (YAML's null) are the same, as OpenSLO reads them. */
export const hasValue = (value: unknown): boolean => value !== undefined && value !== null;

/** A refinement's options: run it whenever the object is a mapping, whatever failed inside it. */
const ALWAYS = { when: (payload: { value: unknown }) => isMapping(payload.value) };

const Description = z.string().max(1050).describe('Free text, at most 1050 characters.');
const Operator = z.enum(['lte', 'gte', 'lt', 'gt']).describe('Comparison operator.');

const LabelValue = z.union([z.string(), z.array(z.string())]);

/** `metadata` of every OpenSLO object. */
export const MetadataSchema = z
  .strictObject({
    name: Id.describe('Object name, an RFC 1123 label; unique per kind.'),
    displayName: Text.optional().describe('Human-readable name.'),
    labels: z
      .record(z.string(), LabelValue)
      .optional()
      .superRefine((labels: unknown, ctx) => {
        for (const key of Object.keys(labels as Written)) {
          if (!KEY_NAME.test(key)) addRuleIssue(ctx, OPENSLO_METADATA_KEY, 'label', { data: { key }, path: [key], at: 'key' });
        }
      }, ALWAYS)
      .describe('Labels: a string or list of strings per key; keys of at most 63 letters, digits, -, _ and . (beginning and ending with a letter or digit).'),
    annotations: z
      .record(z.string(), z.string())
      .optional()
      .superRefine((annotations: unknown, ctx) => {
        for (const key of Object.keys(annotations as Written)) {
          if (!isAnnotationKey(key)) addRuleIssue(ctx, OPENSLO_METADATA_KEY, 'annotation', { data: { key }, path: [key], at: 'key' });
        }
      }, ALWAYS)
      .describe('Free-form string annotations: an optional DNS-subdomain prefix and "/", then a name; the openslo.com/ prefix is for OpenSLO\'s own use.'),
  })
  .describe('Object metadata.');

const apiVersion = z.literal(OPENSLO_API_VERSION).describe('Always openslo/v1.');

/** A query against a data source: `metricSource.spec` is free-form, per data source type. */
const MetricSourceSchema = z.strictObject({
  metricSource: z
    .strictObject({
      metricSourceRef: Id.optional().describe('Name of a DataSource object.'),
      type: Text.optional().describe('Data source type, when not given by metricSourceRef.'),
      spec: z.record(z.string(), z.unknown()).describe('Query details; the shape depends on the data source.'),
    })
    .describe('Where and how the metric is read.'),
});

const RatioMetricSchema = z
  .strictObject({
    counter: z
      .boolean()
      .optional()
      .describe("Whether the metrics are monotonically increasing counters; the spec's examples omit it, and it has no effect with raw."),
    good: MetricSourceSchema.optional().describe('Numerator: good events.'),
    bad: MetricSourceSchema.optional().describe('Numerator: bad events.'),
    total: MetricSourceSchema.optional().describe('Denominator: all events; required unless raw is used.'),
    rawType: z.enum(['success', 'failure']).optional().describe('Whether a raw ratio counts successes or failures.'),
    raw: MetricSourceSchema.optional().describe('A metric that already is a ratio.'),
  })
  .superRefine((value: unknown, ctx) => {
    const ratio = value as Written;
    const numerators = (['good', 'bad', 'raw'] as const).filter((k) => hasValue(ratio[k]));
    if (numerators.length !== 1) {
      addRuleIssue(ctx, OPENSLO_RATIO_METRIC, 'numerators', { data: { got: numerators.length ? numerators.join(', ') : 'none' } });
    }
    if (!hasValue(ratio.raw) && !hasValue(ratio.total)) {
      addRuleIssue(ctx, OPENSLO_RATIO_METRIC, 'total');
    }
    if (hasValue(ratio.raw) !== hasValue(ratio.rawType)) {
      addRuleIssue(ctx, OPENSLO_RATIO_METRIC, 'rawType');
    }
  }, ALWAYS);

/** The `spec` of an SLI, inline or standalone. */
export const SLISpecSchema = z
  .strictObject({
    description: Description.optional(),
    thresholdMetric: MetricSourceSchema.optional().describe('A metric compared against the objective value (needs op and value).'),
    ratioMetric: RatioMetricSchema.optional().describe('Good or bad events over total events.'),
  })
  .superRefine((value: unknown, ctx) => {
    const spec = value as Written;
    if (hasValue(spec.thresholdMetric) === hasValue(spec.ratioMetric)) {
      addRuleIssue(ctx, OPENSLO_SLI_METRIC, 'one');
    }
  }, ALWAYS);

const InlineSLISchema = z.strictObject({
  metadata: MetadataSchema,
  spec: SLISpecSchema,
});

export const SLISchema = z.strictObject({
  apiVersion,
  kind: z.literal('SLI'),
  metadata: MetadataSchema,
  spec: SLISpecSchema,
});

const TimeWindowSchema = z
  .strictObject({
    duration: Duration.describe('Window length, e.g. 28d (rolling) or 1M (calendar).'),
    isRolling: z.boolean().optional().describe('Rolling window (true) or calendar-aligned (false, with calendar).'),
    calendar: z
      .strictObject({
        startTime: z
          .string()
          .superRefine((value, ctx) => {
            if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return;
            addRuleIssue(ctx, OPENSLO_CALENDAR, 'startTime', { data: { value } });
          })
          .describe('Start of the first window, "YYYY-MM-DD HH:MM:SS" in timeZone.'),
        timeZone: z
          .string()
          .superRefine((value, ctx) => {
            if (!isTimeZone(value)) addRuleIssue(ctx, TIME_ZONE, 'calendar');
          })
          .describe('IANA time zone of startTime.'),
      })
      .superRefine(({ startTime, timeZone }, ctx) => {
        const exists = wallClockIn(startTime, timeZone);
        if (exists === 'gap') addRuleIssue(ctx, OPENSLO_CALENDAR, 'dstGap', { data: { value: startTime, zone: timeZone }, path: ['startTime'] });
        if (exists === 'overlap') addRuleIssue(ctx, OPENSLO_CALENDAR, 'dstOverlap', { data: { value: startTime, zone: timeZone }, path: ['startTime'] });
      })
      .optional()
      .describe('Calendar alignment; present exactly when isRolling is false.'),
  })
  .superRefine((value: unknown, ctx) => {
    const window = value as Written;
    // isRolling written as anything but true or false decides nothing: its own finding says so.
    if (hasValue(window.isRolling) && typeof window.isRolling !== 'boolean') return;
    const calendar = hasValue(window.calendar);
    const rolling = hasValue(window.isRolling) ? window.isRolling === true : !calendar;
    if (rolling && calendar) {
      addRuleIssue(ctx, OPENSLO_TIME_WINDOW, 'rollingWithCalendar', { path: ['calendar'] });
    }
    if (!rolling && !calendar) {
      addRuleIssue(ctx, OPENSLO_TIME_WINDOW, 'calendarMissing');
    }
    if (!hasValue(window.isRolling) && !calendar) {
      addRuleIssue(ctx, OPENSLO_TIME_WINDOW, 'rollingMissing');
    }
  }, ALWAYS);

const ObjectiveSchema = z
  .strictObject({
    displayName: Text.optional().describe('Name of the objective.'),
    op: Operator.optional().describe('Threshold SLIs only: how the metric is compared with value.'),
    value: z.number().optional().describe('Threshold SLIs only: the value the metric is compared with.'),
    target: z.number().min(0).lt(1).optional().describe('Target ratio in [0, 1); not with targetPercent.'),
    targetPercent: z.number().min(0).lt(100).optional().describe('Target percentage in [0, 100); not with target.'),
    timeSliceTarget: z.number().gt(0).max(1).optional().describe('Timeslices: share of good events that makes a slice good, (0, 1].'),
    timeSliceWindow: z
      .union([z.number().positive(), Duration])
      .optional()
      .describe('Timeslices and RatioTimeslices: slice length: duration shorthand (1h) or a number of minutes (60), as OpenSLO reads a bare number.'),
    indicator: InlineSLISchema.optional().describe("Composite SLOs: this objective's own SLI."),
    indicatorRef: Id.optional().describe("Composite SLOs: name of this objective's SLI."),
    compositeWeight: z.number().positive().optional().describe('Composite SLOs: weight of the objective (default 1).'),
  })
  .superRefine((value: unknown, ctx) => {
    const objective = value as Written;
    if (hasValue(objective.target) === hasValue(objective.targetPercent)) {
      addRuleIssue(ctx, OPENSLO_OBJECTIVE_TARGET, 'one');
    }
    if (hasValue(objective.indicator) && hasValue(objective.indicatorRef)) {
      addRuleIssue(ctx, OPENSLO_INDICATOR, 'objectiveBoth');
    }
  }, ALWAYS);

const AlertConditionSpecSchema = z.strictObject({
  description: Description.optional(),
  severity: Text.describe('Severity of the alert, e.g. page or ticket.'),
  condition: z
    .strictObject({
      kind: z.literal('burnrate').default('burnrate').describe('Condition kind; OpenSLO v1 defines burnrate, the default.'),
      op: Operator,
      threshold: z.number().describe('Burn rate that triggers the alert.'),
      lookbackWindow: Duration.describe('Window over which the burn rate is computed.'),
      alertAfter: Duration.default('0m').describe("How long the condition must hold before alerting; the spec's default is 0m."),
    })
    .describe('When to alert.'),
});

export const AlertConditionSchema = z.strictObject({
  apiVersion,
  kind: z.literal('AlertCondition'),
  metadata: MetadataSchema,
  spec: AlertConditionSpecSchema,
});

const AlertNotificationTargetSpecSchema = z.strictObject({
  description: Description.optional(),
  target: Text.describe('Where notifications go, e.g. a pager service or channel.'),
});

export const AlertNotificationTargetSchema = z.strictObject({
  apiVersion,
  kind: z.literal('AlertNotificationTarget'),
  metadata: MetadataSchema,
  spec: AlertNotificationTargetSpecSchema,
});

/** OpenSLO's "inline or by reference" choice: `{ <refKey>: name }` or `{ kind, metadata, spec }`. */
function inlineOrRef<K extends string, R extends string>(refKey: R, kind: K, spec: z.ZodType) {
  return z.union([
    z.strictObject({ [refKey]: Id.describe(`Name of an ${kind}.`) } as Record<R, typeof Id>),
    z.strictObject({ kind: z.literal(kind), metadata: MetadataSchema, spec }),
  ]);
}

const AlertPolicySpecSchema = z.strictObject({
  description: Description.optional(),
  alertWhenNoData: z.boolean().optional().describe('Alert when the SLI reports no data.'),
  alertWhenResolved: z.boolean().optional().describe('Notify when the alert resolves.'),
  alertWhenBreaching: z.boolean().optional().describe('Alert while the condition is breached.'),
  conditions: z
    .array(inlineOrRef('conditionRef', 'AlertCondition', AlertConditionSpecSchema))
    .length(1)
    .describe('Exactly one condition, inline or by reference.'),
  notificationTargets: z
    .array(inlineOrRef('targetRef', 'AlertNotificationTarget', AlertNotificationTargetSpecSchema))
    .min(1)
    .describe('Where alerts go, inline or by reference.'),
});

export const AlertPolicySchema = z.strictObject({
  apiVersion,
  kind: z.literal('AlertPolicy'),
  metadata: MetadataSchema,
  spec: AlertPolicySpecSchema,
});

const SLOSpecSchema = z
  .strictObject({
    description: Description.optional(),
    service: Id.describe('The service this SLO belongs to (a service id from the catalog).'),
    indicator: InlineSLISchema.optional().describe('The SLI, inline; not with indicatorRef.'),
    indicatorRef: Id.optional().describe('Name of an SLI object; not with indicator.'),
    timeWindow: z.array(TimeWindowSchema).length(1).describe('Exactly one time window.'),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']).describe('How the error budget is counted.'),
    objectives: z.array(ObjectiveSchema).min(1).describe('One or more objectives.'),
    alertPolicies: z
      .array(inlineOrRef('alertPolicyRef', 'AlertPolicy', AlertPolicySpecSchema))
      .nullish()
      .transform((policies) => policies ?? undefined)
      .describe('Alert policies, inline or by reference; empty (null) means none.'),
  })
  .superRefine((value: unknown, ctx) => {
    const spec = value as Written;
    const objectives = Array.isArray(spec.objectives) ? (spec.objectives as unknown[]) : undefined;
    const composite = objectives !== undefined && objectives.every((o) => isMapping(o) && (hasValue(o.indicator) || hasValue(o.indicatorRef)));
    const atSpec = Number(hasValue(spec.indicator)) + Number(hasValue(spec.indicatorRef));
    if (atSpec !== 1 && !(atSpec === 0 && composite)) {
      addRuleIssue(ctx, OPENSLO_INDICATOR, atSpec === 0 ? 'missing' : 'both');
    }
    objectives?.forEach((objective, i) => {
      if (!isMapping(objective)) return;
      const report: Report = (rule, message, { data, path = [] } = {}) =>
        addRuleIssue(ctx, rule, message, { path: ['objectives', i, ...path], ...(data ? { data } : {}) });
      const inline = inlineSliOf(spec, objective);
      if (inline) checkObjectiveAgainstSli(objective, sliMetricOf(inline.spec), report);
      checkTimeSlices(spec.budgetingMethod, objective, report);
    });
    // The SLO's own SLI written inline; one named by indicatorRef is checked once every file is read (src/rules/openslo/threshold-objectives.ts).
    if (objectives && isMapping(spec.indicator) && sliMetricOf(spec.indicator.spec) === 'threshold') {
      for (const i of extraObjectivesOnSloSli(objectives)) addRuleIssue(ctx, OPENSLO_THRESHOLD_OBJECTIVES, 'second', { path: ['objectives', i] });
    }
  }, ALWAYS);

export const SLOSchema = z.strictObject({
  apiVersion,
  kind: z.literal('SLO'),
  metadata: MetadataSchema,
  spec: SLOSpecSchema,
});

export const ServiceObjectSchema = z.strictObject({
  apiVersion,
  kind: z.literal('Service'),
  metadata: MetadataSchema,
  spec: z.strictObject({ description: Description.optional() }).optional().describe('Optional: a Service may be just a name.'),
});

export const DataSourceSchema = z.strictObject({
  apiVersion,
  kind: z.literal('DataSource'),
  metadata: MetadataSchema,
  spec: z.strictObject({
    description: Description.optional(),
    type: Text.describe('Data source type, e.g. Prometheus or Datadog.'),
    connectionDetails: z.unknown().optional().describe('How to connect; anything YAML can hold, as the spec says (a mapping, a list, …).'),
  }),
});

/** Reports one of a rule's messages about an objective, at a path inside it. */
export type Report = <M extends string>(rule: RuleMeta<M>, message: M, options?: { data?: MessageData; path?: PropertyKey[] }) => void;

/** What an SLI measures: good/total events (ratioMetric) or a value compared with op and value (thresholdMetric). */
export type SliMetric = 'ratio' | 'threshold';

/** The metric of an SLI spec as written; undefined when it has neither or both (openslo/sli-metric's finding). */
export function sliMetricOf(spec: unknown): SliMetric | undefined {
  if (!isMapping(spec)) return undefined;
  const ratio = hasValue(spec.ratioMetric);
  if (ratio === hasValue(spec.thresholdMetric)) return undefined;
  return ratio ? 'ratio' : 'threshold';
}

/**
 * The SLI written inline for an objective (its own indicator, else the SLO's), as written; undefined
 * when the objective's SLI is named by reference (or nowhere). `spec` and `objective` as written.
 */
export function inlineSliOf(spec: Written, objective: Written): Written | undefined {
  const inline = hasValue(objective.indicator) ? objective.indicator : spec.indicator;
  if (!hasValue(inline)) return undefined;
  return isMapping(inline) ? inline : {};
}

/** Ratio SLIs forbid op/value; threshold SLIs require both. `objective` as written. Also used for indicatorRef (check stage). */
export function checkObjectiveAgainstSli(objective: Written, metric: SliMetric | undefined, report: Report): void {
  if (metric === 'ratio') {
    for (const field of ['op', 'value'] as const) {
      if (hasValue(objective[field])) {
        report(OPENSLO_OBJECTIVE_OP, 'notAllowed', { data: { field }, path: [field] });
      }
    }
  } else if (metric === 'threshold') {
    for (const field of ['op', 'value'] as const) {
      if (!hasValue(objective[field])) {
        report(OPENSLO_OBJECTIVE_OP, 'required', { data: { field } });
      }
    }
  }
}

/**
 * Positions of the objectives after the first that measure the SLO's own SLI (those without an
 * indicator or indicatorRef of their own). With a thresholdMetric SLI there may be none:
 * "If `thresholdMetric` has been defined, only one Threshold can be defined." (OpenSLO v1, SLO).
 */
export function extraObjectivesOnSloSli(objectives: readonly unknown[]): number[] {
  const onSloSli = objectives.flatMap((o, i) => (isMapping(o) && !hasValue(o.indicator) && !hasValue(o.indicatorRef) ? [i] : []));
  return onSloSli.slice(1);
}

function checkTimeSlices(method: unknown, objective: Written, report: Report): void {
  if (method === 'Timeslices' && !hasValue(objective.timeSliceTarget)) {
    report(OPENSLO_TIME_SLICES, 'target');
  }
  if ((method === 'Timeslices' || method === 'RatioTimeslices') && !hasValue(objective.timeSliceWindow)) {
    report(OPENSLO_TIME_SLICES, 'window', { data: { method } });
  }
}

/** Every OpenSLO kind by its `kind` value. */
export const OPENSLO_KINDS = {
  SLO: SLOSchema,
  SLI: SLISchema,
  Service: ServiceObjectSchema,
  DataSource: DataSourceSchema,
  AlertPolicy: AlertPolicySchema,
  AlertCondition: AlertConditionSchema,
  AlertNotificationTarget: AlertNotificationTargetSchema,
} as const;

/** @public The type of a valid entry, for code that reads this kind. */
export type OpenSloKind = keyof typeof OPENSLO_KINDS;
export type SLO = z.output<typeof SLOSchema>;
/** @public The type of a valid entry, for code that reads this kind. */
export type SLI = z.output<typeof SLISchema>;
/** @public The type of a valid entry, for code that reads this kind. */
export type AlertPolicy = z.output<typeof AlertPolicySchema>;
