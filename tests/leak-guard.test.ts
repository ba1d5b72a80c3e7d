/**
 * The leak guard (src/astro/leak-guard.ts, run by the integration after every public build):
 *
 * 1. run over a folder holding leaked values (as HTML text, an attribute, escaped JSON, a file
 *    name), it names each file and value; over a clean folder it finds nothing;
 * 2. a real public build with a test-only route that leaks (tests/fixtures/leaky-build) fails
 *    with exit 1, naming the file and the value, without a stack trace, and leaves nothing to
 *    publish;
 * 3. a copy of the sample content with a unique canary planted in every internal text field of
 *    every kind (front matter and YAML, as far as the field holds free text: enumerations,
 *    times, ids and references are found by the validator and left as they were) and in every
 *    Markdown body builds: no canary is in any file of dist/public, every canary is among the
 *    values the guard looks for, and the internal site shows the ones its pages show.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { findLeaks, formatLeaks } from '../src/astro/leak-guard.ts';
import { listFiles } from '../src/core/walk.ts';
import { ENUM_KEYS, internalValues, normaliseText } from '../src/projections/internal-values.ts';
import { validateContent } from '../src/rules/validate.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;
const NOW = '2026-11-22T13:00:00+01:00';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(node, args, { cwd: root, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', KEEL_NOW: NOW, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

// --- planting canaries ---------------------------------------------------------------------------

/** Subtrees that are public by design, per content folder (the public projection's allowlist). */
const PUBLIC_PATHS: Record<string, RegExp> = {
  incidents: /^(public|impact)(\.|$)/,
  services: /^statusPage(\.|$)/,
};
/** Folders that are public by nature, or not text (measurements), or settings. */
const SKIPPED = /^(maintenance|measurements)\/|^keel\.yaml$|README\.md$/;

interface Canary {
  text: string;
  file: string;
  path: string;
}

let counter = 0;
const nextCanary = () => `keelcanary${String(++counter).padStart(4, '0')}x`;

/** Every scalar string of a YAML document, with its path. */
function scalars(node: Node | null, path: string, out: { path: string; node: Node & { value: unknown } }[]): void {
  if (isMap(node)) {
    for (const pair of node.items)
      if (isPair(pair) && isScalar(pair.key)) scalars(pair.value as Node, path ? `${path}.${String(pair.key.value)}` : String(pair.key.value), out);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => scalars(item as Node, `${path}[${i}]`, out));
  } else if (isScalar(node) && typeof node.value === 'string') {
    out.push({ path, node });
  }
}

/** A canary added to a value so that the value keeps its format: a path segment for a URL, a word otherwise. */
const withCanary = (value: string, canary: string) => (/^https?:\/\//.test(value) ? `${value.replace(/\/$/, '')}/${canary}` : `${value} ${canary}`);

/** Plants a canary in every string of the YAML text outside public paths; returns the new text. */
function plantYaml(text: string, file: string, publicPath: RegExp | undefined, canaries: Canary[]): string {
  const docs = parseAllDocuments(text) as Document[];
  for (const doc of docs) {
    const found: { path: string; node: Node & { value: unknown } }[] = [];
    scalars(doc.contents, '', found);
    for (const { path, node } of found) {
      if (publicPath?.test(path)) continue;
      const canary = nextCanary();
      node.value = withCanary(node.value as string, canary);
      canaries.push({ text: canary, file, path });
    }
  }
  return docs.map((d) => d.toString({ lineWidth: 0 })).join('');
}

/** Plants canaries in every internal field and body of a content folder, in place. */
function plantAll(dir: string): Canary[] {
  const canaries: Canary[] = [];
  for (const file of listFiles(dir)) {
    if (SKIPPED.test(file) || !/\.(ya?ml|mdx?)$/.test(file)) continue;
    const folder = file.split('/')[0]!;
    const text = readFileSync(join(dir, file), 'utf8');
    if (/\.mdx?$/.test(file)) {
      const m = /^---\r?\n([\s\S]*?\r?\n)---\r?\n([\s\S]*)$/.exec(text);
      if (!m) continue;
      const body = nextCanary();
      canaries.push({ text: body, file, path: 'body' });
      const front = plantYaml(m[1]!, file, PUBLIC_PATHS[folder], canaries);
      writeFileSync(join(dir, file), `---\n${front}---\n${m[2]}\n\nThe retrospective says ${body} here.\n`);
    } else {
      writeFileSync(join(dir, file), plantYaml(text, file, PUBLIC_PATHS[folder], canaries));
    }
  }
  return canaries;
}

/**
 * Takes out the canaries that the validator rejects (in enumerations, times, ids and references:
 * fields that cannot hold free text), until the content is valid again. Returns those kept.
 */
async function keepValid(dir: string, canaries: Canary[]): Promise<{ kept: Canary[]; removed: Canary[] }> {
  const removed: Canary[] = [];
  for (let round = 0; round < 6; round++) {
    const { diagnostics } = await validateContent(dir, { cwd: dir, now: Date.parse(NOW) });
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return { kept: canaries.filter((c) => !removed.includes(c)), removed };
    const lines = new Set(errors.map((d) => `${d.file}:${d.line}`));
    const files = new Set(errors.map((d) => d.file));
    let changed = false;
    for (const file of files) {
      let text = readFileSync(join(dir, file), 'utf8');
      for (const canary of canaries.filter((c) => c.file === file && !removed.includes(c) && c.path !== 'body')) {
        const at = text.indexOf(canary.text);
        if (at < 0) continue;
        const line = text.slice(0, at).split('\n').length;
        // A reference names what it refers to: a canary in any of them breaks the reference,
        // which may be reported at the referring line or at the file's first line.
        if (!lines.has(`${file}:${line}`) && !lines.has(`${file}:1`)) continue;
        text = text.replace(new RegExp(`(/| )${canary.text}`), '');
        removed.push(canary);
        changed = true;
      }
      writeFileSync(join(dir, file), text);
    }
    if (!changed) throw new Error(`planted content stays invalid:\n${errors.map((d) => `${d.file}:${d.line} ${d.message}`).join('\n')}`);
  }
  throw new Error('planted content did not become valid');
}

// --- the runs ------------------------------------------------------------------------------------
let tmp: string;
let leaky: Run;
let canaryBuild: Run;
let planted: { kept: Canary[]; removed: Canary[] };
let canaryContent: string;

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'leak-guard-test-'));
  canaryContent = join(tmp, 'content');
  cpSync(join(root, 'content'), canaryContent, { recursive: true });
  planted = await keepValid(canaryContent, plantAll(canaryContent));
  [leaky, canaryBuild] = await Promise.all([
    run(['node_modules/astro/bin/astro.mjs', 'build', '--config', 'tests/fixtures/leaky-build/astro.config.mjs'], {
      KEEL_AUDIENCE: 'public',
      KEEL_CONTENT: 'tests/fixtures/site',
      KEEL_OUT_DIR: join(tmp, 'leaky'),
    }),
    run(['bin/keel.mjs', 'build'], { KEEL_CONTENT: canaryContent, KEEL_OUT_DIR: join(tmp, 'canary') }),
  ]);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('findLeaks over a folder', () => {
  it('names every file and value, however the value is written there', () => {
    const dir = join(tmp, 'scan');
    mkdirSync(join(dir, 'incidents', 'secret-incident-id'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<p>Owner: team&#45;payments-internal</p><a title="Dmitri &amp; Aisha on call">x</a>');
    writeFileSync(join(dir, 'api.json'), JSON.stringify({ body: 'He said "roll back" and left' }));
    writeFileSync(join(dir, 'incidents', 'secret-incident-id', 'index.html'), '<p>clean</p>');
    writeFileSync(join(dir, 'style.css'), 'body { color: red }');
    const values = [
      { text: 'team-payments-internal', source: 'services/payments.yaml: owner' },
      { text: 'Dmitri & Aisha on call', source: 'incidents/a.md: participants.commander' },
      { text: 'He said "roll back" and left', source: 'incidents/a.md: body' },
      { text: 'secret-incident-id', source: 'incidents/secret-incident-id.md: id' },
    ];
    const leaks = findLeaks(dir, values);
    expect(leaks.map((l) => [l.file, l.in, l.value.source])).toEqual([
      ['api.json', 'text', 'incidents/a.md: body'],
      ['incidents/secret-incident-id/index.html', 'name', 'incidents/secret-incident-id.md: id'],
      ['index.html', 'text', 'services/payments.yaml: owner'],
      ['index.html', 'text', 'incidents/a.md: participants.commander'],
    ]);
    expect(formatLeaks(leaks, 'dist/public')).toMatchInlineSnapshot(`
      "dist/public/api.json: contains internal value "He said "roll back" and left" (from incidents/a.md: body)
      dist/public/incidents/secret-incident-id/index.html: file name contains internal value "secret-incident-id" (from incidents/secret-incident-id.md: id)
      dist/public/index.html: contains internal value "team-payments-internal" (from services/payments.yaml: owner)
      dist/public/index.html: contains internal value "Dmitri & Aisha on call" (from incidents/a.md: participants.commander)
      keel: leak guard: 4 internal values in 3 files of the public site; dist/public was removed so that it cannot be published"
    `);
    rmSync(join(dir, 'api.json'));
    rmSync(join(dir, 'index.html'));
    expect(findLeaks(dir, values.slice(0, 3))).toEqual([]);
  });
});

describe('a public build with a leaking route', () => {
  it('fails with exit 1, naming the file and the value, without a stack trace', () => {
    expect(leaky.code).toBe(1);
    const shown = relative(root, join(tmp, 'leaky', 'public'));
    expect(leaky.stderr).toContain(
      `${shown}/leak.json: contains internal value "Checkout 5xx after KEELMARK-TITLE-5e6f deploy" (from tests/fixtures/site/incidents/2026-01-12-checkout-errors.md: title)`,
    );
    expect(leaky.stderr).toContain('"Ledger replication lag KEELMARK-PRIVATE-INCIDENT-8a9b"');
    expect(leaky.stderr).toMatch(/keel: leak guard: \d+ internal values in 1 file of the public site/);
    expect(leaky.stderr).not.toMatch(/^\s+at /m);
  });

  it('leaves nothing to publish', () => {
    expect(existsSync(join(tmp, 'leaky', 'public'))).toBe(false);
  });
});

describe('the sample content with a canary in every internal field', () => {
  it('plants canaries in every kind and body, and the content stays valid', () => {
    const folders = new Set(planted.kept.map((c) => c.file.split('/')[0]));
    expect([...folders].sort()).toEqual(['concerns', 'experiments', 'incidents', 'runbooks', 'services', 'slos']);
    expect(planted.kept.filter((c) => c.path === 'body').length).toBeGreaterThanOrEqual(13);
    // Only fields that cannot hold free text lost their canary: enumerations, times, ids, references.
    const removedKeys = [...new Set(planted.removed.map((c) => c.path.replace(/\[\d+\]/g, '').replace(/^.*\./, '')))].sort();
    expect(removedKeys).toMatchInlineSnapshot(`
      [
        "acknowledged",
        "alertAfter",
        "alertPolicyRef",
        "apiVersion",
        "budgetingMethod",
        "category",
        "changedOn",
        "complexity",
        "component",
        "conditionRef",
        "date",
        "default",
        "dependsOn",
        "detected",
        "detection",
        "due",
        "duration",
        "effort",
        "endedAt",
        "executedAt",
        "freeze",
        "from",
        "id",
        "incidents",
        "indicatorRef",
        "kind",
        "lastReviewed",
        "level",
        "lookbackWindow",
        "metricSourceRef",
        "mitigated",
        "name",
        "op",
        "outcome",
        "pager",
        "priority",
        "raisedOn",
        "rawType",
        "require",
        "resolved",
        "risk",
        "runbooks",
        "service",
        "services",
        "severity",
        "slo",
        "slos",
        "startTime",
        "started",
        "status",
        "targetRef",
        "timeSliceWindow",
        "timeToDetection",
        "timeToKnow",
        "timeZone",
        "to",
        "type",
        "value",
        "window",
      ]
    `);
  });

  it('builds both sites: the guard finds no canary in the public one', () => {
    expect(canaryBuild.code, canaryBuild.stderr).toBe(0);
    expect(canaryBuild.stdout + canaryBuild.stderr).toContain('leak guard: no internal value in the public site');
  });

  it('puts no canary in any file of dist/public, nor in a file name', () => {
    const dir = join(tmp, 'canary', 'public');
    const hits: string[] = [];
    for (const file of listFiles(dir, { skip: () => false })) {
      const text = `${file}\n${normaliseText(readFileSync(join(dir, file), 'utf8'))}`.toLowerCase();
      for (const c of planted.kept) if (text.includes(c.text)) hits.push(`${file}: ${c.text} (${c.file} ${c.path})`);
    }
    expect(hits).toEqual([]);
  });

  it('has every canary among the values the guard looks for', async () => {
    const { index } = await validateContent(canaryContent, { now: Date.parse(NOW) });
    const values = internalValues(index, Date.parse(NOW));
    const missing = planted.kept.filter((c) => !values.some((v) => v.text.includes(c.text)));
    // Enumeration keys are not looked for (ENUM_KEYS); everything else is.
    const key = (c: Canary) => c.path.replace(/\[\d+\]/g, '').replace(/^.*\./, '');
    expect(missing.filter((c) => !ENUM_KEYS.has(key(c))).map((c) => `${c.file} ${c.path}`)).toEqual([]);
  });

  it('shows every canary on the internal site (every field and body has a page there)', () => {
    const dir = join(tmp, 'canary', 'internal');
    const text = listFiles(dir, { skip: () => false })
      .filter((file) => file.endsWith('.html'))
      .map((file) => normaliseText(readFileSync(join(dir, file), 'utf8')).toLowerCase())
      .join('\n');
    expect(planted.kept.filter((c) => !text.includes(c.text)).map((c) => `${c.file} ${c.path}`)).toEqual([]);
  });
});
