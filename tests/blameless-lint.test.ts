/**
 * Issue 10's acceptance, end to end: in a copy of the sample content, `keel new incident "…"`
 * adds exactly one file, which validates; the issue's sentence appended to its body gives at
 * least three blameless-language findings, each at that line, each with a hint.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';
import { listFiles } from '../src/core/walk.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-22T12:00:00Z';
const SENTENCE = 'The root cause was human error: the operator should have checked the dashboard.';

let dir: string;
let before: string[];
let created: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'keel-blameless-'));
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  before = listFiles(dir);
  const out: string[] = [];
  const code = await main(['new', 'incident', 'Checkout errors after the payment gateway deploy', '--services', 'payments', '--severity', 'SEV2'], {
    out: (t) => out.push(t),
    err: (t) => out.push(t),
    env: { KEEL_NOW: NOW },
    cwd: dir,
  });
  expect(code, out.join('\n')).toBe(0);
  created = listFiles(dir).filter((f) => !before.includes(f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const findingsOf = async () => (await validateContent(dir, { cwd: dir, now: Date.parse(NOW) })).diagnostics;

describe('keel new incident, then the blameless-language lint, on a copy of the sample content', () => {
  it('adds exactly one file, and the folder validates with no finding', async () => {
    expect(created).toEqual(['incidents/2026-11-22-checkout-errors-after-the-payment-gateway-deploy.md']);
    expect((await findingsOf()).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([]);
  });

  it('finds at least three problems at the line of "The root cause was human error: …"', async () => {
    const file = created[0]!;
    appendFileSync(join(dir, file), `${SENTENCE}\n`);
    const line = readFileSync(join(dir, file), 'utf8').split('\n').indexOf(SENTENCE) + 1;
    const found = (await findingsOf()).filter((d) => d.file === file);
    expect(found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      `${line}:5 warning lint/root-cause`,
      `${line}:20 warning lint/human-error`,
      `${line}:46 warning lint/counterfactual`,
    ]);
    expect(found.every((d) => d.hint)).toBe(true);
  });
});
