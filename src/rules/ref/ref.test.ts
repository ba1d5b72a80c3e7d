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
