/** keel.yaml `rules:`: configuring rule severities, and the rule that checks the configuration. */
import { describe, expect, it } from 'vitest';
import { testRule } from '../../../tests/support/rule-tester.ts';
import ruleConfig from './rule-config.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BASE_FILES } from '../../../tests/support/rule-tester.ts';
import { validateContent } from '../validate.ts';

const settings = (rules: string) => ({ 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrules:\n${rules}` });

testRule(ruleConfig, {
  valid: [{ name: 'configurable rules', files: settings('  incident/update-cadence: error\n  runbook/stale: off\n') }],
  invalid: [
    {
      name: 'a misspelt rule id',
      files: settings('  incident/update-cadense: error\n'),
      errors: ['keel.yaml:4:3 error unknown rule "incident/update-cadense" | did you mean "incident/update-cadence"?'],
    },
    {
      name: 'a rule whose findings drop a file',
      files: settings('  yaml/syntax: off\n'),
      errors: [
        'keel.yaml:4:3 error rule "yaml/syntax" cannot be configured | its findings mean a file could not be read as an entry; turning it off would drop the file silently',
      ],
    },
  ],
});

describe('severities configured in keel.yaml', () => {
  const STALE_RUNBOOK =
    '---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: 2026-01-01\n---\n## Meaning\n## Impact\n## Diagnosis\n## Mitigation\n';
  async function rulesOf(rules: string): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'keel-severity-'));
    try {
      const files = { ...BASE_FILES, ...settings(rules), 'runbooks/api-errors.md': STALE_RUNBOOK };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const result = await validateContent(dir, { cwd: dir, now: Date.parse('2026-11-22T12:00:00Z') });
      return result.diagnostics.map((d) => `${d.severity} ${d.rule}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('raise a warning to an error, or turn a rule off', async () => {
    expect(await rulesOf('  incident/update-cadence: error\n')).toEqual(['warning runbook/stale']);
    expect(await rulesOf('  runbook/stale: error\n')).toEqual(['error runbook/stale']);
    expect(await rulesOf('  runbook/stale: off\n')).toEqual([]);
  });
});
