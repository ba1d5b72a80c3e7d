/** The rule registry: ids are unique and sorted, a module's path is its id, docs/rules.md is current. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_RULES, DOCUMENTED_RULES, RULE_MODULES } from '../src/rules/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the rule registry', () => {
  it('lists every rule once, sorted by id, each with a summary and messages', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const rule of ALL_RULES) {
      expect(rule.id, rule.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(rule.summary.length, rule.id).toBeGreaterThan(10);
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
    }
  });

  it('keeps each rule module at src/rules/<id>.ts, listed in id order, with tests in its family folder', () => {
    const modules = RULE_MODULES.map((r) => r.meta.id);
    expect(modules).toEqual([...modules].sort());
    for (const id of modules) expect(existsSync(join(ROOT, 'src', 'rules', `${id}.ts`)), id).toBe(true);
    for (const family of new Set(modules.map((id) => id.split('/')[0]!))) {
      const tests = readdirSync(join(ROOT, 'src', 'rules', family)).filter((f) => f.endsWith('.test.ts'));
      expect(tests.length, `src/rules/${family}/ has no tests`).toBeGreaterThan(0);
    }
  });

  it('every rule module file is in the index', () => {
    const files: string[] = [];
    for (const family of readdirSync(join(ROOT, 'src', 'rules'), { withFileTypes: true })) {
      if (!family.isDirectory()) continue;
      for (const file of readdirSync(join(ROOT, 'src', 'rules', family.name))) {
        // Family folders hold rules and their tests only; shared helpers sit in src/rules/.
        if (file.endsWith('.ts') && !file.endsWith('.test.ts')) files.push(`${family.name}/${file.slice(0, -3)}`);
      }
    }
    expect(files.sort()).toEqual(RULE_MODULES.map((r) => r.meta.id));
  });

  it('names the file that declares each rule', () => {
    for (const { meta, source } of DOCUMENTED_RULES) expect(existsSync(join(ROOT, source)), `${meta.id}: ${source}`).toBe(true);
  });

  it('docs/rules.md is current (npm run rules-doc)', () => {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'rules-doc.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toContain(`all ${ALL_RULES.length} rules`);
  });
});
