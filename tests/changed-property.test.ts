/**
 * `keel validate --changed` against a full run, as a property over random edits (issue 21, item 7):
 * a small corpus (scripts/lib/corpus.ts, every kind, measurements too) is committed to a git
 * repository; each seed applies a few random edits — a reference pointed at another id or at none,
 * an id given to a second file, a file deleted, a time moved, a component renamed — and the
 * findings of `--changed` (which runs the cross-file rules on a sub-index) must equal the full
 * run's findings restricted to the files it checked. A failing seed is printed: rerun it alone
 * with KEEL_PROPERTY_SEED=<n>.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_NOW, generateCorpus } from '../scripts/lib/corpus.ts';
import { listFiles } from '../src/core/walk.ts';
import { gitChanges } from '../src/cli/changed.ts';
import { validateChanged } from '../src/rules/changed.ts';
import { validateContent } from '../src/rules/validate.ts';
import { mulberry32 } from '../scripts/lib/prng.ts';

const SEEDS = process.env.KEEL_PROPERTY_SEED ? [Number(process.env.KEEL_PROPERTY_SEED)] : Array.from({ length: 30 }, (_, i) => i + 1);
const NOW = Date.parse(CORPUS_NOW);
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Keel Test',
  GIT_AUTHOR_EMAIL: 'keel@example.com',
  GIT_COMMITTER_NAME: 'Keel Test',
  GIT_COMMITTER_EMAIL: 'keel@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

let top: string;
let content: string;
const git = (...args: string[]) => execFileSync('git', args, { cwd: top, env: GIT_ENV, encoding: 'utf8' });

beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'keel-changed-property-'));
  content = join(top, 'content');
  generateCorpus({ out: content, scale: 0.02, measurements: true });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'corpus');
}, 120_000);
afterAll(() => rmSync(top, { recursive: true, force: true }));

/** The ids of the corpus (file names without extension), to point references at. */
function idsOf(files: readonly string[]): string[] {
  return [
    ...new Set(
      files.map((rel) =>
        rel
          .split('/')
          .pop()!
          .replace(/\.[^.]+$/, ''),
      ),
    ),
  ];
}

/** One random edit of the content folder, described for the failure message. */
function edit(random: () => number, files: string[]): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const ids = idsOf(files);
  const rel = pick(files.filter((f) => f !== 'keel.yaml'));
  const path = join(content, rel);
  const text = readFileSync(path, 'utf8');
  const kind = Math.floor(random() * 6);
  if (kind === 0) {
    rmSync(path);
    return `deleted ${rel}`;
  }
  if (kind === 1) {
    // A second file with the same content: the same id (or, for a file named by its id, another id and the same names).
    const copy = rel.replace(/(\.[^.]+)$/, `-copy$1`);
    copyFileSync(path, join(content, copy));
    return `copied ${rel} to ${copy}`;
  }
  // An id written in the file, pointed at another id or at none.
  const written = ids.filter((id) => id.length > 3 && text.includes(id));
  if (kind <= 3 && written.length > 0) {
    const from = pick(written);
    const to = random() < 0.3 ? `${from}-gone` : pick(ids);
    writeFileSync(path, text.replace(from, to));
    return `${rel}: ${from} → ${to}`;
  }
  if (kind === 4) {
    // A time moved by years (date slip, time order, windows).
    const times = [...text.matchAll(/20\d\d-\d\d-\d\dT/g)];
    if (times.length > 0) {
      const m = pick(times);
      const year = String(Number(m[0].slice(0, 4)) + (random() < 0.5 ? -1 : 1));
      writeFileSync(path, `${text.slice(0, m.index)}${year}${text.slice(m.index + 4)}`);
      return `${rel}: a time moved to ${year}`;
    }
  }
  // A name changed: a component (public id), a title, a service name.
  const names = [...text.matchAll(/^(\s*(?:component|group|name|title): )(.+)$/gm)];
  if (names.length > 0) {
    const m = pick(names);
    const other = pick(ids).replace(/-/g, ' ');
    writeFileSync(path, `${text.slice(0, m.index)}${m[1]}${other}${text.slice(m.index + m[0].length)}`);
    return `${rel}: ${m[1]!.trim()} ${other}`;
  }
  writeFileSync(path, `${text}\n`);
  return `${rel}: a line added`;
}

describe('keel validate --changed finds what a full run finds in the files it checks', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    git('checkout', '-q', '--', '.');
    git('clean', '-q', '-fd');
    const random = mulberry32(seed);
    const files = listFiles(content);
    const edits = Array.from({ length: 1 + Math.floor(random() * 3) }, () => edit(random, files));
    const changes = await gitChanges(content, 'HEAD', { env: GIT_ENV, cwd: top });
    const options = { cwd: top, now: NOW, keepSources: false };
    const changed = await validateChanged(content, changes, options);
    const full = await validateContent(content, options);
    const checked = new Set(changed.checked ?? full.diagnostics.map((d) => d.file));
    const line = (d: { file: string; line: number; column: number; rule: string; message: string }) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;
    const expected = full.diagnostics.filter((d) => checked.has(d.file) || changed.diagnostics.some((c) => c.file === d.file)).map(line);
    expect(changed.diagnostics.map(line), `seed ${seed}: ${edits.join('; ')}`).toEqual(expected);
  });
});
