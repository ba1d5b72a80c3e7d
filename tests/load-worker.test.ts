/**
 * The second loading thread (src/content/load.ts, src/rules/load-worker.ts), forced on small
 * folders: the findings (positions of the other thread's files found again on this one) and the
 * index are those of one thread, and the MDX budget is charged in file order across both.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateContent } from '../src/rules/validate.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = Date.parse('2026-11-22T12:00:00Z');
const fixture = (name: string) => join(ROOT, 'tests', 'fixtures', name);
const oneThread = { cwd: ROOT, now: NOW, keepSources: false, loadWorkerFrom: Number.POSITIVE_INFINITY };
const twoThreads = { ...oneThread, loadWorkerFrom: 1 };

describe('loading on two threads', () => {
  it('reports what one thread reports, at the same places, on the broken fixture', async () => {
    const one = await validateContent(fixture('broken'), oneThread);
    const two = await validateContent(fixture('broken'), twoThreads);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect(two.summary).toEqual(one.summary);
    expect(JSON.stringify(two.index.collections)).toBe(JSON.stringify(one.index.collections));
    // Findings of the cross-file rules in the later half too, placed from a second parse.
    expect(new Set(one.diagnostics.map((d) => d.rule)).size).toBeGreaterThan(50);
  });

  it('charges the MDX budget in file order across the threads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-load-worker-'));
    try {
      cpSync(fixture('valid'), join(dir, 'content'), { recursive: true });
      // Each body holds 4,000 link openers (the most a body may hold) and costs 47,852 of the run's
      // budget of 1,000,000: twenty are parsed, the later ones are refused, whichever thread reads them.
      const body = `${'[a] '.repeat(4000)}\n`;
      for (let i = 1; i <= 24; i++) {
        const day = String(i).padStart(2, '0');
        writeFileSync(join(dir, 'content', 'incidents', `2026-01-${day}-costly.mdx`), `---\ntitle: Costly ${day}\nseverity: SEV3\n---\n${body}`);
      }
      const content = join(dir, 'content');
      const one = await validateContent(content, oneThread);
      const two = await validateContent(content, twoThreads);
      expect(two.diagnostics).toEqual(one.diagnostics);
      const refused = one.diagnostics.filter((d) => d.rule === 'limit/mdx');
      expect(refused.map((d) => d.file.split('/').pop())).toEqual(['21', '22', '23', '24'].map((day) => `2026-01-${day}-costly.mdx`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
