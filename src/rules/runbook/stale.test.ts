/** runbook/stale at its limit: the interval counts from the start (UTC) of the lastReviewed day. */
import { testRule } from '../../../tests/support/rule-tester.ts';
import stale from './stale.ts';

const FILE = 'runbooks/api-errors.md';
const runbook = (lastReviewed: string) => ({
  [FILE]: `---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: ${lastReviewed}\n---\n## Meaning\n\n## Impact\n\n## Diagnosis\n\n## Mitigation\n`,
});

testRule(stale, {
  valid: [{ name: 'exactly 90 days after the start of the review day', now: '2026-11-22T00:00:00Z', files: runbook('2026-08-24') }],
  invalid: [
    {
      name: 'a second later',
      now: '2026-11-22T00:00:01Z',
      files: runbook('2026-08-24'),
      errors: [`${FILE}:5:15 warning runbook last reviewed 2026-08-24, more than 90d ago`],
    },
  ],
});
