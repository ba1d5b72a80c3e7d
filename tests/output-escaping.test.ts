/**
 * Every output escapes what it prints: a newline followed by a workflow command (`::error …`, the
 * older `##[error]`) and an HTML and link payload are planted in every string field of the sample
 * content, and every command's output is read line by line: no value starts a line of its own, and
 * no Markdown output carries the payload's HTML or link as markup.
 *
 * `keel pull` reads a fake Prometheus that puts the payload in what a server says: its error
 * messages and the labels of its series.
 *
 * Two folders: one with the payload in every string field (most of them then fail their schema:
 * what `keel validate` quotes of them is what is checked), and one with the payload in every
 * string field that still validates with it (titles, names, steps, actions, bodies…), so that the
 * reports render them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { main } from '../src/cli/main.ts';
import { listFiles } from '../src/core/walk.ts';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-22T12:00:00Z';
const PAYLOAD = '\n::error file=forged.md,line=1::forged\r\n##[error]legacy <img src=x onerror=alert(1)> [x](javascript:alert(1)) <script>alert(2)</script>';

let tmp: string;
/** The payload in every string field. */
let everywhere: string;
/** The payload in every string field that validates with it. */
let valid: string;

/** A YAML or front-matter file: its documents, and the body after the front matter (if any). */
interface Parsed {
  documents: Document.Parsed[];
  lines: LineCounter;
  frontMatter: boolean;
  body: string;
}

function parse(text: string): Parsed {
  const frontMatter = text.startsWith('---\n');
  const end = frontMatter ? text.indexOf('\n---\n', 4) : text.length;
  const yaml = frontMatter ? text.slice(4, end + 1) : text;
  const lines = new LineCounter();
  return { documents: parseAllDocuments(yaml, { lineCounter: lines }) as Document.Parsed[], lines, frontMatter, body: frontMatter ? text.slice(end + 5) : '' };
}

const serialise = ({ documents, frontMatter, body }: Parsed): string =>
  frontMatter ? `---\n${String(documents[0])}---\n${body}` : documents.map(String).join('---\n');

/** Every string scalar of a document (values, not keys), with its first line in the file. */
function stringScalars(parsed: Parsed): { node: Node & { value: unknown }; line: number }[] {
  const out: { node: Node & { value: unknown }; line: number }[] = [];
  const offset = parsed.frontMatter ? 1 : 0;
  const visit = (node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string' && node.range) out.push({ node, line: parsed.lines.linePos(node.range[0]).line + offset });
    else if (isMap(node)) for (const pair of node.items) visit(pair.value);
    else if (isSeq(node)) for (const item of node.items) visit(item);
  };
  for (const d of parsed.documents) visit(d.contents);
  return out;
}

/** Values that other files refer to (a component's name, an SLO's): planted, their references would not resolve. */
const spareValues = new Set<string>();

/** A content file with string fields to plant in (keel.yaml's are settings, README.md is not content). */
const isContent = (rel: string) => /\.(ya?ml|md)$/.test(rel) && rel !== 'keel.yaml' && rel.includes('/');

/** Plants the payload in every string field of one file, except on the lines of `spare`; in its Markdown body too when `body`. */
function plantFile(path: string, spare: ReadonlySet<number> | undefined, body: boolean): void {
  const parsed = parse(readFileSync(path, 'utf8'));
  for (const { node, line } of stringScalars(parsed)) {
    if (!spare?.has(line) && !spareValues.has(String(node.value))) node.value = `${String(node.value)}${PAYLOAD}`;
  }
  if (body && parsed.frontMatter) parsed.body = `${parsed.body}\n${PAYLOAD}\n`;
  writeFileSync(path, serialise(parsed));
}

/** Plants the payload in every content file of `dir` (see plantFile). */
function plant(dir: string, spare: ReadonlyMap<string, ReadonlySet<number>> = new Map(), bodies = true): void {
  for (const rel of listFiles(dir)) if (isContent(rel)) plantFile(join(dir, rel), spare.get(rel), bodies);
}

/** Lines of the original file whose string field cannot take the payload: planted, validated, the errors' lines mapped back. */
async function fieldsThatRejectThePayload(sample: string): Promise<Map<string, Set<number>>> {
  const spare = new Map<string, Set<number>>();
  for (let round = 0; round < 6; round++) {
    const dir = mkdtempSync(join(tmp, 'round-'));
    cpSync(sample, dir, { recursive: true });
    // Lines shift once payloads with line breaks are planted: record each planted field's line in the planted file.
    const plantedLine = new Map<string, Map<number, number>>();
    for (const rel of listFiles(dir)) {
      if (!isContent(rel)) continue;
      const original = stringScalars(parse(readFileSync(join(dir, rel), 'utf8'))).map((s) => s.line);
      plantFile(join(dir, rel), spare.get(rel), false);
      const now = stringScalars(parse(readFileSync(join(dir, rel), 'utf8')));
      plantedLine.set(rel, new Map(now.map((s, i) => [s.line, original[i]!])));
    }
    const result = await validateContent(dir, { cwd: dir, now: Date.parse(NOW) });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return spare;
    for (const d of errors) {
      // A reference that no longer resolves names the value it looked for: leave that value as it is everywhere.
      if (d.rule === 'ref/unknown') for (const [, quoted] of d.message.matchAll(/"([^"]+)"/g)) if (!quoted!.includes('::')) spareValues.add(quoted!);
      const lines = plantedLine.get(d.file);
      if (!lines) continue;
      // The finding's line, or the field that starts closest above it.
      const at = [...lines.keys()].filter((l) => l <= d.line).sort((a, b) => b - a)[0];
      if (at === undefined) continue;
      const set = spare.get(d.file) ?? new Set<number>();
      set.add(lines.get(at)!);
      spare.set(d.file, set);
    }
  }
  throw new Error('the sample did not validate with the payload planted after 6 rounds');
}

/** A command's exit code, its standard output, and both outputs together. */
async function keel(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; out: string }> {
  const stdout: string[] = [];
  const all: string[] = [];
  const code = await main(argv, {
    out: (t) => {
      stdout.push(t);
      all.push(t);
    },
    err: (t) => all.push(t),
    env: { KEEL_NOW: NOW, ...env },
    cwd,
  });
  return { code, stdout: stdout.join('\n'), out: all.join('\n') };
}

/** No line of the output is, or starts, a workflow command of its own. */
function expectNoForgedLine(output: string, allowed = 0): void {
  const commands = output.split(/\r?\n|\r/).filter((line) => /^\s*(::|##\[)/.test(line));
  expect(commands.length, commands.slice(0, 3).join('\n')).toBe(allowed);
}

/** The payload's HTML and link never reach Markdown as markup (inside a code span they are text). */
function expectNoMarkup(markdown: string): void {
  const outsideCode = markdown.replace(/(`+)[^`][\s\S]*?\1/g, '');
  expect(outsideCode).not.toMatch(/(?<!\\)<(img|script)/);
  expect(outsideCode).not.toMatch(/(?<!\\)\[x\]\(javascript:/);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'keel-escaping-'));
  const sample = join(ROOT, 'content');
  everywhere = join(tmp, 'everywhere');
  cpSync(sample, everywhere, { recursive: true });
  plant(everywhere);
  const spare = await fieldsThatRejectThePayload(sample);
  valid = join(tmp, 'valid');
  cpSync(sample, valid, { recursive: true });
  // A data source of another type than Prometheus would leave keel pull and keel rules nothing to read.
  spareValues.add('Prometheus');
  plant(valid, spare, false);
}, 120_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a newline + ::error and HTML in every string field', () => {
  it('the folder with the payload where it still validates holds it in many fields, and validates', async () => {
    const planted = listFiles(valid)
      .filter((rel) => /\.(ya?ml|md)$/.test(rel))
      .reduce((n, rel) => n + readFileSync(join(valid, rel), 'utf8').split('::error file=forged.md').length - 1, 0);
    expect(planted).toBeGreaterThan(50);
    const r = await keel(['validate', '--content', '.'], valid);
    expect(r.out).toMatch(/files checked: (no problems|0 errors)/);
  });

  it.each(['text', 'github', 'json', 'gitlab'])('keel validate --format %s', async (format) => {
    for (const dir of [everywhere, valid]) {
      const r = await keel(['validate', '--content', '.', '--format', format], dir);
      expect(r.code).toBeLessThanOrEqual(1);
      if (format === 'github') {
        // One workflow command per finding, no more.
        const json = JSON.parse((await keel(['validate', '--content', '.', '--format', 'json'], dir)).out) as { diagnostics: unknown[] };
        expectNoForgedLine(r.out, json.diagnostics.length);
      } else expectNoForgedLine(r.out);
    }
  });

  it.each(['slos', 'followups', 'retrospectives', 'stale'])('keel report %s in every format', async (subject) => {
    for (const format of ['text', 'markdown', 'json']) {
      for (const dir of [everywhere, valid]) {
        const r = await keel(['report', subject, '--content', '.', '--format', format], dir);
        expectNoForgedLine(r.out);
        // The Markdown report itself (a folder with errors gets the validator's text report on stderr instead).
        if (format === 'markdown') expectNoMarkup(r.stdout);
      }
    }
    // The reports did render the planted values (escaped), not only an error.
    const text = await keel(['report', subject, '--content', '.'], valid);
    expect(text.code).toBe(0);
  });

  it('keel new with the payload in the title and every flag', async () => {
    const r = await keel(['new', 'runbook', `Disk full${PAYLOAD}`, '--services', 'payments', '--id', 'disk-full', '--content', '.'], valid);
    expectNoForgedLine(r.out);
  });

  it('keel import with the payload in every string field of an export', async () => {
    const at = '2026-03-01T09:00:00Z';
    const text = (s: string) => `${s}${PAYLOAD}`;
    const exported = {
      page: { id: text('p'), name: text('Page'), url: text('https://status.example.com'), time_zone: text('UTC') },
      components: [{ id: text('c'), name: text('API'), description: text('d'), group_id: null }],
      incidents: [
        {
          id: text('i'),
          name: text('Errors'),
          status: text('resolved'),
          impact: text('minor'),
          created_at: at,
          incident_updates: [
            {
              id: text('u'),
              status: text('resolved'),
              body: text('Fixed'),
              created_at: at,
              affected_components: [{ code: text('c'), name: text('API'), new_status: text('operational') }],
            },
          ],
          components: [{ id: text('c'), name: text('API') }],
        },
      ],
    };
    writeFileSync(join(tmp, 'export.json'), JSON.stringify(exported));
    const r = await keel(['import', 'statuspage', join(tmp, 'export.json'), '--out', join(tmp, 'imported')], tmp);
    expect(r.out).toContain('forged');
    expectNoForgedLine(r.out);
  });
});

/**
 * A Prometheus that answers as `mode` says, with the payload in whatever text it returns:
 * `rejected`, a 422 whose error type and message hold it; `labels`, two series (one expected)
 * whose labels hold it; `html`, a login page.
 */
function hostilePrometheus(mode: { value: 'rejected' | 'labels' | 'html' }): Promise<Server> {
  const server = createServer((request, response) => {
    const params = new URL(request.url ?? '/', 'http://x').searchParams;
    const start = Number(params.get('start'));
    const values = [[start, '1']];
    if (mode.value === 'html') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<html>${PAYLOAD}</html>`);
      return;
    }
    response.writeHead(mode.value === 'rejected' ? 422 : 200, { 'content-type': 'application/json' });
    const body =
      mode.value === 'rejected'
        ? { status: 'error', errorType: `bad_data${PAYLOAD}`, error: `parse error${PAYLOAD}` }
        : {
            status: 'success',
            data: {
              resultType: 'matrix',
              result: [
                { metric: { instance: `a${PAYLOAD}`, [`job${PAYLOAD}`]: 'x' }, values },
                { metric: { instance: `b${PAYLOAD}`, [`job${PAYLOAD}`]: 'y' }, values },
              ],
            },
          };
    response.end(JSON.stringify(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the other commands print content and servers escaped', () => {
  it('keel rules: the rule file (a query with the payload stays on its line) and its notes, printed or written', async () => {
    for (const dir of [everywhere, valid]) {
      const r = await keel(['rules', '--content', '.'], dir);
      expectNoForgedLine(r.out);
      const written = await keel(['rules', '--content', '.', '--out', join(tmp, 'rules.yaml')], dir);
      expectNoForgedLine(written.out);
    }
    const printed = await keel(['rules', '--content', '.'], valid);
    expect(printed.code).toBe(0);
    // The planted queries did reach the file, escaped.
    expect(printed.stdout).toContain('\\n::error file=forged.md');
    expect(readFileSync(join(tmp, 'rules.yaml'), 'utf8')).toBe(`${printed.stdout}\n`);
  });

  it.each(['text', 'github', 'json'])('keel policy check --format %s', async (format) => {
    for (const dir of [everywhere, valid]) {
      const r = await keel(['policy', 'check', '--content', '.', '--format', format], dir);
      if (format === 'github') expectNoForgedLine(r.out, r.code === 1 && dir === valid ? r.out.split('\n').filter((l) => l.startsWith('::error ')).length : 0);
      else expectNoForgedLine(r.out);
    }
    // A freeze holds in the sample at this time: its policy, step and actions were printed.
    const text = await keel(['policy', 'check', '--content', '.', '--format', format], valid);
    expect(text.code).toBe(1);
    expect(text.out).toContain('forged');
  });

  it('keel pull: what the server says (its errors, its labels, a login page) and the content it quotes', async () => {
    const mode: { value: 'rejected' | 'labels' | 'html' } = { value: 'rejected' };
    const server = await hostilePrometheus(mode);
    const address = server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    try {
      for (const value of ['rejected', 'labels', 'html'] as const) {
        mode.value = value;
        for (const dir of [everywhere, valid]) {
          const r = await keel(['pull', '--content', '.', '--dry-run'], dir, { KEEL_PROMETHEUS_URL: url });
          expectNoForgedLine(r.out);
        }
        const r = await keel(['pull', '--content', '.', '--dry-run'], valid, { KEEL_PROMETHEUS_URL: url });
        expect(r.code).toBe(1);
        // The server's text was quoted (a login page is only named).
        if (value !== 'html') expect(r.out).toContain('forged');
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
