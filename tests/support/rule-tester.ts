/**
 * Runs one rule over small content folders (eslint's RuleTester, for Keel): each case's files
 * are written over a base folder (keel.yaml and one service with the component "API"), the
 * whole validator runs, and only the rule's findings are compared. Valid cases must give
 * none; invalid cases exactly the expected `file:line:col severity message` lines (a hint,
 * when given, after " | "). Errors of other rules fail the case unless it expects them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/core/diagnostic.ts';
import type { Rule } from '../../src/rules/rule.ts';
import { validateContent } from '../../src/rules/validate.ts';

export const BASE_FILES: Record<string, string> = {
  'keel.yaml': 'organisation:\n  name: Example\n  url: https://example.com\ntimeZone: UTC\n',
  'services/api.yaml': 'name: API\nowner: team-api\ntier: 1\nstatusPage:\n  component: API\n',
};

export interface RuleCase {
  name: string;
  /** Files by path in the content folder; `null` removes a base file. */
  files: Record<string, string | null>;
  /** "Now" of the run (default 2026-11-22T12:00:00Z). */
  now?: string;
  /** Other rules' errors are expected too (otherwise any is a mistake in the case). */
  otherErrors?: boolean;
}

export interface InvalidCase extends RuleCase {
  errors: string[];
}

function line(d: Diagnostic, withHint: boolean): string {
  const head = `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message}`;
  return withHint && d.hint ? `${head} | ${d.hint}` : head;
}

/** Validates the case's folder and returns the rule's findings. */
async function findings(rule: Rule, c: RuleCase): Promise<Diagnostic[]> {
  const all = await validate(c);
  if (!c.otherErrors) expect(all.filter((d) => d.rule !== rule.meta.id && d.severity === 'error').map((d) => line(d, false))).toEqual([]);
  return all.filter((d) => d.rule === rule.meta.id);
}

async function validate(c: RuleCase): Promise<Diagnostic[]> {
  const dir = mkdtempSync(join(tmpdir(), 'keel-rule-'));
  try {
    const files = { ...BASE_FILES, ...c.files };
    for (const [path, text] of Object.entries(files)) {
      if (text === null) continue;
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const result = await validateContent(dir, { cwd: dir, now: Date.parse(c.now ?? '2026-11-22T12:00:00Z') });
    return result.diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function testRule(rule: Rule, { valid, invalid }: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it.each(valid.map((c) => [c.name, c] as const))('valid: %s', async (_, c) => {
      expect((await findings(rule, c)).map((d) => line(d, true))).toEqual([]);
    });
    it.each(invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_, c) => {
      const found = await findings(rule, c);
      const withHints = c.errors.some((e) => e.includes(' | '));
      expect(found.map((d) => line(d, withHints))).toEqual(c.errors);
    });
  });
}
