import { testRule } from '../../../tests/support/rule-tester.ts';
import duplicate from './duplicate.ts';

const service = (name: string) => `name: ${name}\nowner: team\ntier: 2\nstatusPage: false\n`;

testRule(duplicate, {
  valid: [
    {
      name: 'the same id in two kinds',
      files: {
        'runbooks/api.md': '---\ntitle: t\nservices: [api]\nowner: o\nlastReviewed: 2026-11-01\n---\n## Meaning\n## Impact\n## Diagnosis\n## Mitigation\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an id given in the file that another file has as its name',
      files: { 'services/payments.yaml': `id: api\n${service('Payments')}` },
      errors: [
        'services/payments.yaml:1:5 error duplicate service id "api" (first defined at services/api.yaml:1) | ids are unique per kind; rename one of them',
      ],
    },
  ],
});
