/**
 * End-to-end tests of the public site in a real Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): the sample content is built, served on 127.0.0.1, and read the way customers
 * read it — with JavaScript off for what the pages say, on only to run axe-core. Every request the
 * browser makes is recorded; any that leaves 127.0.0.1 is refused and fails the test, as does any
 * console error. Screenshots at 390 px and 1280 px go to tmp/e2e/.
 *
 * .ci/run installs Chromium (Debian's package); elsewhere install it first: apt-get install -y chromium.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPublic, CHROMIUM, CHROMIUM_ARGS as ARGS, root, serve, type Served } from './site.ts';

const SCREENSHOTS = join(root, 'tmp', 'e2e');
const SAMPLE_NOW = '2026-11-22T12:00:00Z';

const PAGES = {
  status: '/',
  incident: '/incidents/2026-11-20-settings-page-slow/',
  resolvedIncident: '/incidents/2026-10-14-card-payments-outage/',
  history: '/history/',
  component: '/components/card-payments/',
};

// These tests always run: a missing browser fails them with this message rather than skipping them.
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

let tmp: string;
let server: Served;
let browser: Browser;
/** JavaScript off: what customers without it read. */
let noScript: BrowserContext;
/** JavaScript on, to run axe-core in the page. */
let scripted: BrowserContext;
const outside: string[] = [];
const consoleErrors: string[] = [];

function watch(context: BrowserContext) {
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1') outside.push(request.url());
  });
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.location().url}: ${message.text()}`);
  });
  context.on('weberror', (error) => consoleErrors.push(error.error().message));
  // Nothing may leave the machine: refuse it (and the request listener has recorded it).
  return context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(server.origin + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'e2e-build-'));
  const built = await buildPublic('content', tmp, SAMPLE_NOW);
  if (built.code !== 0) throw new Error(`the sample's public site did not build:\n${built.output}`);
  server = await serve(join(tmp, 'public'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  scripted = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await watch(noScript);
  await watch(scripted);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the public site in Chromium', () => {
  it('shows the active SEV2 and its degraded component on the status page, without JavaScript', async () => {
    const page = await open(noScript, PAGES.status);
    await expect(page.locator('.banner').textContent()).resolves.toBe('Minor Service Outage');
    const active = page.locator('section', { has: page.getByRole('heading', { name: 'Active incidents' }) });
    await expect(active.getByRole('link', { name: 'Slow account settings pages' }).getAttribute('href')).resolves.toBe(PAGES.incident);
    await expect(active.locator('.meta').textContent()).resolves.toContain('Account settings (degraded performance)');
    const row = page.locator('.components li', { has: page.getByRole('link', { name: 'Account settings', exact: true }) });
    await expect(row.locator('.st').textContent()).resolves.toBe('Degraded performance');
    await expect(page.locator('.components .st').allTextContents()).resolves.toEqual([
      'Operational',
      'Degraded performance',
      'Operational',
      'Operational',
      'Operational',
      'Operational',
      'Operational',
    ]);
    await page.close();
  });

  it('lists every update of an incident, newest first, with status and local time', async () => {
    const page = await open(noScript, PAGES.incident);
    const updates = page.locator('section', { has: page.getByRole('heading', { name: 'Updates' }) }).locator('.updates > li');
    // The content's updates (content/incidents/2026-11-20-settings-page-slow.md), oldest first.
    const posted = [
      ['investigating', '2026-11-22T08:20:00+01:00'],
      ['investigating', '2026-11-22T09:15:00+01:00'],
      ['identified', '2026-11-22T10:10:00+01:00'],
      ['identified', '2026-11-22T11:02:00+01:00'],
      ['identified', '2026-11-22T11:55:00+01:00'],
      ['identified', '2026-11-22T12:45:00+01:00'],
    ];
    await expect(updates.count()).resolves.toBe(posted.length);
    const shown = await updates.evaluateAll((items) =>
      items.map((li) => [li.querySelector('strong')?.textContent?.toLowerCase(), li.querySelector('time')?.getAttribute('datetime')]),
    );
    expect(shown).toEqual([...posted].reverse());
    await expect(updates.first().locator('time').textContent()).resolves.toBe('22 Nov 2026, 12:45 CET');
    await page.close();
  });

  it('names the incident of a day when its uptime cell gets keyboard focus', async () => {
    const page = await open(noScript, PAGES.status);
    // Tab from the component's name into its bar, day by day, to 14 October.
    await page.locator('.components').getByRole('link', { name: 'Card payments', exact: true }).focus();
    let label: string | null = null;
    for (let presses = 0; presses < 91 && !label?.startsWith('14 Oct 2026'); presses++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    }
    expect(label).toBe('14 Oct 2026: 92.84% uptime, major outage. Incident: Card payments unavailable.');
    // What the focused cell shows, and where it leads.
    const focused = await page.evaluate(() => {
      const cell = document.activeElement!;
      return { shown: getComputedStyle(cell, '::after').content, href: cell.getAttribute('href') };
    });
    expect(focused).toEqual({ shown: `"${label}"`, href: '/incidents/2026-10-14-card-payments-outage/' });
    // Its accessible name, as a screen reader gets it.
    const snapshot = await page.locator('.bar a:focus').ariaSnapshot();
    expect(snapshot).toContain('Card payments unavailable');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.origin}/incidents/2026-10-14-card-payments-outage/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Card payments unavailable');
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const found: string[] = [];
    for (const path of Object.values(PAGES)) {
      const page = await open(scripted, path);
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
        return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      for (const v of violations) if (v.impact === 'serious' || v.impact === 'critical') found.push(`${path}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      await page.close();
    }
    expect(found).toEqual([]);
  });

  it('writes screenshots at 390 px and 1280 px', async () => {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 } });
      await watch(context);
      for (const [name, path] of Object.entries(PAGES)) {
        const page = await open(context, path);
        const file = join(SCREENSHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect(existsSync(file)).toBe(true);
      }
      await context.close();
    }
  });

  // Last: every page above was loaded by now.
  it('made no request beyond 127.0.0.1 and logged no console error', () => {
    expect(outside).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
