/**
 * A rule made to throw on purpose: its throw becomes one internal/rule-failed finding on the file
 * it was checking, and every other rule's findings are still reported; a command that throws
 * exits 70 with one line.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { loadCommand } from '../cli/commands/index.ts';
import type { Diagnostic } from '../core/diagnostic.ts';
import { RULE_MODULES } from './index.ts';
import { formatReport } from './report.ts';
import type { Body } from '../content/parse.ts';
import type { BodyRule, IndexContext, IndexRule, Rule } from './rule.ts';
import { validateContent } from './validate.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const NOW = Date.parse('2026-11-22T12:00:00Z');
const BROKEN = join(ROOT, 'tests', 'fixtures', 'broken');

const restore: (() => void)[] = [];
afterEach(() => {
  for (const undo of restore.splice(0)) undo();
  delete process.env.KEEL_DEBUG;
});

/** Replaces a rule's check for one test. */
function sabotage(id: string, check: IndexRule['check'] | BodyRule['check']): void {
  const rule = RULE_MODULES.find((r) => r.meta.id === id)! as { check: Rule['check'] };
  const original = rule.check;
  rule.check = check;
  restore.push(() => (rule.check = original));
}

const key = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
const broken = () => validateContent(BROKEN, { cwd: ROOT, now: NOW });

describe('a rule that throws', () => {
  it('an index rule: one internal/rule-failed on the file it was reading, every other finding still reported, exit 1', async () => {
    const before = (await broken()).diagnostics;
    sabotage('ref/unknown', ({ index }: IndexContext<string>) => {
      for (const incident of index.collections.incidents)
        if (incident.id.includes('blame')) throw new TypeError("Cannot read properties of undefined (reading 'id')");
    });
    const after = await broken();
    const failed = after.diagnostics.filter((d) => d.rule === 'internal/rule-failed');
    expect(failed.map((d) => formatReport([d], { files: 1, errors: 1, warnings: 0 }, 'text').split('\n').slice(0, 2).join('\n'))).toEqual([
      "tests/fixtures/broken/incidents/2026-11-19-blame.md:1:1 error rule ref/unknown failed on this file: Cannot read properties of undefined (reading 'id')  internal/rule-failed\n" +
        '  hint: a bug in Keel, not necessarily in this file: please report it with the file; KEEL_DEBUG=1 shows the stack',
    ]);
    // Every other rule's findings are there; only the sabotaged rule's are gone.
    const expected = before.filter((d) => d.rule !== 'ref/unknown').map(key);
    expect(after.diagnostics.filter((d) => d.rule !== 'internal/rule-failed').map(key)).toEqual(expected);
    expect(after.ok).toBe(false);
  });

  it('a body rule: the finding sits at the start of the body it was reading; the stack only under KEEL_DEBUG=1', async () => {
    sabotage('runbook/sections', (body: Body) => {
      if (body.text.length > 0) throw new Error('boom');
    });
    const plain = (await broken()).diagnostics.filter((d) => d.rule === 'internal/rule-failed');
    expect(plain.length).toBeGreaterThan(0);
    for (const d of plain) {
      expect(d.file).toMatch(/^tests\/fixtures\/broken\/runbooks\//);
      expect(d.line).toBeGreaterThan(1);
      expect(d.message).toBe('rule runbook/sections failed on this file: boom');
      expect(d.hint).not.toContain('guard.test.ts');
    }
    process.env.KEEL_DEBUG = '1';
    const debug = (await broken()).diagnostics.find((d) => d.rule === 'internal/rule-failed')!;
    expect(debug.hint).toContain('guard.test.ts');
  });

  it('keel validate prints it beside the other findings and exits 1, not a stack trace', async () => {
    sabotage('maintenance/window', () => {
      throw new RangeError('Invalid time value');
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['validate', '--content', BROKEN], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { KEEL_NOW: '2026-11-22T12:00:00Z' },
      cwd: ROOT,
    });
    expect(code).toBe(1);
    expect(err).toEqual([]);
    const text = out.join('\n');
    expect(text).toContain('rule maintenance/window failed on this file: Invalid time value  internal/rule-failed');
    expect(text).toContain('ref/unknown');
    expect(text).not.toMatch(/^\s+at /m);
  });
});

describe('a command that throws', () => {
  async function sabotageCommand(name: string, error: Error) {
    const command = (await loadCommand(name))!;
    const original = command.run;
    command.run = () => Promise.reject(error);
    restore.push(() => (command.run = original));
  }

  async function run(env: Record<string, string> = {}) {
    const err: string[] = [];
    const code = await main(['validate'], { out: () => undefined, err: (t) => err.push(t), env, cwd: ROOT });
    return { code, err: err.join('\n') };
  }

  it('exits 70 with one line naming the command, escaped; the stack only under KEEL_DEBUG=1', async () => {
    await sabotageCommand('validate', new Error('ENOMEM\n::error::forged'));
    expect(await run()).toEqual({
      code: 70,
      err: 'keel: internal error in validate: ENOMEM\n  a bug in Keel: please report it; KEEL_DEBUG=1 shows the stack',
    });
    const debug = await run({ KEEL_DEBUG: '1' });
    expect(debug.code).toBe(70);
    expect(debug.err).toMatch(/^keel: internal error in validate: ENOMEM\n\s+at .*guard\.test\.ts/);
    expect(debug.err).not.toMatch(/^::/m);
  });
});
