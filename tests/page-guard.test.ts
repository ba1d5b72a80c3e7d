/**
 * A page whose data throws while `keel build` builds the site (issue 21, item 2): the build
 * names the page and the cause in one message and stops with exit 1, without Astro's stack
 * trace. KEEL_TEST_PAGE_THROWS makes the data of one route throw (src/astro/page-guard.ts).
 * One real build of the internal site of tests/fixtures/site, into tmp/ (see build.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const node = existsSync(join(root, 'node_modules', '.bin', 'node')) ? join(root, 'node_modules', '.bin', 'node') : process.execPath;
mkdirSync(join(root, 'tmp'), { recursive: true });
const out = mkdtempSync(join(root, 'tmp', 'page-guard-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('a page whose data throws during the build', () => {
  it('is named with its cause, no stack trace, exit 1', () => {
    const run = spawnSync(node, ['node_modules/astro/bin/astro.mjs', 'build', '--root', '.', '--config', 'astro.config.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        // Not Vitest's own variables (DEV, MODE…): Astro would read them as the build's.
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !['DEV', 'PROD', 'MODE', 'SSR', 'BASE_URL', 'TEST'].includes(key))),
        ASTRO_TELEMETRY_DISABLED: '1',
        NO_COLOR: '1',
        NODE_ENV: 'production',
        KEEL_DEBUG: '',
        KEEL_NOW: '2026-04-01T00:00:00Z',
        KEEL_AUDIENCE: 'internal',
        KEEL_CONTENT: join(root, 'tests/fixtures/site'),
        KEEL_OUT_DIR: out,
        KEEL_TEST_PAGE_THROWS: '/raw/[collection]/[id]',
      },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(1);
    const reported = output.split('\n').filter((line) => line.startsWith('keel: the page '));
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatch(
      /^keel: the page \/raw\/[a-z]+\/[a-z0-9-]+\/ \(route \/raw\/\[collection\]\/\[id\]\) failed to build: TypeError: planted failure in the data of \/raw\/\[collection\]\/\[id\] \(KEEL_TEST_PAGE_THROWS\)$/,
    );
    expect(output).toContain('KEEL_DEBUG=1 shows the stack');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('Stack trace');
  });
});
