/**
 * `keel dev` in a real Chromium: the internal site served with live reload from a copy of the
 * sample content. A content error shows in the terminal in the validator's format and in the
 * browser's overlay; fixing it clears the overlay and reloads the page with the new content.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { CHROMIUM, CHROMIUM_ARGS, root } from './site.ts';

const INCIDENT = join('incidents', '2026-11-20-settings-page-slow.md');

let tmp: string;
let content: string;
let dev: ChildProcess;
let output = '';
let origin: string;
let browser: Browser;

const withoutVitest = (env: NodeJS.ProcessEnv) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));

async function until(what: string, ready: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; keel dev printed:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'e2e-dev-'));
  content = join(tmp, 'content');
  cpSync(join(root, 'content'), content, { recursive: true });
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  dev = spawn(process.execPath, ['bin/keel.mjs', 'dev', '--content', content, '--port', String(port), '--', '--host', '127.0.0.1'], {
    cwd: root,
    // Without Vitest's own variables: Astro's dev server answers 404 to everything when VITEST is set.
    env: { ...withoutVitest(process.env), ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', KEEL_NOW: '2026-11-22T12:00:00Z' },
  });
  dev.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  dev.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  await until('the dev server', async () => (await fetch(`${origin}/`).catch(() => undefined))?.ok === true);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  dev?.kill('SIGTERM');
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('keel dev', () => {
  it('shows a content error in the terminal and the overlay, and clears it when fixed', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}/`);
    await until('the home page', async () => (await page.title().catch(() => '')).includes('Tidewater'), 30_000);
    // Astro reloads the page once after starting (its content store is new): let that pass.
    await page.waitForLoadState('networkidle');
    const path = join(content, INCIDENT);
    const good = readFileSync(path, 'utf8');

    writeFileSync(path, good.replace('severity: SEV2', 'severity: SEV9'));
    const overlay = page.locator('vite-error-overlay');
    const shown = () => overlay.evaluate((el) => el.shadowRoot?.textContent ?? '').catch(() => '');
    await until('the overlay', async () => (await shown()).includes('severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "SEV9")'), 30_000);
    expect(output).toMatch(/incidents\/2026-11-20-settings-page-slow\.md:\d+:\d+ error severity must be one of .* \(got "SEV9"\) {2}schema\/enum/);

    // The fix (once the page has settled: Vite reloads it for the change too): the overlay goes,
    // and the page shows the new title.
    await page.waitForLoadState('load');
    await new Promise((r) => setTimeout(r, 1000));
    writeFileSync(path, good.replace(/^title: .*$/m, 'title: Settings pages slow for large organisations (edited)'));
    await until('the overlay to go', async () => (await overlay.count()) === 0, 30_000);
    await until('the reloaded page', async () => (await page.content().catch(() => '')).includes('(edited)'), 30_000);
    await page.close();
  });
});
