import { testRule } from '../../../tests/support/rule-tester.ts';
import objectiveOp from './objective-op.ts';

const SLI = (metric: string) =>
  `apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: latency\nspec:\n  ${metric}:\n    metricSource: { type: Prometheus, spec: { query: q } }\n---\n`;
const SLO = (objective: string) =>
  `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-latency\nspec:\n  service: api\n  indicatorRef: latency\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n    - ${objective}\n`;

testRule(objectiveOp, {
  valid: [
    { name: 'op and value on a referenced threshold SLI', files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, value: 300, target: 0.99 }') } },
  ],
  invalid: [
    {
      name: 'no value on a referenced threshold SLI',
      files: { 'slos/api.yaml': SLI('thresholdMetric') + SLO('{ op: lte, target: 0.99 }') },
      errors: ['slos/api.yaml:20:7 error a thresholdMetric SLI needs value on every objective | e.g. op: lte and value: 300 for "latency at most 300 ms"'],
    },
  ],
});
