import { testRule } from '../../../tests/support/rule-tester.ts';
import futureRow from './future-row.ts';
import orphan from './orphan.ts';
import sliType from './sli-type.ts';

const slo = (name: string, sli: string) => ({
  [`slos/${name}.yaml`]: `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\nspec:\n  service: api\n  indicator:\n    metadata:\n      name: ${name}-sli\n    spec:\n${sli}  timeWindow:\n    - duration: 28d\n      isRolling: true\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n`,
});
const RATIO =
  '      ratioMetric:\n        good: { metricSource: { type: Prometheus, spec: { query: good } } }\n        total: { metricSource: { type: Prometheus, spec: { query: total } } }\n';
const ROWS = 'timestamp,good,total\n2026-11-20T01:00:00Z,99,100\n';

testRule(orphan, {
  valid: [{ name: 'named after its SLO', files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': ROWS } }],
  invalid: [
    {
      name: 'a near miss',
      files: { ...slo('api-availability', RATIO), 'measurements/api-availabilty.csv': ROWS },
      errors: [
        'measurements/api-availabilty.csv:1:1 error measurements belong to no SLO: no SLO is named "api-availabilty" | did you mean api-availability.csv?',
      ],
    },
  ],
});

const THRESHOLD_ROWS = 'timestamp,value\n2026-11-20T01:00:00Z,120\n';
/** The SLO's file with a schema error in its spec (description must be text). */
const withBadDescription = (files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([path, text]) => [path, text.replace('  service: api\n', '  service: api\n  description: 5\n')]));
/** An SLO "api-latency" whose SLI is the object "latency" (a ratio), which fails its schema (labels must be a mapping). */
const REFERENCED = {
  'slos/api-latency.yaml': `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: latency\n  labels: oops\nspec:\n${RATIO.replace(/^ {4}/gm, '')}---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-latency\nspec:\n  service: api\n  indicatorRef: latency\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n`,
};

testRule(sliType, {
  valid: [
    { name: 'ratio rows for a ratio SLI', files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': ROWS } },
    {
      name: 'ratio rows for a ratio SLI whose SLO fails its schema elsewhere',
      files: { ...withBadDescription(slo('api-availability', RATIO)), 'measurements/api-availability.csv': ROWS },
      otherErrors: true,
    },
  ],
  invalid: [
    {
      name: 'threshold rows for a ratio SLI',
      files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': THRESHOLD_ROWS },
      errors: [
        'measurements/api-availability.csv:1:1 error SLO "api-availability" has a ratioMetric SLI but these are threshold measurements | use the header timestamp,good,total',
      ],
    },
    {
      name: 'the SLO fails its schema elsewhere (description: 5): its SLI is still read',
      files: { ...withBadDescription(slo('api-availability', RATIO)), 'measurements/api-availability.csv': THRESHOLD_ROWS },
      otherErrors: true,
      errors: ['measurements/api-availability.csv:1:1 error SLO "api-availability" has a ratioMetric SLI but these are threshold measurements'],
    },
    {
      name: 'the SLI the SLO names fails its schema elsewhere (labels): it is still a ratio SLI',
      files: { ...REFERENCED, 'measurements/api-latency.csv': THRESHOLD_ROWS },
      otherErrors: true,
      errors: ['measurements/api-latency.csv:1:1 error SLO "api-latency" has a ratioMetric SLI but these are threshold measurements'],
    },
  ],
});

testRule(futureRow, {
  valid: [{ name: 'every row by now (2026-11-22T12:00Z)', files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': ROWS } }],
  invalid: [
    {
      name: 'rows after now: one finding at the first of them',
      files: {
        ...slo('api-availability', RATIO),
        'measurements/api-availability.csv': `${ROWS}2026-11-22T12:00:00Z,99,100\n2026-11-22T13:00:00Z,99,100\n2026-11-22T14:00:00Z,99,100\n`,
      },
      errors: [
        'measurements/api-availability.csv:4:1 warning this row is stamped 22 Nov 2026, 13:00 UTC, 1 h after now (2 row(s) from here on); the SLO report ignores them until then',
      ],
    },
  ],
});
