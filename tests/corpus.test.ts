/**
 * The benchmark corpus (scripts/lib/corpus.ts) at 1% scale: proportional counts per folder,
 * valid as the validator sees it (no errors, no warnings), cross-referenced, and deterministic
 * (same seed → byte-identical tree; another seed → a different one).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_COUNTS, CORPUS_NOW, corpusCounts, DEFAULT_SEED, FOLDERS, generateCorpus, type CorpusResult } from '../scripts/lib/corpus.ts';
import { formatDiagnosticText } from '../src/rules/report.ts';
import { validateContent, type ValidationResult } from '../src/rules/validate.ts';

const SCALE = 0.01;

/** Every file below `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

function sameTree(a: string, b: string): boolean {
  const files = tree(a);
  if (files.join('\n') !== tree(b).join('\n')) return false;
  return files.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

let root: string;
let result: CorpusResult;
let validation: ValidationResult;
const dir = (name: string) => join(root, name);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'keel-corpus-test-'));
  result = generateCorpus({ out: dir('a'), scale: SCALE });
  validation = await validateContent(dir('a'), { cwd: root, now: Date.parse(CORPUS_NOW) });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('corpus', () => {
  it('has every folder at 1% of the full-size counts, plus keel.yaml', () => {
    const counts = corpusCounts(SCALE);
    expect(counts).toEqual({ incidents: 50, runbooks: 20, slos: 15, services: 5, concerns: 10 });
    for (const folder of FOLDERS) {
      expect(readdirSync(join(dir('a'), folder)).length, folder).toBe(counts[folder]);
      // Proportional to the full corpus: the same share of files per folder.
      expect(counts[folder] / BASE_COUNTS[folder]).toBeCloseTo(SCALE, 6);
    }
    expect(tree(dir('a'))).toContain('keel.yaml');
    expect(result.files).toBe(Object.values(counts).reduce((a, b) => a + b, 0) + 1);
    expect(corpusCounts(1)).toEqual(BASE_COUNTS);
    expect(Object.values(corpusCounts(1)).reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('writes about 5% of incidents as MDX and the rest as Markdown', () => {
    const incidents = readdirSync(join(dir('a'), 'incidents'));
    const mdx = incidents.filter((f) => f.endsWith('.mdx')).length;
    expect(mdx).toBe(result.mdx);
    expect(mdx).toBeGreaterThan(0);
    expect(incidents.filter((f) => f.endsWith('.md')).length).toBe(incidents.length - mdx);
  });

  it('validates with no errors and no warnings', () => {
    const report = validation.diagnostics.map(formatDiagnosticText).join('\n');
    expect(validation.summary.errors, report).toBe(0);
    expect(validation.summary.warnings, report).toBe(0);
    expect(validation.summary.files).toBe(result.files);
  });

  it('loads every kind it writes, cross-referenced', () => {
    const { collections, settings } = validation.index;
    expect(settings).toBeDefined();
    expect(collections.incidents).toHaveLength(50);
    expect(collections.runbooks).toHaveLength(20);
    expect(collections.slos).toHaveLength(15);
    expect(collections.services).toHaveLength(5);
    expect(collections.concerns).toHaveLength(10);
    expect(collections.slis.length).toBeGreaterThan(0);
    expect(collections.alertPolicies.length).toBeGreaterThan(0);
    expect(collections.errorBudgetPolicies.length).toBeGreaterThan(0);
    const incidents = collections.incidents.map((e) => e.data);
    expect(incidents.some((i) => i.slos.length > 0)).toBe(true);
    expect(incidents.some((i) => i.runbooks.length > 0)).toBe(true);
    expect(incidents.some((i) => i.impact.length > 0 && i.public !== undefined)).toBe(true);
    expect(collections.concerns.some((c) => c.data.slos.length > 0)).toBe(true);
    // Retrospectives are realistically long; runbooks have their four sections.
    for (const e of collections.incidents) expect(e.body.length).toBeGreaterThan(2000);
    for (const e of collections.runbooks) expect(e.body).toMatch(/## Meaning[\s\S]*## Impact[\s\S]*## Diagnosis[\s\S]*## Mitigation/);
  });

  it('is byte-identical for the same seed and differs for another seed', () => {
    generateCorpus({ out: dir('b'), scale: SCALE, seed: DEFAULT_SEED });
    generateCorpus({ out: dir('c'), scale: SCALE, seed: DEFAULT_SEED + 1 });
    expect(sameTree(dir('a'), dir('b'))).toBe(true);
    expect(sameTree(dir('a'), dir('c'))).toBe(false);
  });

  it('refuses a non-empty folder unless forced', () => {
    writeFileSync(join(dir('b'), 'note.txt'), 'mine');
    expect(() => generateCorpus({ out: dir('b'), scale: SCALE })).toThrow(/not empty.*--force/);
    generateCorpus({ out: dir('b'), scale: SCALE, force: true });
    expect(readFileSync(join(dir('b'), 'note.txt'), 'utf8')).toBe('mine');
    rmSync(join(dir('b'), 'note.txt'));
    expect(sameTree(dir('a'), dir('b'))).toBe(true);
  });
});
