/**
 * The CI templates (templates/ci/, .pre-commit-hooks.yaml) stay in step with the CLI: each is
 * valid YAML, and every `keel …` command line in them names a command and options that exist;
 * the read-only ones (validate, report) run for real, in a git repository holding a copy of the
 * sample content, with the CI variables standing for the base commit replaced by HEAD.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadCommand } from '../src/cli/commands/index.ts';
import { main } from '../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TEMPLATES = [...readdirSync(join(ROOT, 'templates', 'ci')).map((f) => `templates/ci/${f}`), '.pre-commit-hooks.yaml'];

/** `keel …` invocations: after `npx ` or as a pre-commit entry, up to a shell operator. */
function commandLines(text: string): string[] {
  return [...text.matchAll(/(?:npx |entry: )keel ([^\n|>;&]*)/g)].map((m) => m[1]!.replace(/\s*\|\|.*$/, '').trim());
}

/** Shell words, with the CI variables that name the base commit replaced by HEAD. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => (m[1] ?? m[2]!).replace(/^(origin\/)?(\$\{\{[^}]*\}\}|\$[A-Z_]+)$/, 'HEAD'));
}

let repo: string;
beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'keel-templates-'));
  cpSync(join(ROOT, 'content'), repo, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Keel', '-c', 'user.email=keel@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'content');
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe.each(TEMPLATES)('%s', (template) => {
  const text = readFileSync(join(ROOT, template), 'utf8');
  const lines = commandLines(text);

  it('is YAML and runs keel', () => {
    expect(() => parse(text) as unknown).not.toThrow();
    expect(lines.length).toBeGreaterThan(0);
  });

  it.each(lines)('keel %s', async (line) => {
    const [name, ...args] = words(line);
    const command = await loadCommand(name!);
    expect(command, `no command "${name}"`).toBeDefined();
    for (const flag of args.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')[0]!)) {
      expect(Object.keys(command!.options), `keel ${name} has no --${flag}`).toContain(flag);
    }
    if (name !== 'validate' && name !== 'report') return;
    const out: string[] = [];
    const code = await main([name, ...args], { out: (t) => out.push(t), err: (t) => out.push(t), env: { KEEL_NOW: '2026-11-22T12:00:00Z' }, cwd: repo });
    expect(code, out.join('\n')).toBe(0);
  });
});
