/**
 * `keel validate` on hostile input (issue 6): every case of ./cases.ts is planted alone in a
 * copy of the valid fixture, beside one planted error of its own file, and validated in all
 * three formats. Each must exit 1 with no stack trace, report the case's findings at their
 * places and the planted error too, and print only well-formed lines: no value can start a line
 * of its own (a forged workflow command), nor carry a control character.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CASES, type HostileCase } from './cases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLANTED = {
  path: 'services/planted.yaml',
  text: 'name: Planted\nowner: team\ntier: 2\nstatusPage: false\ndependsOn: [apii]\n',
  finding: 'ref/unknown services/planted.yaml:5:13',
};

/* eslint-disable no-control-regex -- the output must hold no control characters: these patterns say so */
/** A line of the text format: a finding, its hint, or the summary. */
const TEXT_LINE =
  /^(\S[^\u0000-\u001f\u007f-\u009f]*:\d+:\d+ (error|warning) [^\u0000-\u001f\u007f-\u009f]+ {2}[a-z0-9-]+\/[a-z0-9-]+| {2}hint: [^\u0000-\u001f\u007f-\u009f]+|\d+ files? checked: .+)$/;
/** A line of the github format: one workflow command per finding, or the summary. */
const GITHUB_LINE =
  /^(::(error|warning) file=[^,:\r\n]+,line=\d+,col=\d+,title=[a-z0-9-]+\/[a-z0-9-]+::[^\r\n\u0000-\u001f\u007f-\u009f]+|\d+ files? checked: .+)$/;
const JSON_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;
/* eslint-enable no-control-regex */

interface Report {
  code: number;
  out: string;
  err: string;
}

async function run(dir: string, format: string): Promise<Report> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', '--content', '.', '--format', format], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { KEEL_NOW: '2026-11-22T12:00:00Z' },
    cwd: dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function plant(dir: string, c: HostileCase): void {
  cpSync(join(ROOT, 'tests/fixtures/valid'), dir, { recursive: true });
  writeFileSync(join(dir, PLANTED.path), PLANTED.text);
  for (const [path, content] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  for (const [path, target] of Object.entries(c.links ?? {})) {
    rmSync(join(dir, path), { force: true });
    symlinkSync(target, join(dir, path));
  }
  for (const path of c.fifos ?? []) spawnSync('bash', ['-c', 'mkfifo "$1"', 'mkfifo', join(dir, path)]);
}

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'keel-hostile-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the hostile corpus', () => {
  it('has at least 150 cases, each with a name of its own', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_, i) => {
    const c = CASES[i]!;
    const dir = join(base, String(i));
    mkdirSync(dir);
    plant(dir, c);
    try {
      const [text, github, json] = [await run(dir, 'text'), await run(dir, 'github'), await run(dir, 'json')];
      for (const r of [text, github, json]) {
        expect(r.code).toBe(1);
        expect(r.err).toBe('');
        expect(r.out).not.toMatch(/^\s+at /m);
      }
      const report = JSON.parse(json.out) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
      const found = report.diagnostics.map((d) => `${d.rule} ${d.file}:${d.line}:${d.column}`);
      expect(found, found.slice(0, 8).join('\n')).toEqual(expect.arrayContaining([...c.expect, PLANTED.finding]));
      for (const rule of c.absent ?? []) expect(found.filter((f) => f.startsWith(`${rule} `))).toEqual([]);
      for (const line of text.out.split('\n')) expect(line).toMatch(TEXT_LINE);
      for (const line of github.out.split('\n')) expect(line).toMatch(GITHUB_LINE);
      // GitHub Actions reads a workflow command from any line, leading spaces trimmed.
      for (const line of text.out.split('\n')) expect(line.trim()).not.toMatch(/^(::|##\[)/);
      expect(json.out).not.toMatch(JSON_UNSAFE);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a canary in the environment', () => {
  it('never reaches the output of any format, with measurements linked to /proc/self/environ', () => {
    const dir = join(base, 'canary');
    mkdirSync(dir);
    plant(dir, {
      name: 'canary',
      links: { 'measurements/api-availability.csv': '/proc/self/environ', 'services/environ.yaml': '/proc/self/environ' },
      expect: [],
    });
    const canary = `KEEL_CANARY_${process.pid}_SECRET`;
    for (const format of ['text', 'github', 'json']) {
      const child = spawnSync(process.execPath, [join(ROOT, 'bin/keel.mjs'), 'validate', '--content', dir, '--format', format], {
        cwd: ROOT,
        env: { ...process.env, KEEL_NOW: '2026-11-22T12:00:00Z', KEEL_CANARY: canary },
        encoding: 'utf8',
      });
      expect(child.status, format).toBe(1);
      expect(child.stdout + child.stderr).not.toContain(canary);
      expect(child.stdout).toContain('api-availability.csv');
      expect(child.stdout).toContain('content/link');
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
