import { testRule } from '../../../tests/support/rule-tester.ts';
import unknown from './unknown.ts';

const INCIDENT = 'incidents/2026-11-05-x.md';
const incident = (lines: string) => ({ [INCIDENT]: `---\ntitle: x\nseverity: SEV3\nstarted: 2026-11-05T10:00:00Z\n${lines}---\n` });

testRule(unknown, {
  valid: [
    {
      name: 'a service and a component that exist',
      files: incident('services: [api]\nimpact:\n  - { component: API, level: degraded_performance, from: 2026-11-05T10:00:00Z }\n'),
    },
  ],
  invalid: [
    {
      name: 'a near miss, and a component no service declares',
      files: incident('services: [apii]\nimpact:\n  - { component: Web, level: degraded_performance, from: 2026-11-05T10:00:00Z }\n'),
      errors: [
        `${INCIDENT}:5:12 error unknown service "apii" | did you mean "api"?`,
        `${INCIDENT}:7:18 error unknown status-page component "Web" | components are declared by services (statusPage.component): API`,
      ],
    },
    {
      name: 'a kind with nothing defined yet',
      files: incident('services: [api]\nrunbooks: [api-errors]\n'),
      errors: [`${INCIDENT}:6:12 error unknown runbook "api-errors" | no runbook is defined yet`],
    },
    {
      name: 'checked on the data as written when the file fails its schema',
      otherErrors: true,
      files: incident('services: [apii]\ndetection: psychic\n'),
      errors: [`${INCIDENT}:5:12 error unknown service "apii"`],
    },
  ],
});

testRule(unknown, {
  valid: [],
  invalid: [
    {
      name: 'a service declared only as an OpenSLO Service document',
      files: {
        'slos/payments.yaml':
          'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: payments\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: payments-availability\nspec:\n  service: payments\n  indicatorRef: x\n  timeWindow:\n    - { duration: 28d, isRolling: true }\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n',
        'slos/sli.yaml':
          'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: x\nspec:\n  ratioMetric:\n    good: { metricSource: { type: P, spec: {} } }\n    total: { metricSource: { type: P, spec: {} } }\n',
      },
      errors: [
        'slos/payments.yaml:4:9 error unknown service "payments" | an OpenSLO Service "payments" is defined in slos/payments.yaml, but Keel links SLOs, incidents and runbooks to its service catalog: add services/payments.yaml (name, owner, tier, statusPage)',
        'slos/payments.yaml:11:12 error unknown service "payments" | an OpenSLO Service "payments" is defined in slos/payments.yaml, but Keel links SLOs, incidents and runbooks to its service catalog: add services/payments.yaml (name, owner, tier, statusPage)',
      ],
    },
  ],
});
