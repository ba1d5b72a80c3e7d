/**
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO, `apiVersion: openslo/v1`): every kind, with
 * the fields and rules exactly as the spec writes them. Several documents may share one file.
 */
import { z } from 'zod';
import { addRuleIssue, Duration, Id, Text } from './common.ts';
import { isTimeZone } from './settings.ts';

export const OPENSLO_API_VERSION = 'openslo/v1';

const RESERVED_ANNOTATION_PREFIX = 'openslo.com/';
const Description = z.string().max(1050).describe('Free text, at most 1050 characters.');
const Operator = z.enum(['lte', 'gte', 'lt', 'gt']).describe('Comparison operator.');

const LabelValue = z.union([z.string(), z.array(z.string())]);

/** `metadata` of every OpenSLO object. */
export const MetadataSchema = z
  .strictObject({
    name: Id.describe('Object name, an RFC 1123 label; unique per kind.'),
    displayName: Text.optional().describe('Human-readable name.'),
    labels: z.record(z.string(), LabelValue).optional().describe('Labels: a string or list of strings per key.'),
    annotations: z
      .record(z.string(), z.string())
      .optional()
      .superRefine((annotations, ctx) => {
        for (const key of Object.keys(annotations ?? {})) {
          if (key.startsWith(RESERVED_ANNOTATION_PREFIX)) {
            addRuleIssue(ctx, `annotation "${key}" uses the reserved prefix ${RESERVED_ANNOTATION_PREFIX}`, {
              rule: 'openslo/reserved-annotation',
              hint: 'keys under openslo.com/ are reserved for the OpenSLO specification; use your own prefix, e.g. example.com/owner',
              at: 'key',
            }, [key]);
          }
        }
      })
      .describe('Free-form string annotations; the openslo.com/ prefix is reserved.'),
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
      .describe('Whether the metrics are monotonically increasing counters; the spec\'s examples omit it, and it has no effect with raw.'),
    good: MetricSourceSchema.optional().describe('Numerator: good events.'),
    bad: MetricSourceSchema.optional().describe('Numerator: bad events.'),
    total: MetricSourceSchema.optional().describe('Denominator: all events; required unless raw is used.'),
    rawType: z.enum(['success', 'failure']).optional().describe('Whether a raw ratio counts successes or failures.'),
    raw: MetricSourceSchema.optional().describe('A metric that already is a ratio.'),
  })
  .superRefine((ratio, ctx) => {
    const numerators = (['good', 'bad', 'raw'] as const).filter((k) => ratio[k] !== undefined);
    if (numerators.length !== 1) {
      addRuleIssue(ctx, `ratioMetric needs exactly one of good, bad or raw (got ${numerators.length ? numerators.join(', ') : 'none'})`, {
        rule: 'openslo/ratio-metric',
        hint: 'count good events (good) or bad events (bad) against total, or give a precomputed ratio (raw with rawType)',
      });
    }
    if (ratio.raw === undefined && ratio.total === undefined) {
      addRuleIssue(ctx, 'ratioMetric needs total', { rule: 'openslo/ratio-metric', hint: 'total is the denominator: all events' });
    }
    if ((ratio.raw === undefined) !== (ratio.rawType === undefined)) {
      addRuleIssue(ctx, 'raw and rawType go together', { rule: 'openslo/ratio-metric', hint: 'rawType says whether the raw ratio counts success or failure' });
    }
  });

/** The `spec` of an SLI, inline or standalone. */
export const SLISpecSchema = z
  .strictObject({
    description: Description.optional(),
    thresholdMetric: MetricSourceSchema.optional().describe('A metric compared against the objective value (needs op and value).'),
    ratioMetric: RatioMetricSchema.optional().describe('Good or bad events over total events.'),
  })
  .superRefine((spec, ctx) => {
    if ((spec.thresholdMetric === undefined) === (spec.ratioMetric === undefined)) {
      addRuleIssue(ctx, 'an SLI needs exactly one of thresholdMetric or ratioMetric', {
        rule: 'openslo/sli-metric',
        hint: 'use ratioMetric for good/total events, thresholdMetric for a value compared with op and value',
      });
    }
  });

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
            addRuleIssue(ctx, `must be a date and time "YYYY-MM-DD HH:MM:SS" (got "${value}")`, {
              rule: 'openslo/calendar',
              hint: 'OpenSLO writes calendar start times like 2026-01-01 00:00:00, without an offset: timeZone says where',
            });
          })
          .describe('Start of the first window, "YYYY-MM-DD HH:MM:SS" in timeZone.'),
        timeZone: z
          .string()
          .refine(isTimeZone, { message: 'must be an IANA time zone', params: { rule: 'schema/time-zone', hint: 'e.g. America/New_York or UTC' } })
          .describe('IANA time zone of startTime.'),
      })
      .optional()
      .describe('Calendar alignment; present exactly when isRolling is false.'),
  })
  .superRefine((window, ctx) => {
    const rolling = window.isRolling ?? window.calendar === undefined;
    if (rolling && window.calendar !== undefined) {
      addRuleIssue(ctx, 'a rolling time window cannot have a calendar', {
        rule: 'openslo/time-window',
        hint: 'remove calendar, or set isRolling: false for a calendar-aligned window',
      }, ['calendar']);
    }
    if (!rolling && window.calendar === undefined) {
      addRuleIssue(ctx, 'a calendar-aligned time window (isRolling: false) needs calendar with startTime and timeZone', {
        rule: 'openslo/time-window',
        hint: 'add calendar: { startTime: "2026-01-01 00:00:00", timeZone: UTC } or set isRolling: true',
      });
    }
    if (window.isRolling === undefined && window.calendar === undefined) {
      addRuleIssue(ctx, 'isRolling is required when there is no calendar', {
        rule: 'openslo/time-window',
        hint: 'add isRolling: true for a rolling window',
      });
    }
  });

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
      .describe('Timeslices and RatioTimeslices: slice length (seconds or duration shorthand).'),
    indicator: InlineSLISchema.optional().describe('Composite SLOs: this objective\'s own SLI.'),
    indicatorRef: Id.optional().describe('Composite SLOs: name of this objective\'s SLI.'),
    compositeWeight: z.number().positive().optional().describe('Composite SLOs: weight of the objective (default 1).'),
  })
  .superRefine((objective, ctx) => {
    if ((objective.target === undefined) === (objective.targetPercent === undefined)) {
      addRuleIssue(ctx, 'an objective needs exactly one of target or targetPercent', {
        rule: 'openslo/objective-target',
        hint: 'target is a ratio in [0, 1) such as 0.995; targetPercent is a percentage in [0, 100) such as 99.5',
      });
    }
    if (objective.indicator !== undefined && objective.indicatorRef !== undefined) {
      addRuleIssue(ctx, 'an objective takes indicator or indicatorRef, not both', { rule: 'openslo/indicator' });
    }
  });

const AlertConditionSpecSchema = z.strictObject({
  description: Description.optional(),
  severity: Text.describe('Severity of the alert, e.g. page or ticket.'),
  condition: z
    .strictObject({
      kind: z.literal('burnrate').describe('Condition kind; OpenSLO v1 defines burnrate.'),
      op: Operator,
      threshold: z.number().describe('Burn rate that triggers the alert.'),
      lookbackWindow: Duration.describe('Window over which the burn rate is computed.'),
      alertAfter: Duration.describe('How long the condition must hold before alerting.'),
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
      .optional()
      .describe('Alert policies, inline or by reference.'),
  })
  .superRefine((spec, ctx) => {
    const composite = spec.objectives.every((o) => o.indicator !== undefined || o.indicatorRef !== undefined);
    const atSpec = Number(spec.indicator !== undefined) + Number(spec.indicatorRef !== undefined);
    if (atSpec !== 1 && !(atSpec === 0 && composite)) {
      addRuleIssue(ctx, atSpec === 0 ? 'an SLO needs indicator or indicatorRef' : 'an SLO takes indicator or indicatorRef, not both', {
        rule: 'openslo/indicator',
        hint: 'define the SLI inline under indicator, or name an SLI object with indicatorRef',
      });
    }
    spec.objectives.forEach((objective, i) => {
      const sli = objective.indicator ?? spec.indicator;
      if (sli) checkObjectiveAgainstSli(objective, sli.spec, (message, params, path) => addRuleIssue(ctx, message, params, ['objectives', i, ...path]));
      checkTimeSlices(spec.budgetingMethod, objective, (message, params, path) => addRuleIssue(ctx, message, params, ['objectives', i, ...path]));
    });
  });

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
  spec: z.strictObject({ description: Description.optional() }),
});

export const DataSourceSchema = z.strictObject({
  apiVersion,
  kind: z.literal('DataSource'),
  metadata: MetadataSchema,
  spec: z.strictObject({
    description: Description.optional(),
    type: Text.describe('Data source type, e.g. Prometheus or Datadog.'),
    connectionDetails: z.record(z.string(), z.unknown()).describe('How to connect; the shape depends on type.'),
  }),
});

type Report = (message: string, params: { rule: string; hint?: string }, path: PropertyKey[]) => void;
type Objective = z.output<typeof ObjectiveSchema>;
export type SLISpec = z.output<typeof SLISpecSchema>;

/** Ratio SLIs forbid op/value; threshold SLIs require both. Also used for indicatorRef (check stage). */
export function checkObjectiveAgainstSli(objective: Objective, sli: SLISpec, report: Report): void {
  if (sli.ratioMetric) {
    for (const field of ['op', 'value'] as const) {
      if (objective[field] !== undefined) {
        report(`${field} is not allowed with a ratioMetric SLI`, {
          rule: 'openslo/objective-op',
          hint: 'a ratio SLI is judged by target alone; op and value belong to thresholdMetric SLIs',
        }, [field]);
      }
    }
  } else if (sli.thresholdMetric) {
    for (const field of ['op', 'value'] as const) {
      if (objective[field] === undefined) {
        report(`a thresholdMetric SLI needs ${field} on every objective`, {
          rule: 'openslo/objective-op',
          hint: 'e.g. op: lte and value: 300 for "latency at most 300 ms"',
        }, []);
      }
    }
  }
}

function checkTimeSlices(method: string, objective: Objective, report: Report): void {
  if (method === 'Timeslices' && objective.timeSliceTarget === undefined) {
    report('budgetingMethod Timeslices needs timeSliceTarget', {
      rule: 'openslo/time-slices',
      hint: 'timeSliceTarget is the share of good events that makes a slice good, e.g. 0.95',
    }, []);
  }
  if ((method === 'Timeslices' || method === 'RatioTimeslices') && objective.timeSliceWindow === undefined) {
    report(`budgetingMethod ${method} needs timeSliceWindow`, {
      rule: 'openslo/time-slices',
      hint: 'timeSliceWindow is the length of one slice, e.g. 1m or 5m',
    }, []);
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

export type OpenSloKind = keyof typeof OPENSLO_KINDS;
export type SLO = z.output<typeof SLOSchema>;
export type SLI = z.output<typeof SLISchema>;
export type AlertPolicy = z.output<typeof AlertPolicySchema>;
