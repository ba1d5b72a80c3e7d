import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE_FILES, testRule } from '../../../tests/support/rule-tester.ts';
import { formatDiagnosticText } from '../report.ts';
import { validateContent } from '../validate.ts';
import objectiveOp from './objective-op.ts';
import thresholdObjectives from './threshold-objectives.ts';

/** An SLI object named "latency"; `extra` goes into its spec (a schema error, say). */
const SLI = (metric: string, extra = '') =>
  `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: latency\nspec:\n${extra}  ${metric}:\n    metricSource: { type: Prometheus, spec: { query: q } }\n---\n`;
/** An SLO whose SLI is the object "latency"; `extra` goes into its spec after service. */
const SLO = (objective: string, extra = '') =>
  `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-latency\nspec:\n  service: api\n${extra}  indicatorRef: latency\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n    - ${objective}\n`;
/** The same SLO with its SLI inline, a ratio. */
const INLINE_RATIO_SLO = (objective: string, extra = '') =>
  SLO(objective, extra).replace(
    '  indicatorRef: latency\n',
    '  indicator:\n    metadata: { name: api-requests }\n    spec:\n      ratioMetric:\n        good: { metricSource: { type: Prometheus, spec: { query: good } } }\n        total: { metricSource: { type: Prometheus, spec: { query: total } } }\n',
  );

testRule(objectiveOp, {
  valid: [
    { name: 'op and value on a referenced threshold SLI', files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, value: 300, target: 0.99 }') } },
    {
      name: 'an SLI that names neither metric (or both) decides nothing: openslo/sli-metric says so',
      files: {
        'slos/api.yaml':
          SLI('description: x\n  thresholdMetric', '  ratioMetric: { raw: { metricSource: { type: P, spec: {} } } }\n') + SLO('{ op: lte, target: 0.99 }'),
      },
      otherErrors: true,
    },
  ],
  invalid: [
    {
      name: 'no value on a referenced threshold SLI',
      files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, target: 0.99 }') },
      errors: ['slos/api.yaml:20:7 error a thresholdMetric SLI needs value on every objective | e.g. op: lte and value: 300 for "latency at most 300 ms"'],
    },
    {
      name: 'the SLO fails its schema elsewhere (description: 5): the referenced SLI is still checked',
      files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, target: 0.99 }', '  description: 5\n') },
      otherErrors: true,
      errors: ['slos/api.yaml:21:7 error a thresholdMetric SLI needs value on every objective'],
    },
    {
      name: 'the referenced SLI fails its schema elsewhere: it is still a ratio SLI',
      files: {
        'slos/api.yaml':
          SLI('ratioMetric:\n    good', '  description: 5\n').replace('---', '    total: { metricSource: { type: P, spec: {} } }\n---') +
          SLO('{ op: lte, value: 1, target: 0.99 }'),
      },
      otherErrors: true,
      errors: ['slos/api.yaml:23:13 error op is not allowed with a ratioMetric SLI', 'slos/api.yaml:23:25 error value is not allowed with a ratioMetric SLI'],
    },
    {
      name: 'an inline SLI is checked once (by the schema), even when the SLO fails its schema elsewhere',
      files: { 'slos/api.yaml': INLINE_RATIO_SLO('{ op: lte, target: 0.99 }', '  alertPolicies: 5\n') },
      otherErrors: true,
      errors: ['slos/api.yaml:18:13 error op is not allowed with a ratioMetric SLI'],
    },
  ],
});

/** The SLI object "latency" as a ratio of good to total events. */
const RATIO_SLI =
  'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: latency\nspec:\n  ratioMetric:\n    good: { metricSource: { type: P, spec: {} } }\n    total: { metricSource: { type: P, spec: {} } }\n---\n';
const TWO_THRESHOLDS = '{ op: lte, value: 300, target: 0.99 }\n    - { op: lt, value: 1000, target: 0.999 }';

testRule(thresholdObjectives, {
  valid: [
    { name: 'one objective on a referenced threshold SLI', files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, value: 300, target: 0.99 }') } },
    {
      name: 'several objectives on a referenced ratio SLI',
      files: { 'slos/api.yaml': RATIO_SLI + SLO('{ target: 0.99 }\n    - { target: 0.999 }') },
    },
  ],
  invalid: [
    {
      name: 'a second objective on a referenced threshold SLI, at its line',
      files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO(TWO_THRESHOLDS) },
      errors: [
        'slos/api.yaml:21:7 error an SLO whose SLI is a thresholdMetric may define only one objective (OpenSLO: "If `thresholdMetric` has been defined, only one Threshold can be defined.") | keep one objective here and write the other as an SLO of its own on the same SLI, or measure it with a ratioMetric SLI (good/total events), which may have several objectives',
      ],
    },
    {
      name: 'the SLO fails its schema elsewhere (description: 5): still checked',
      files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO(TWO_THRESHOLDS, '  description: 5\n') },
      otherErrors: true,
      errors: [
        'slos/api.yaml:22:7 error an SLO whose SLI is a thresholdMetric may define only one objective (OpenSLO: "If `thresholdMetric` has been defined, only one Threshold can be defined.")',
      ],
    },
  ],
});

describe('a schema error and a spec rule in the same object', () => {
  it('are both reported, once each, in one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-objective-op-'));
    try {
      const files = { ...BASE_FILES, 'slos/api.yaml': INLINE_RATIO_SLO('{ op: lte, target: 0.99 }', '  alertPolicies: 5\n') };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const { diagnostics } = await validateContent(dir, { cwd: dir, now: Date.parse('2026-11-22T12:00:00Z') });
      expect(diagnostics.map(formatDiagnosticText)).toEqual([
        'slos/api.yaml:7:18 error spec.alertPolicies must be a list (got 5)  schema/type',
        'slos/api.yaml:18:13 error op is not allowed with a ratioMetric SLI  openslo/objective-op\n  hint: a ratio SLI is judged by target alone; op and value belong to thresholdMetric SLIs',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
