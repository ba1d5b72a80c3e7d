import { testRule } from '../../../tests/support/rule-tester.ts';
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

testRule(sliType, {
  valid: [{ name: 'ratio rows for a ratio SLI', files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': ROWS } }],
  invalid: [
    {
      name: 'threshold rows for a ratio SLI',
      files: { ...slo('api-availability', RATIO), 'measurements/api-availability.csv': 'timestamp,value\n2026-11-20T01:00:00Z,120\n' },
      errors: [
        'measurements/api-availability.csv:1:1 error SLO "api-availability" has a ratioMetric SLI but these are threshold measurements | use the header timestamp,good,total',
      ],
    },
  ],
});
