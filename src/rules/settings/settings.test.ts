/** keel.yaml `rules:`: configuring rule severities, and the rule that checks the configuration. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testRule } from '../../../tests/support/rule-tester.ts';
import ruleConfig from './rule-config.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BASE_FILES } from '../../../tests/support/rule-tester.ts';
import { validateContent } from '../validate.ts';
import { ruleConfiguration } from '../configuration.ts';
import runbookStale from '../runbook/stale.ts';
import { LINT } from '../../lint/rules.ts';
import { SettingsSchema } from '../../schemas/settings.ts';

const settings = (rules: string) => ({ 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrules:\n${rules}` });

testRule(ruleConfig, {
  valid: [
    { name: 'configurable rules', files: settings('  incident/update-cadence: error\n  runbook/stale: off\n') },
    { name: 'a family of rules', files: settings('  lint/*: off\n  lint/root-cause: warning\n') },
  ],
  invalid: [
    {
      name: 'a misspelt rule id',
      files: settings('  incident/update-cadense: error\n'),
      errors: ['keel.yaml:4:3 error unknown rule "incident/update-cadense" | did you mean "incident/update-cadence"?'],
    },
    {
      name: 'an unknown family',
      files: settings('  lnt/*: off\n'),
      errors: ['keel.yaml:4:3 error unknown rule family "lnt/*" | did you mean "lint/*"?'],
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

describe('rules turned off cost nothing', () => {
  const INCIDENT = 'incidents/2026-11-10-api.md';
  async function findingsOf(files: Record<string, string>): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'keel-off-'));
    try {
      for (const [path, text] of Object.entries({ ...BASE_FILES, ...files })) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const result = await validateContent(dir, { cwd: dir, now: Date.parse('2026-11-22T12:00:00Z') });
      return result.diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} ${d.rule}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("an off rule's findings do not count toward the per-file limit, so they push no other finding out", async () => {
    // 150 findings of lint/root-cause, then one of lint/counterfactual on the last line.
    const body = `${'The root cause was a cache.\n\n'.repeat(150)}We should have paged.\n`;
    const files = {
      [INCIDENT]: `---\ntitle: API errors\nseverity: SEV3\nstarted: 2026-11-10T10:00:00Z\nservices: [api]\n---\n${body}`,
      ...settings('  lint/root-cause: off\n'),
    };
    expect(await findingsOf(files)).toEqual([`${INCIDENT}:307 warning lint/counterfactual`]);
  });

  it('an index rule turned off is not run', async () => {
    const check = vi.spyOn(runbookStale, 'check');
    const runbook =
      '---\ntitle: API errors\nservices: [api]\nowner: team-api\nlastReviewed: 2026-01-01\n---\n## Meaning\n## Impact\n## Diagnosis\n## Mitigation\n';
    expect(await findingsOf({ 'runbooks/api-errors.md': runbook, ...settings('  runbook/stale: off\n') })).toEqual([]);
    expect(check).not.toHaveBeenCalled();
    expect(await findingsOf({ 'runbooks/api-errors.md': runbook })).toEqual(['runbooks/api-errors.md:5 warning runbook/stale']);
    expect(check).toHaveBeenCalledTimes(1);
  });

  it('the lint is not run when every lint rule is off, and runs only the rules that are on', () => {
    const config = (rules: Record<string, string>) =>
      ruleConfiguration(SettingsSchema.parse({ organisation: { name: 'E', url: 'https://e.example' }, timeZone: 'UTC', rules }));
    const allOff = Object.fromEntries(LINT.rules.map((r) => [r.meta.id, 'off']));
    expect(config(allOff).linter).toBeUndefined();
    const some = config({ 'lint/root-cause': 'off', 'lint/blame': 'error' }).linter!;
    expect(some.rules.rules.map((r) => r.meta.id)).toEqual(LINT.rules.map((r) => r.meta.id).filter((id) => id !== 'lint/root-cause'));
    // With the phrase rules off, the prefilter matches no phrase (not every text).
    const verbsOnly = config(Object.fromEntries(LINT.rules.filter((r) => r.kind === 'phrases').map((r) => [r.meta.id, 'off']))).linter!;
    expect(verbsOnly.filters.prose.test('the root cause was a cache')).toBe(false);
  });

  it('a family entry (lint/*) sets every rule of the family, and the entry of a rule wins over it', () => {
    const config = (rules: Record<string, string>) =>
      ruleConfiguration(SettingsSchema.parse({ organisation: { name: 'E', url: 'https://e.example' }, timeZone: 'UTC', rules }));
    expect(config({ 'lint/*': 'off' }).linter).toBeUndefined();
    expect(config({ 'lint/*': 'off', 'lint/mistake': 'error' }).linter!.rules.rules.map((r) => r.meta.id)).toEqual(['lint/mistake']);
    expect(config({ 'lint/*': 'off' }).isOff(LINT.rules[0]!.meta)).toBe(true);
  });
});
