/**
 * Search at the end of the internal build (src/astro/search-index.ts): builds the
 * kube-prometheus-shaped runbooks of tests/fixtures/kube-runbooks for both audiences, then
 * queries the internal site's Pagefind bundle with Pagefind's own search code, and checks that
 * the public site has no search at all.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, files, root } from './e2e/site.ts';
import { pagefindSearch } from './support/pagefind.ts';

const content = join(root, 'tests', 'fixtures', 'kube-runbooks');
const NOW = '2026-11-22T12:00:00Z';
let outRoot: string;
let internalLog: string;

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  outRoot = mkdtempSync(join(root, 'tmp', 'search-'));
  const [internal, publicSite] = await Promise.all([buildSite('internal', content, outRoot, NOW), buildSite('public', content, outRoot, NOW)]);
  expect(internal.code, internal.output).toBe(0);
  expect(publicSite.code, publicSite.output).toBe(0);
  internalLog = internal.output;
}, 300_000);

afterAll(() => {
  if (outRoot) rmSync(outRoot, { recursive: true, force: true });
});

describe('the internal search index', () => {
  it('indexes every page Astro wrote', () => {
    const pages = files(join(outRoot, 'internal')).filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/'));
    expect(internalLog).toContain(`search: ${pages.length} pages indexed by Pagefind`);
    expect(existsSync(join(outRoot, 'internal', 'pagefind', 'pagefind.js'))).toBe(true);
  });

  it('finds each runbook by the alert names it handles', async () => {
    const search = await pagefindSearch(join(outRoot, 'internal'));
    const urls = async (term: string) => (await search(term)).map((r) => r.url);
    expect(await urls('KubePodCrashLooping')).toEqual(expect.arrayContaining(['/raw/runbooks/kube-pod-crash-looping/', '/raw/runbooks/application-crashes/']));
    expect(await urls('KubePodNotReady')).toContain('/raw/runbooks/kube-pod-not-ready/');
    expect(await urls('NodeFilesystemAlmostOutOfSpace')).toContain('/raw/runbooks/node-filesystem-space-filling-up/');
    expect(await urls('KubeQuota:Exceeded')).toContain('/raw/runbooks/application-crashes/');
    expect(await urls('qwxzv')).toEqual([]);
  });
});

describe('the public site', () => {
  it('has no search index and loads no search code', () => {
    const all = files(join(outRoot, 'public'));
    expect(all.filter((f) => /(^|\/)pagefind(\/|$)/.test(f))).toEqual([]);
    for (const file of all.filter((f) => /\.(html|js|json|xml|rss|atom)$/.test(f))) {
      expect(readFileSync(join(outRoot, 'public', file), 'utf8'), file).not.toMatch(/pagefind/i);
    }
  });
});
