/**
 * Rules the schemas report, declared once (message templates and hints). Generic ones come
 * from Zod's own issues (src/content/zod-issues.ts); the rest from the schemas' refinements
 * through addRuleIssue(). A message with `field: true` continues the field's name:
 * "started" + "must have a UTC offset …".
 */
import { defineRule, type MessageSpec, type RuleMeta } from '../core/rule.ts';

const schemaRule = <M extends string>(id: string, summary: string, messages: Record<M, MessageSpec | string>): RuleMeta<M> =>
  defineRule({ id, severity: 'error', summary, configurable: false, messages });

// --- generic: Zod's own issues -------------------------------------------------------------

export const REQUIRED = schemaRule('schema/required', 'A required field is missing.', {
  missing: { text: '{field} is required', hint: '{hint}' },
  bare: '{field} is required',
});
export const UNKNOWN_FIELD = schemaRule('schema/unknown-field', 'A field the kind does not have (typos get "did you mean").', {
  unknown: 'unknown field "{key}"{where}',
  proto: {
    text: 'a field named "__proto__"{where} cannot be read safely',
    hint: "rename the key: JavaScript tools treat __proto__ as the object's prototype, not as data",
  },
});
export const TYPE = schemaRule('schema/type', 'A value of the wrong type: text where a list belongs, a list where a mapping belongs.', {
  wrongType: '{field} must be {expected} (got {got})',
  notADocument: { text: 'a document must be a mapping with apiVersion, kind, metadata and spec' },
  notFinite: { text: '{field} is not a finite number (got {got})', hint: 'write a number such as 0.995 or 300: .nan and .inf are not numbers Keel can use' },
});
export const ENUM = schemaRule('schema/enum', 'A value outside the allowed set (statuses, severities, kinds).', {
  oneOf: '{field} must be one of {values} (got {got})',
  exactly: '{field} must be {value} (got {got})',
});
export const RANGE = schemaRule('schema/range', 'A number, text or list outside its allowed size.', {
  range: '{field} must {requirement}',
});
export const FORMAT = schemaRule('schema/format', 'Text that must follow a format (URLs).', {
  format: '{field} must be a valid {format} (got {got})',
});
export const CUSTOM = schemaRule('schema/custom', "A refinement without a rule of its own (not reachable from Keel's schemas).", {
  custom: '{text}',
});
export const INVALID = schemaRule('schema/invalid', "Any other schema failure (not reachable from Keel's schemas).", {
  invalid: '{field}: {text}',
});

// --- primitives -----------------------------------------------------------------------------

export const TIMESTAMP_OFFSET = schemaRule('schema/timestamp-offset', 'A time without a UTC offset: it names no single instant.', {
  naive: {
    text: 'must have a UTC offset (got "{value}")',
    field: true,
    hint: 'every time needs an offset so it means one instant: write "{base}Z" for UTC or add your offset, e.g. "{base}+01:00"',
  },
});
export const TIMESTAMP = schemaRule('schema/timestamp', 'A time that is not RFC 3339.', {
  invalid: { text: 'must be an RFC 3339 timestamp (got "{value}")', field: true, hint: 'write times as 2026-03-04T10:15:00Z or 2026-03-04T11:15:00+01:00' },
});
export const DATE = schemaRule('schema/date', 'A calendar day that is not YYYY-MM-DD or does not exist.', {
  invalid: { text: 'must be a date YYYY-MM-DD (got "{value}")', field: true, hint: 'write dates as 2026-03-04' },
});
export const DURATION = schemaRule('schema/duration', 'A duration that is not OpenSLO shorthand (5m, 1h, 28d).', {
  wordUnit: {
    text: 'must be a duration like 5m, 1h, 28d (got "{value}")',
    field: true,
    hint: 'use one of the units m h d w M Q Y after a whole number, e.g. 30m or 4h',
  },
  invalid: {
    text: 'must be a duration like 5m, 1h, 28d (got "{value}")',
    field: true,
    hint: 'a whole number followed by one unit: m (minute) h d w M (month) Q Y; units are case-sensitive',
  },
});
export const ID = schemaRule('schema/id', 'An id or file name that is not an RFC 1123 label.', {
  value: { text: 'is not a valid id (got "{value}")', field: true, hint: 'ids use lower-case letters, digits and hyphens (at most 63), e.g. "{suggestion}"' },
  fileName: { text: 'file name "{name}" is not a valid id', hint: 'rename the file using lower-case letters, digits and hyphens, or set id: in the file' },
});
export const TIME_ZONE = schemaRule('schema/time-zone', 'A time zone that is not an IANA name.', {
  settings: {
    text: 'must be an IANA time zone such as Europe/Berlin',
    field: true,
    hint: 'see the "TZ identifier" column of the IANA tz database, e.g. America/New_York or UTC',
  },
  calendar: { text: 'must be an IANA time zone', field: true, hint: 'e.g. America/New_York or UTC' },
});

// --- OpenSLO v1 -----------------------------------------------------------------------------

export const OPENSLO_CALENDAR = schemaRule(
  'openslo/calendar',
  'A calendar startTime that is not "YYYY-MM-DD HH:MM:SS", or that a DST change skips or repeats in its zone.',
  {
    dstGap: {
      text: 'startTime {value} does not exist in {zone}: the clocks skip it',
      hint: 'a DST change skips that hour; start the window at a time that exists, e.g. midnight',
    },
    dstOverlap: {
      text: 'startTime {value} happens twice in {zone}: the clocks go back over it',
      hint: 'a DST change repeats that hour, so the window start is ambiguous; pick a time outside it, e.g. midnight',
    },
    startTime: {
      text: 'must be a date and time "YYYY-MM-DD HH:MM:SS" (got "{value}")',
      field: true,
      hint: 'OpenSLO writes calendar start times like 2026-01-01 00:00:00, without an offset: timeZone says where',
    },
  },
);
export const OPENSLO_METADATA_KEY = schemaRule('openslo/metadata-key', 'A label or annotation key that is not what the OpenSLO spec allows.', {
  label: {
    text: 'label key "{key}" is not valid',
    hint: 'a label key has at most 63 characters, begins and ends with a letter or digit, and has only letters, digits, -, _ and . between',
  },
  annotation: {
    text: 'annotation key "{key}" is not valid',
    hint: 'an annotation key is an optional DNS-subdomain prefix and "/", then a name of at most 63 characters that begins and ends with a letter or digit (-, _ and . between), e.g. example.com/owner',
  },
});
export const OPENSLO_RATIO_METRIC = schemaRule(
  'openslo/ratio-metric',
  'A ratioMetric without exactly one numerator, without total, or with raw but no rawType.',
  {
    numerators: {
      text: 'ratioMetric needs exactly one of good, bad or raw (got {got})',
      hint: 'count good events (good) or bad events (bad) against total, or give a precomputed ratio (raw with rawType)',
    },
    total: { text: 'ratioMetric needs total', hint: 'total is the denominator: all events' },
    rawType: { text: 'raw and rawType go together', hint: 'rawType says whether the raw ratio counts success or failure' },
  },
);
export const OPENSLO_SLI_METRIC = schemaRule('openslo/sli-metric', 'An SLI without exactly one of thresholdMetric or ratioMetric.', {
  one: {
    text: 'an SLI needs exactly one of thresholdMetric or ratioMetric',
    hint: 'use ratioMetric for good/total events, thresholdMetric for a value compared with op and value',
  },
});
export const OPENSLO_TIME_WINDOW = schemaRule('openslo/time-window', 'A time window whose isRolling and calendar disagree.', {
  rollingWithCalendar: {
    text: 'a rolling time window cannot have a calendar',
    hint: 'remove calendar, or set isRolling: false for a calendar-aligned window',
  },
  calendarMissing: {
    text: 'a calendar-aligned time window (isRolling: false) needs calendar with startTime and timeZone',
    hint: 'add calendar: { startTime: "2026-01-01 00:00:00", timeZone: UTC } or set isRolling: true',
  },
  rollingMissing: { text: 'isRolling is required when there is no calendar', hint: 'add isRolling: true for a rolling window' },
});
export const OPENSLO_OBJECTIVE_TARGET = schemaRule('openslo/objective-target', 'An objective without exactly one of target or targetPercent.', {
  one: {
    text: 'an objective needs exactly one of target or targetPercent',
    hint: 'target is a ratio in [0, 1) such as 0.995; targetPercent is a percentage in [0, 100) such as 99.5',
  },
});
export const OPENSLO_INDICATOR = schemaRule('openslo/indicator', 'An SLO or objective with no SLI, or with both indicator and indicatorRef.', {
  missing: { text: 'an SLO needs indicator or indicatorRef', hint: 'define the SLI inline under indicator, or name an SLI object with indicatorRef' },
  both: { text: 'an SLO takes indicator or indicatorRef, not both', hint: 'define the SLI inline under indicator, or name an SLI object with indicatorRef' },
  objectiveBoth: 'an objective takes indicator or indicatorRef, not both',
});
export const OPENSLO_OBJECTIVE_OP = schemaRule('openslo/objective-op', 'op and value on a ratio objective, or missing on a threshold objective.', {
  notAllowed: {
    text: '{field} is not allowed with a ratioMetric SLI',
    hint: 'a ratio SLI is judged by target alone; op and value belong to thresholdMetric SLIs',
  },
  required: { text: 'a thresholdMetric SLI needs {field} on every objective', hint: 'e.g. op: lte and value: 300 for "latency at most 300 ms"' },
});
export const OPENSLO_THRESHOLD_OBJECTIVES = schemaRule(
  'openslo/threshold-objectives',
  'A second objective on an SLO whose SLI is a thresholdMetric (the spec: "If thresholdMetric has been defined, only one Threshold can be defined.").',
  {
    second: {
      text: 'an SLO whose SLI is a thresholdMetric may define only one objective (OpenSLO: "If `thresholdMetric` has been defined, only one Threshold can be defined.")',
      hint: 'keep one objective here and write the other as an SLO of its own on the same SLI, or measure it with a ratioMetric SLI (good/total events), which may have several objectives',
    },
  },
);
export const OPENSLO_TIME_SLICES = schemaRule('openslo/time-slices', 'A Timeslices or RatioTimeslices objective without its slice settings.', {
  target: {
    text: 'budgetingMethod Timeslices needs timeSliceTarget',
    hint: 'timeSliceTarget is the share of good events that makes a slice good, e.g. 0.95',
  },
  window: { text: 'budgetingMethod {method} needs timeSliceWindow', hint: 'timeSliceWindow is the length of one slice, e.g. 1m or 5m' },
});

// --- Keel kinds -----------------------------------------------------------------------------

export const POLICY_STEP_CONDITION = schemaRule('policy/step-condition', 'An error-budget policy step without a condition.', {
  missing: {
    text: 'a step needs remainingBudgetBelow, burnRate, incidentConsumedAbove or a combination',
    hint: 'e.g. remainingBudgetBelow: 0.25, or burnRate: { above: 6, window: 1h }',
  },
});
export const POLICY_ACTION = schemaRule('policy/action', 'A structured policy action Keel does not know, or one that does several things.', {
  unknown: {
    text: 'unknown action "{key}"',
    hint: '{near}the structured actions are freeze (releases, features or all; services: [ids]), pager: developers and require: retrospective-p0; anything else is free text: quote it',
  },
  empty: {
    text: 'an action needs freeze, pager or require',
    hint: 'e.g. { freeze: features }, { pager: developers } or { require: retrospective-p0 }; anything else is free text',
  },
  several: { text: 'one action per item: {keys} are in the same item', hint: 'write each as its own item of actions' },
  servicesWithoutFreeze: { text: 'services belongs to a freeze', hint: 'write { freeze: features, services: [ids] }, or remove services' },
});
export const CONCERN_DECISION = schemaRule('concern/decision', 'A concern whose status disagrees with its decision or assessment.', {
  decidedButRaised: {
    text: 'a concern with a decision is no longer "raised"',
    hint: 'set status to {outcome}, or remove the decision until the council has decided',
  },
  needsDecision: {
    text: 'a concern with status "{status}" needs decision',
    hint: "record the council's decision: decision: { outcome, date, rationale }",
  },
  needsAssessment: {
    text: 'a concern with status "{status}" needs assessment',
    hint: "record the council's assessment: value, effort, complexity, risk (low/medium/high)",
  },
  contradictsRejected: { text: 'status "{status}" contradicts decision.outcome "{outcome}"', hint: 'a rejected concern has outcome: rejected' },
  contradictsAccepted: {
    text: 'status "{status}" contradicts decision.outcome "{outcome}"',
    hint: '"{status}" follows an accepted decision; a rejected concern has status: rejected',
  },
});
export const CONCERN_EPIC = schemaRule('concern/epic', 'A concern in work without the epic that tracks it.', {
  missing: { text: 'a concern with status "{status}" needs links.epic', hint: 'link the epic that tracks the work, so the council can follow it' },
});
export const CONCERN_BEFORE_AFTER = schemaRule('concern/before-after', 'An addressed concern that does not say how things are now.', {
  missing: { text: 'an addressed concern needs beforeAfter.after', hint: 'say, in measurable terms, how things are now compared with beforeAfter.before' },
});
export const EXPERIMENT_RESULTS = schemaRule('experiment/results', 'An executed experiment without its date and results.', {
  missing: {
    text: 'an executed experiment needs executedAt and results',
    hint: 'record when it ran and timeToKnow, timeToDetection, blackBoxAlertsFired, hypothesisHeld',
  },
});
export const MEASUREMENT_GOOD_TOTAL = schemaRule('measurement/good-total', 'A measurement row with more good events than total events.', {
  exceeds: { text: 'good must not exceed total', hint: 'good counts a subset of total: 0 ≤ good ≤ total' },
});

/** Every rule the schemas can report. */
export const SCHEMA_RULES: readonly RuleMeta[] = [
  REQUIRED,
  UNKNOWN_FIELD,
  TYPE,
  ENUM,
  RANGE,
  FORMAT,
  CUSTOM,
  INVALID,
  TIMESTAMP_OFFSET,
  TIMESTAMP,
  DATE,
  DURATION,
  ID,
  TIME_ZONE,
  OPENSLO_CALENDAR,
  OPENSLO_METADATA_KEY,
  OPENSLO_RATIO_METRIC,
  OPENSLO_SLI_METRIC,
  OPENSLO_TIME_WINDOW,
  OPENSLO_OBJECTIVE_TARGET,
  OPENSLO_INDICATOR,
  OPENSLO_OBJECTIVE_OP,
  OPENSLO_THRESHOLD_OBJECTIVES,
  OPENSLO_TIME_SLICES,
  POLICY_ACTION,
  POLICY_STEP_CONDITION,
  CONCERN_DECISION,
  CONCERN_EPIC,
  CONCERN_BEFORE_AFTER,
  EXPERIMENT_RESULTS,
  MEASUREMENT_GOOD_TOTAL,
];
