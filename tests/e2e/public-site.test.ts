/**
 * End-to-end tests of the public site in a real Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core): the sample content is built, served on 127.0.0.1, and read the way customers
 * read it — with JavaScript off for what the pages say, on only to run axe-core. Every request the
 * browser makes is recorded; any that leaves 127.0.0.1 is refused and fails the test, as does any
 * console error. Screenshots at 390 px and 1280 px go to tmp/e2e/.
 *
 * .ci/run installs Chromium (Debian's package); elsewhere install it first: apt-get install -y chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS as ARGS, files, removeSampleSites, root, sampleSite, serve, type Served } from './site.ts';

const SCREENSHOTS = join(root, 'tmp', 'e2e');

const PAGES = {
  status: '/',
  incident: '/incidents/2026-11-20-settings-page-slow/',
  resolvedIncident: '/incidents/2026-10-14-card-payments-outage/',
  history: '/history/',
  historyMonth: '/history/2026/10/',
  component: '/components/card-payments/',
};

// These tests always run: a missing browser fails them with this message rather than skipping them.
if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

let dist: string;
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
  mkdirSync(SCREENSHOTS, { recursive: true });
  dist = await sampleSite('public');
  server = await serve(dist);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  scripted = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await watch(noScript);
  await watch(scripted);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeSampleSites();
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

  it('makes each uptime bar one tab stop, moved through day by day with the arrow keys, each day named', async () => {
    const page = await open(scripted, PAGES.status);
    // One tabbable day per bar: the latest.
    const stops = await page.locator('.bar').evaluateAll((bars) => bars.map((bar) => [...bar.querySelectorAll('a')].filter((a) => a.tabIndex >= 0).length));
    expect(stops).toEqual(stops.map(() => 1));
    // Tab from the component's name into its bar: the latest day.
    await page.locator('.components').getByRole('link', { name: 'Card payments', exact: true }).focus();
    await page.keyboard.press('Tab');
    const label = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    await expect(label()).resolves.toMatch(/^22 Nov 2026: /);
    // Arrow keys to 14 October, the day of the card payments outage.
    let presses = 0;
    while (!(await label())?.startsWith('14 Oct 2026') && presses++ < 90) await page.keyboard.press('ArrowLeft');
    await expect(label()).resolves.toBe('14 Oct 2026: 92.84% uptime, major outage. Incident: Card payments unavailable.');
    // What the focused day shows, and where it leads.
    const focused = await page.evaluate(() => {
      const cell = document.activeElement!;
      return { shown: getComputedStyle(cell, '::after').content, href: cell.getAttribute('href'), tabIndex: (cell as HTMLElement).tabIndex };
    });
    expect(focused).toEqual({
      shown: '"14 Oct 2026: 92.84% uptime, major outage. Incident: Card payments unavailable."',
      href: '/incidents/2026-10-14-card-payments-outage/',
      tabIndex: 0,
    });
    // Its accessible name, as a screen reader gets it, and the bar's still one stop.
    await expect(page.locator('.bar a:focus').ariaSnapshot()).resolves.toContain('Card payments unavailable');
    await expect(page.locator('.bar a:focus').locator('xpath=..').locator('a[tabindex="0"]').count()).resolves.toBe(1);
    // Home and End reach the ends; Tab leaves the bar for the "Day by day" link under it.
    await page.keyboard.press('End');
    await expect(label()).resolves.toMatch(/^22 Nov 2026: /);
    await page.keyboard.press('Home');
    await expect(label()).resolves.toMatch(/^25 Aug 2026: /);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Day by day');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowRight');
    await expect(label()).resolves.toMatch(/^26 Aug 2026: /);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.origin}/components/card-payments/#2026-08-26`);
    await page.close();
  });

  it('scrolls no page sideways at 390 px, and has touch targets of at least 24 px where a day can be opened', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await watch(phone);
    const wide: string[] = [];
    for (const file of files(dist).filter((f) => f.endsWith('.html'))) {
      const path = `/${file.replace(/index\.html$/, '')}`;
      const page = await open(phone, path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width} px`);
      // A day in a bar is never a touch target on a phone; what can be touched there is 24 px or more.
      const touchable = await page.evaluate(() => [...document.querySelectorAll('.bar a')].filter((a) => getComputedStyle(a).pointerEvents !== 'none').length);
      expect(touchable, path).toBe(0);
      const small = await page.evaluate(
        () =>
          [...document.querySelectorAll('.axis a, .subscribe summary, .history-index a')]
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.height < 24 || r.width < 24).length,
      );
      expect(small, path).toBe(0);
      await page.close();
    }
    expect(wide).toEqual([]);
    await phone.close();
  });

  it('has no serious or critical accessibility violation (axe-core), in light and dark mode', async () => {
    const found: string[] = [];
    const dark = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
    await watch(dark);
    for (const [scheme, path] of [...Object.values(PAGES).map((p) => ['light', p] as const), ...Object.values(PAGES).map((p) => ['dark', p] as const)]) {
      const page = await open(scheme === 'dark' ? dark : scripted, path);
      // Dark mode sets its own background (axe flags contrast against an unset one).
      if (scheme === 'dark') await expect(page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).resolves.toBe('rgb(18, 18, 18)');
      await page.addScriptTag({ content: axe.source });
      const violations = await page.evaluate(async () => {
        const results = await (window as unknown as { axe: typeof axe }).axe.run(document);
        return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
      });
      for (const v of violations)
        if (v.impact === 'serious' || v.impact === 'critical') found.push(`${scheme} ${path}: ${v.id} (${v.impact}) ${v.nodes.join(', ')}`);
      await page.close();
    }
    await dark.close();
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
