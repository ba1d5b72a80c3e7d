/**
 * The blameless-language lint on the sample content (issue 10's acceptance): a new incident in a
 * copy of content/, written as `keel new incident` writes one (a draft with the retrospective's
 * sections and their guidance as comments), validates clean; the sentence of the issue appended
 * to its body gives at least three lint findings, each at that line.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETROSPECTIVE_EXTRA_SECTIONS, RETROSPECTIVE_SECTIONS } from '../src/schemas/retrospective.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const FILE = 'incidents/2026-11-22-checkout-errors.md';
const SENTENCE = 'The root cause was human error: the operator should have checked the dashboard.';

const TEMPLATE = [
  '---',
  'title: Checkout errors after the payment gateway deploy',
  'severity: SEV2',
  'started: 2026-11-22T10:05:00+01:00',
  'detected: 2026-11-22T10:09:00+01:00',
  'services: [payments]',
  'participants:',
  '  commander: "@maya.okafor"',
  'review:',
  '  status: draft',
  '---',
  '',
  ...[...RETROSPECTIVE_SECTIONS, ...RETROSPECTIVE_EXTRA_SECTIONS].flatMap((s) => [`## ${s.heading}`, '', `<!-- ${s.guidance} -->`, '']),
].join('\n');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'keel-blameless-'));
  cpSync(join(ROOT, 'content'), dir, { recursive: true });
  writeFileSync(join(dir, FILE), TEMPLATE);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const findingsOf = async () => (await validateContent(dir, { cwd: dir, now: NOW })).diagnostics;

describe('the blameless-language lint on a copy of the sample content', () => {
  it('finds nothing in a new draft incident', async () => {
    expect((await findingsOf()).map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([]);
  });

  it('finds at least three problems at the line of "The root cause was human error: …"', async () => {
    appendFileSync(join(dir, FILE), `${SENTENCE}\n`);
    const line = readFileSync(join(dir, FILE), 'utf8').split('\n').indexOf(SENTENCE) + 1;
    const found = (await findingsOf()).filter((d) => d.file === FILE);
    expect(found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`)).toEqual([
      `${line}:5 warning lint/root-cause`,
      `${line}:20 warning lint/human-error`,
      `${line}:46 warning lint/counterfactual`,
    ]);
    expect(found.every((d) => d.hint)).toBe(true);
  });
});
