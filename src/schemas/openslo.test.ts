import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseYaml } from '../content/yaml.ts';
import { issuesToDiagnostics } from '../content/zod-issues.ts';
import {
  AlertConditionSchema,
  AlertNotificationTargetSchema,
  AlertPolicySchema,
  DataSourceSchema,
  MetadataSchema,
  OPENSLO_KINDS,
  ServiceObjectSchema,
  SLISchema,
  SLISpecSchema,
  SLOSchema,
} from './openslo.ts';

function problems(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  return issuesToDiagnostics(result.error.issues, { file: 'f', locate: () => ({ line: 1, column: 1 }), schema }).map((d) => `${d.rule} ${d.message}`);
}

/** Each issue's rule, path and message (where problems() shows no path). */
function issuesOf(value: unknown): string[] {
  const result = SLOSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${(i as { params?: { rule?: string } }).params?.rule} ${i.path.join('.')} ${i.message}`);
}

/** Rule ids only, for the structural rules whose messages are pinned elsewhere. */
const rules = (schema: z.ZodType, value: unknown) => problems(schema, value).map((p) => p.split(' ')[0]);

const yaml = (text: string): unknown => parseYaml(text).documents[0]!.data;

const metricSource = (query: string) => ({ metricSource: { type: 'Prometheus', spec: { query } } });
const ratioSli = { ratioMetric: { counter: true, good: metricSource('good'), total: metricSource('total') } };
const thresholdSli = { thresholdMetric: metricSource('latency') };

/** A valid rolling, ratio, Occurrences SLO; tests override one part at a time. */
function slo(spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'api-availability', ...metadata },
    spec: {
      service: 'api',
      indicator: { metadata: { name: 'api-good' }, spec: ratioSli },
      timeWindow: [{ duration: '28d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ target: 0.995 }],
      ...spec,
    },
  };
}
const thresholdSlo = (objective: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  slo({ indicator: { metadata: { name: 'api-latency' }, spec: thresholdSli }, objectives: [objective], ...spec });

describe('metadata', () => {
  it.each(['a', 'api-availability', 'string', 'x'.repeat(63)])('accepts the RFC 1123 name %s', (name) => {
    expect(problems(MetadataSchema, { name })).toEqual([]);
  });

  it.each(['AlertPolicy', 'api_availability', 'api.availability', '-api', 'x'.repeat(64)])('rejects the name %s', (name) => {
    expect(rules(MetadataSchema, { name })).toEqual(['schema/id']);
  });

  it('takes labels as strings or lists of strings (the spec example)', () => {
    const metadata = yaml(`
name: string
displayName: string # optional
labels: # optional, key <>value a pair of labels that can be used as metadata relevant to users
  # Example labels
  userImpacting: "true"
  team: "identity"
  costCentre: "project1"
  serviceTier: "tier-1"
  tags:
    - auth
`);
    expect(problems(MetadataSchema, metadata)).toEqual([]);
    expect(problems(MetadataSchema, { name: 'x', labels: { tier: 1 } })).toEqual(['schema/type labels.tier must be one of text, a list (got 1)']);
  });

  it("checks label and annotation keys as the spec writes them; openslo.com/ keys are the spec's own, not an error", () => {
    expect(problems(MetadataSchema, { name: 'x', annotations: { 'openslo.com/key1': 'value1', 'fooimplementation.com/key2': 'value2' } })).toEqual([]);
    expect(problems(MetadataSchema, { name: 'x', annotations: { 'example.com/openslo.com': 'v', owner: 'team' } })).toEqual([]);
    expect(problems(MetadataSchema, { name: 'x', labels: { team: 'a', 'Cost_Center.2': ['x', 'y'], 'team-': 'b', '-x': 'c' } })).toEqual([
      'openslo/metadata-key label key "team-" is not valid',
      'openslo/metadata-key label key "-x" is not valid',
    ]);
    expect(problems(MetadataSchema, { name: 'x', annotations: { 'Example.com/x': 'v', 'example.com/': 'v', 'a/b/c': 'v' } })).toEqual([
      'openslo/metadata-key annotation key "Example.com/x" is not valid',
      'openslo/metadata-key annotation key "example.com/" is not valid',
      'openslo/metadata-key annotation key "a/b/c" is not valid',
    ]);
    expect(problems(MetadataSchema, { name: 'x', annotations: { 'example.com/n': 3 } })).toEqual([
      'schema/type annotations.example.com/n must be text (got 3)',
    ]);
  });
});

describe('every kind', () => {
  it('has the seven OpenSLO v1 kinds', () => {
    expect(Object.keys(OPENSLO_KINDS).sort()).toEqual(['AlertCondition', 'AlertNotificationTarget', 'AlertPolicy', 'DataSource', 'SLI', 'SLO', 'Service']);
  });

  it('accepts a valid object of each kind', () => {
    const meta = { name: 'x' };
    const valid: [z.ZodType, unknown][] = [
      [SLOSchema, slo()],
      [SLISchema, { apiVersion: 'openslo/v1', kind: 'SLI', metadata: meta, spec: { description: 'd', ...thresholdSli } }],
      [ServiceObjectSchema, { apiVersion: 'openslo/v1', kind: 'Service', metadata: meta, spec: {} }],
      [
        DataSourceSchema,
        { apiVersion: 'openslo/v1', kind: 'DataSource', metadata: meta, spec: { type: 'CloudWatch', connectionDetails: { accessKeyID: 'k' } } },
      ],
      [
        AlertConditionSchema,
        {
          apiVersion: 'openslo/v1',
          kind: 'AlertCondition',
          metadata: meta,
          spec: { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m' } },
        },
      ],
      [AlertNotificationTargetSchema, { apiVersion: 'openslo/v1', kind: 'AlertNotificationTarget', metadata: meta, spec: { target: 'email' } }],
      [
        AlertPolicySchema,
        {
          apiVersion: 'openslo/v1',
          kind: 'AlertPolicy',
          metadata: meta,
          spec: { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }] },
        },
      ],
    ];
    for (const [schema, value] of valid) expect(problems(schema, value), JSON.stringify(value)).toEqual([]);
  });

  it('rejects the wrong apiVersion or kind, and descriptions over 1050 characters', () => {
    expect(
      problems(ServiceObjectSchema, { apiVersion: 'openslo/v1alpha', kind: 'Service', metadata: { name: 'x' }, spec: { description: 'd'.repeat(1051) } }),
    ).toEqual(['schema/enum apiVersion must be "openslo/v1" (got "openslo/v1alpha")', 'schema/range spec.description must be at most 1050 characters']);
    expect(
      problems(ServiceObjectSchema, { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'x' }, spec: { description: 'd'.repeat(1050) } }),
    ).toEqual([]);
  });
});

describe('SLO objectives: target xor targetPercent', () => {
  it.each([0, 0.9, 0.995, 0.999999])('accepts target %s in [0, 1)', (target) => expect(problems(SLOSchema, slo({ objectives: [{ target }] }))).toEqual([]));
  it.each([0, 99, 99.99])('accepts targetPercent %s in [0, 100)', (targetPercent) =>
    expect(problems(SLOSchema, slo({ objectives: [{ targetPercent }] }))).toEqual([]),
  );

  it('rejects target 1 or more, and below 0', () => {
    expect(problems(SLOSchema, slo({ objectives: [{ target: 1 }] }))).toEqual(['schema/range spec.objectives[0].target must be less than 1 (got 1)']);
    expect(problems(SLOSchema, slo({ objectives: [{ target: 99.5 }] }))).toEqual(['schema/range spec.objectives[0].target must be less than 1 (got 99.5)']);
    expect(problems(SLOSchema, slo({ objectives: [{ target: -0.1 }] }))).toEqual(['schema/range spec.objectives[0].target must be at least 0 (got -0.1)']);
  });

  it('rejects targetPercent 100', () => {
    expect(problems(SLOSchema, slo({ objectives: [{ targetPercent: 100 }] }))).toEqual([
      'schema/range spec.objectives[0].targetPercent must be less than 100 (got 100)',
    ]);
  });

  it('needs exactly one of them (openslo/objective-target)', () => {
    expect(problems(SLOSchema, slo({ objectives: [{ target: 0.99, targetPercent: 99 }] }))).toEqual([
      'openslo/objective-target an objective needs exactly one of target or targetPercent',
    ]);
    expect(problems(SLOSchema, slo({ objectives: [{ displayName: 'nothing' }] }))).toEqual([
      'openslo/objective-target an objective needs exactly one of target or targetPercent',
    ]);
  });

  it('needs at least one objective', () => {
    expect(problems(SLOSchema, slo({ objectives: [] }))).toEqual(['schema/range spec.objectives must have at least 1 item']);
  });

  it('accepts the spec example of objectives (several, target and targetPercent)', () => {
    const { objectives } = yaml(`
objectives:
  - displayName: Foo Total Errors
    target: 0.98
  - displayName: Bar Total Errors
    targetPercent: 99.99
`) as { objectives: unknown[] };
    expect(problems(SLOSchema, slo({ objectives }))).toEqual([]);
  });
});

describe('op and value against the SLI kind', () => {
  it('a ratio SLI forbids op and value (openslo/objective-op, on each)', () => {
    expect(problems(SLOSchema, slo({ objectives: [{ op: 'gt', value: 0.5, target: 0.99 }] }))).toEqual([
      'openslo/objective-op op is not allowed with a ratioMetric SLI',
      'openslo/objective-op value is not allowed with a ratioMetric SLI',
    ]);
    const result = SLOSchema.safeParse(slo({ objectives: [{ target: 0.9 }, { op: 'gt', target: 0.99 }] }));
    expect(result.error!.issues.map((i) => i.path)).toEqual([['spec', 'objectives', 1, 'op']]);
  });

  it('a threshold SLI needs both on every objective', () => {
    expect(problems(SLOSchema, thresholdSlo({ op: 'lte', value: 300, target: 0.99 }))).toEqual([]);
    expect(problems(SLOSchema, thresholdSlo({ op: 'lte', target: 0.99 }))).toEqual([
      'openslo/objective-op a thresholdMetric SLI needs value on every objective',
    ]);
    expect(problems(SLOSchema, thresholdSlo({ target: 0.99 }))).toEqual([
      'openslo/objective-op a thresholdMetric SLI needs op on every objective',
      'openslo/objective-op a thresholdMetric SLI needs value on every objective',
    ]);
  });

  it('op is one of lte, gte, lt, gt', () => {
    expect(problems(SLOSchema, thresholdSlo({ op: '<=', value: 300, target: 0.99 }))).toEqual([
      'schema/enum spec.objectives[0].op must be one of lte, gte, lt, gt (got "<=")',
    ]);
  });
});

describe('indicator xor indicatorRef', () => {
  it('takes a reference instead of an inline SLI', () => {
    expect(problems(SLOSchema, slo({ indicator: undefined, indicatorRef: 'api-good' }))).toEqual([]);
  });

  it('rejects both, and neither (openslo/indicator)', () => {
    expect(problems(SLOSchema, slo({ indicatorRef: 'api-good' }))).toEqual(['openslo/indicator an SLO takes indicator or indicatorRef, not both']);
    expect(problems(SLOSchema, slo({ indicator: undefined }))).toEqual(['openslo/indicator an SLO needs indicator or indicatorRef']);
  });

  it('accepts a composite SLO whose objectives each name their SLI', () => {
    const composite = slo({
      indicator: undefined,
      objectives: [
        { target: 0.99, indicatorRef: 'api-good', compositeWeight: 2 },
        { op: 'lte', value: 300, target: 0.95, indicator: { metadata: { name: 'api-latency' }, spec: thresholdSli } },
      ],
    });
    expect(problems(SLOSchema, composite)).toEqual([]);
  });

  it('takes one objective on a thresholdMetric SLI: "only one Threshold can be defined" (openslo/threshold-objectives)', () => {
    const latency = { op: 'lte', value: 400, target: 0.99 };
    expect(problems(SLOSchema, thresholdSlo(latency))).toEqual([]);
    const two = thresholdSlo(latency, { objectives: [latency, { op: 'lt', value: 1000, target: 0.999 }] });
    expect(issuesOf(two)).toEqual([
      'openslo/threshold-objectives spec.objectives.1 an SLO whose SLI is a thresholdMetric may define only one objective (OpenSLO: "If `thresholdMetric` has been defined, only one Threshold can be defined.")',
    ]);
    // A ratio SLI takes any number; so does a composite, whose objectives each name their own SLI.
    expect(problems(SLOSchema, slo({ objectives: [{ target: 0.99 }, { target: 0.999 }] }))).toEqual([]);
    const own = { ...latency, indicator: { metadata: { name: 'p99' }, spec: thresholdSli } };
    expect(problems(SLOSchema, slo({ indicator: undefined, objectives: [own, { ...own, value: 1000 }] }))).toEqual([]);
  });

  it('rejects an objective with both indicator and indicatorRef', () => {
    expect(
      rules(
        SLOSchema,
        slo({ indicator: undefined, objectives: [{ target: 0.99, indicatorRef: 'a', indicator: { metadata: { name: 'b' }, spec: ratioSli } }] }),
      ),
    ).toEqual(['openslo/indicator']);
  });
});

describe('time windows: calendar iff isRolling is false', () => {
  const window = (w: Record<string, unknown>) => problems(SLOSchema, slo({ timeWindow: [w] }));
  const calendar = { startTime: '2026-01-01 00:00:00', timeZone: 'America/New_York' };

  it('accepts rolling windows and calendar-aligned windows', () => {
    expect(window({ duration: '28d', isRolling: true })).toEqual([]);
    expect(window({ duration: '1M', isRolling: false, calendar })).toEqual([]);
    // "if omitted assumed false if calendar: is present"
    expect(window({ duration: '1Q', calendar })).toEqual([]);
  });

  it('rejects a calendar on a rolling window and a calendar-aligned window without one', () => {
    expect(window({ duration: '28d', isRolling: true, calendar })).toEqual(['openslo/time-window a rolling time window cannot have a calendar']);
    expect(window({ duration: '1M', isRolling: false })).toEqual([
      'openslo/time-window a calendar-aligned time window (isRolling: false) needs calendar with startTime and timeZone',
    ]);
    expect(window({ duration: '28d' })).toEqual(['openslo/time-window isRolling is required when there is no calendar']);
  });

  it('writes calendar start times without an offset, in a named time zone', () => {
    expect(window({ duration: '1M', calendar: { startTime: '2026-01-01T00:00:00Z', timeZone: 'America/New_York' } })).toEqual([
      'openslo/calendar spec.timeWindow[0].calendar.startTime must be a date and time "YYYY-MM-DD HH:MM:SS" (got "2026-01-01T00:00:00Z")',
    ]);
    expect(window({ duration: '1M', calendar: { startTime: '2026-01-01 00:00', timeZone: 'Nowhere/City' } })).toEqual([
      'openslo/calendar spec.timeWindow[0].calendar.startTime must be a date and time "YYYY-MM-DD HH:MM:SS" (got "2026-01-01 00:00")',
      'schema/time-zone spec.timeWindow[0].calendar.timeZone must be an IANA time zone',
    ]);
  });

  it('uses the duration shorthand: 1m is a minute, 1M a month, both valid', () => {
    expect(window({ duration: '1m', isRolling: true })).toEqual([]);
    expect(window({ duration: '1M', isRolling: true })).toEqual([]);
    for (const duration of ['5 min', '1s', '0d']) {
      expect(rules(SLOSchema, slo({ timeWindow: [{ duration, isRolling: true }] }))).toEqual(['schema/duration']);
    }
  });

  it('takes exactly one window', () => {
    expect(problems(SLOSchema, slo({ timeWindow: [] }))).toEqual(['schema/range spec.timeWindow must have exactly 1 item']);
    expect(
      problems(
        SLOSchema,
        slo({
          timeWindow: [
            { duration: '1d', isRolling: true },
            { duration: '7d', isRolling: true },
          ],
        }),
      ),
    ).toEqual(['schema/range spec.timeWindow must have exactly 1 item']);
  });
});

describe('budgeting methods', () => {
  it('are Occurrences, Timeslices and RatioTimeslices', () => {
    expect(problems(SLOSchema, slo({ budgetingMethod: 'Occurrences' }))).toEqual([]);
    expect(problems(SLOSchema, slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: '1m' }] }))).toEqual(
      [],
    );
    expect(problems(SLOSchema, slo({ budgetingMethod: 'RatioTimeslices', objectives: [{ target: 0.99, timeSliceWindow: 5 }] }))).toEqual([]);
    expect(problems(SLOSchema, slo({ budgetingMethod: 'timeslices' }))).toEqual([
      'schema/enum spec.budgetingMethod must be one of Occurrences, Timeslices, RatioTimeslices (got "timeslices")',
    ]);
  });

  it('Timeslices needs timeSliceTarget and timeSliceWindow (openslo/time-slices)', () => {
    expect(problems(SLOSchema, slo({ budgetingMethod: 'Timeslices' }))).toEqual([
      'openslo/time-slices budgetingMethod Timeslices needs timeSliceTarget',
      'openslo/time-slices budgetingMethod Timeslices needs timeSliceWindow',
    ]);
    expect(problems(SLOSchema, slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, timeSliceWindow: '5m' }] }))).toEqual([
      'openslo/time-slices budgetingMethod Timeslices needs timeSliceTarget',
    ]);
  });

  it('RatioTimeslices needs timeSliceWindow only', () => {
    expect(problems(SLOSchema, slo({ budgetingMethod: 'RatioTimeslices' }))).toEqual([
      'openslo/time-slices budgetingMethod RatioTimeslices needs timeSliceWindow',
    ]);
  });

  it('timeSliceTarget is in (0, 1]; timeSliceWindow is seconds or a duration', () => {
    const objective = (o: Record<string, unknown>) => problems(SLOSchema, slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, ...o }] }));
    expect(objective({ timeSliceTarget: 1, timeSliceWindow: '1m' })).toEqual([]);
    expect(objective({ timeSliceTarget: 0, timeSliceWindow: '1m' })).toEqual([
      'schema/range spec.objectives[0].timeSliceTarget must be greater than 0 (got 0)',
    ]);
    expect(objective({ timeSliceTarget: 95, timeSliceWindow: '1m' })).toEqual(['schema/range spec.objectives[0].timeSliceTarget must be at most 1 (got 95)']);
    expect(objective({ timeSliceTarget: 0.9, timeSliceWindow: '5 min' })).toEqual([
      'schema/duration spec.objectives[0].timeSliceWindow must be a duration like 5m, 1h, 28d (got "5 min")',
    ]);
  });
});

describe('SLIs', () => {
  const sli = (spec: unknown) => problems(SLISpecSchema, spec);

  it('accepts good/total, bad/total and raw ratios, and thresholds', () => {
    expect(sli(ratioSli)).toEqual([]);
    expect(sli({ ratioMetric: { counter: false, bad: metricSource('bad'), total: metricSource('total') } })).toEqual([]);
    expect(sli({ ratioMetric: { rawType: 'failure', raw: metricSource('ratio') } })).toEqual([]);
    expect(sli(thresholdSli)).toEqual([]);
  });

  it('counter is optional, as in the spec examples', () => {
    expect(sli({ ratioMetric: { good: metricSource('good'), total: metricSource('total') } })).toEqual([]);
  });

  it('needs exactly one of thresholdMetric or ratioMetric (openslo/sli-metric)', () => {
    expect(sli({})).toEqual(['openslo/sli-metric an SLI needs exactly one of thresholdMetric or ratioMetric']);
    expect(sli({ ...ratioSli, ...thresholdSli })).toEqual(['openslo/sli-metric an SLI needs exactly one of thresholdMetric or ratioMetric']);
  });

  it('checks the ratio combinations (openslo/ratio-metric)', () => {
    expect(sli({ ratioMetric: { good: metricSource('g'), bad: metricSource('b'), total: metricSource('t') } })).toEqual([
      'openslo/ratio-metric ratioMetric needs exactly one of good, bad or raw (got good, bad)',
    ]);
    expect(sli({ ratioMetric: { total: metricSource('t') } })).toEqual(['openslo/ratio-metric ratioMetric needs exactly one of good, bad or raw (got none)']);
    expect(sli({ ratioMetric: { good: metricSource('g') } })).toEqual(['openslo/ratio-metric ratioMetric needs total']);
    expect(sli({ ratioMetric: { raw: metricSource('r') } })).toEqual(['openslo/ratio-metric raw and rawType go together']);
    expect(sli({ ratioMetric: { good: metricSource('g'), total: metricSource('t'), rawType: 'success' } })).toEqual([
      'openslo/ratio-metric raw and rawType go together',
    ]);
  });

  it('accepts the spec examples of ratioMetric and thresholdMetric', () => {
    const ratio = yaml(`
ratioMetric:
  counter: true
  good:
    metricSource:
      type: Prometheus
      metricSourceRef: prometheus-datasource
      spec:
        query: sum(localhost_server_requests{code=~"2xx|3xx",host="*",instance="127.0.0.1:9090"})
  total:
    metricSource:
      type: Prometheus
      metricSourceRef: prometheus-datasource
      spec:
        query: localhost_server_requests{code="total",host="*",instance="127.0.0.1:9090"}
`);
    const threshold = yaml(`
thresholdMetric:
  metricSource:
    metricSourceRef: redshift-datasource
    spec:
      region: eu-central-1
      clusterId: metrics-cluster
      databaseName: metrics-db
      query: SELECT value, timestamp FROM metrics WHERE timestamp BETWEEN :date_from AND :date_to
`);
    const thresholdWithoutDataSource = yaml(`
thresholdMetric:
  metricSource:
    type: Redshift
    spec:
      region: eu-central-1
      clusterId: metrics-cluster
      databaseName: metrics-db
      query: SELECT value, timestamp FROM metrics WHERE timestamp BETWEEN :date_from AND :date_to
      accessKeyID: accessKey
      secretAccessKey: secretAccessKey
`);
    expect([sli(ratio), sli(threshold), sli(thresholdWithoutDataSource)]).toEqual([[], [], []]);
  });

  it('metricSource.spec is required and a mapping', () => {
    expect(sli({ thresholdMetric: { metricSource: { type: 'Any', spec: null } } })).toEqual([
      'schema/type thresholdMetric.metricSource.spec must be a mapping (got null)',
    ]);
    expect(sli({ thresholdMetric: { metricSource: { type: 'Any' } } })).toEqual(['schema/required thresholdMetric.metricSource.spec is required']);
  });
});

describe('alerting', () => {
  const policy = (spec: Record<string, unknown>) =>
    problems(AlertPolicySchema, {
      apiVersion: 'openslo/v1',
      kind: 'AlertPolicy',
      metadata: { name: 'p' },
      spec: { conditions: [{ conditionRef: 'c' }], notificationTargets: [{ targetRef: 't' }], ...spec },
    });

  it('an alert policy has exactly one condition, inline or by reference, and at least one target', () => {
    const inline = {
      kind: 'AlertCondition',
      metadata: { name: 'cpu-usage-breach' },
      spec: { severity: 'page', condition: { kind: 'burnrate', op: 'lte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m' } },
    };
    expect(
      policy({ conditions: [inline], notificationTargets: [{ kind: 'AlertNotificationTarget', metadata: { name: 'mail' }, spec: { target: 'email' } }] }),
    ).toEqual([]);
    expect(policy({ conditions: [{ conditionRef: 'a' }, { conditionRef: 'b' }] })).toEqual(['schema/range spec.conditions must have exactly 1 item']);
    expect(policy({ conditions: [] })).toEqual(['schema/range spec.conditions must have exactly 1 item']);
    expect(policy({ notificationTargets: [] })).toEqual(['schema/range spec.notificationTargets must have at least 1 item']);
  });

  it('an alert condition is a burn rate with op, threshold, lookbackWindow and alertAfter', () => {
    const condition = (c: Record<string, unknown>) =>
      problems(AlertConditionSchema, {
        apiVersion: 'openslo/v1',
        kind: 'AlertCondition',
        metadata: { name: 'c' },
        spec: { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 2, lookbackWindow: '1h', alertAfter: '5m', ...c } },
      });
    expect(condition({ kind: 'errors' })).toEqual(['schema/enum spec.condition.kind must be "burnrate" (got "errors")']);
    expect(condition({ lookbackWindow: '1 hour', alertAfter: undefined })).toEqual([
      'schema/duration spec.condition.lookbackWindow must be a duration like 5m, 1h, 28d (got "1 hour")',
    ]);
    // alertAfter defaults to 0m, as the spec says.
    const parsed = AlertConditionSchema.parse({
      apiVersion: 'openslo/v1',
      kind: 'AlertCondition',
      metadata: { name: 'c' },
      spec: { severity: 'page', condition: { kind: 'burnrate', op: 'gte', threshold: 2, lookbackWindow: '1h' } },
    });
    expect(parsed.spec.condition.alertAfter).toBe('0m');
  });

  it("a condition without kind is a burn rate (the spec's default), as alertAfter defaults to 0m", () => {
    const parsed = AlertConditionSchema.safeParse({
      apiVersion: 'openslo/v1',
      kind: 'AlertCondition',
      metadata: { name: 'c' },
      spec: { severity: 'page', condition: { op: 'gte', threshold: 14.4, lookbackWindow: '1h' } },
    });
    expect(parsed.success && parsed.data.spec.condition).toEqual({ kind: 'burnrate', op: 'gte', threshold: 14.4, lookbackWindow: '1h', alertAfter: '0m' });
  });
});

describe('calendar windows across DST changes', () => {
  const window = (startTime: string) => ({ duration: '1M', isRolling: false, calendar: { startTime, timeZone: 'Europe/Berlin' } });
  const slo = (startTime: string) => ({
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name: 'x' },
    spec: { service: 'api', indicatorRef: 'sli', timeWindow: [window(startTime)], budgetingMethod: 'Occurrences', objectives: [{ target: 0.99 }] },
  });
  it('flags a startTime the clocks skip or repeat', () => {
    expect(problems(SLOSchema, slo('2026-03-29 02:30:00'))).toEqual([
      'openslo/calendar startTime 2026-03-29 02:30:00 does not exist in Europe/Berlin: the clocks skip it',
    ]);
    expect(problems(SLOSchema, slo('2026-10-25 02:30:00')).map((p) => p.split(' | ')[0])).toEqual([
      'openslo/calendar startTime 2026-10-25 02:30:00 happens twice in Europe/Berlin: the clocks go back over it',
    ]);
    expect(problems(SLOSchema, slo('2026-03-29 00:00:00'))).toEqual([]);
  });
});

// Zod skips an object's refinements once a field inside it fails with a wrong type or value: Keel
// runs them anyway, on the object as written, so a schema error hides none of its spec rules.
describe('spec rules beside a schema error in the same object', () => {
  it('reports an op on a ratio objective beside a malformed alertPolicies, each once', () => {
    expect(problems(SLOSchema, slo({ alertPolicies: 5, objectives: [{ target: 0.99, op: 'lte' }] }))).toEqual([
      'schema/type spec.alertPolicies must be a list (got 5)',
      'openslo/objective-op op is not allowed with a ratioMetric SLI',
    ]);
  });

  it('checks an objective whose own op is malformed: target and value are still required', () => {
    expect(problems(SLOSchema, thresholdSlo({ op: '<=' }))).toEqual([
      'schema/enum spec.objectives[0].op must be one of lte, gte, lt, gt (got "<=")',
      'openslo/objective-target an objective needs exactly one of target or targetPercent',
      'openslo/objective-op a thresholdMetric SLI needs value on every objective',
    ]);
  });

  it('checks time slices beside a malformed field of the objective', () => {
    expect(problems(SLOSchema, slo({ budgetingMethod: 'Timeslices', objectives: [{ target: 0.99, displayName: 5 }] }))).toEqual([
      'schema/type spec.objectives[0].displayName must be text (got 5)',
      'openslo/time-slices budgetingMethod Timeslices needs timeSliceTarget',
      'openslo/time-slices budgetingMethod Timeslices needs timeSliceWindow',
    ]);
  });

  it('checks indicator xor indicatorRef beside a malformed field of the spec', () => {
    expect(problems(SLOSchema, slo({ description: 5, indicatorRef: 'api-good' }))).toEqual([
      'schema/type spec.description must be text (got 5)',
      'openslo/indicator an SLO takes indicator or indicatorRef, not both',
    ]);
  });

  it('checks a time window beside a malformed duration, and decides nothing from a malformed isRolling', () => {
    const calendar = { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' };
    expect(problems(SLOSchema, slo({ timeWindow: [{ duration: 28, isRolling: true, calendar }] }))).toEqual([
      'schema/type spec.timeWindow[0].duration must be text (got 28)',
      'openslo/time-window a rolling time window cannot have a calendar',
    ]);
    expect(problems(SLOSchema, slo({ timeWindow: [{ duration: '28d', isRolling: 'yes', calendar }] }))).toEqual([
      'schema/type spec.timeWindow[0].isRolling must be true or false (got "yes")',
    ]);
  });

  it('checks an SLI and its ratio beside a malformed field of each', () => {
    expect(problems(SLISpecSchema, { description: 5 })).toEqual([
      'schema/type description must be text (got 5)',
      'openslo/sli-metric an SLI needs exactly one of thresholdMetric or ratioMetric',
    ]);
    expect(problems(SLISpecSchema, { ratioMetric: { counter: 'yes', good: metricSource('g'), bad: metricSource('b') } })).toEqual([
      'schema/type ratioMetric.counter must be true or false (got "yes")',
      'openslo/ratio-metric ratioMetric needs exactly one of good, bad or raw (got good, bad)',
      'openslo/ratio-metric ratioMetric needs total',
    ]);
  });

  it('checks label keys beside a malformed label value', () => {
    expect(problems(MetadataSchema, { name: 'x', labels: { 'team-': 5 } })).toEqual([
      'schema/type labels.team- must be one of text, a list (got 5)',
      'openslo/metadata-key label key "team-" is not valid',
    ]);
  });

  it('takes an empty value (null) as absent: no rule finding beside its type error', () => {
    expect(problems(SLOSchema, slo({ objectives: [{ target: 0.99, op: null }] }))).toEqual([
      'schema/enum spec.objectives[0].op must be one of lte, gte, lt, gt (got null)',
    ]);
  });
});
