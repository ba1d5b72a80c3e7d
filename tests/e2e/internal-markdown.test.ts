/**
 * No script in the internal portal from Markdown: a retrospective, a runbook and a concern written
 * in `.md` carry raw HTML payloads (`<script>`, `<img onerror>`, `<svg onload>`, `javascript:`
 * links, an iframe); the internal site is built and read in a real Chromium with JavaScript on,
 * every link clicked, and nothing runs. What authors use (tables, code, `<details>`, https images,
 * heading ids) is still there.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, CHROMIUM, CHROMIUM_ARGS, root, serve, type Served } from './site.ts';

if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);

/** Each payload marks the page (and asks for a dialog) if it runs. */
const mark = (n: number) => `document.documentElement.dataset.pwned${n}='1';alert(${n})`;
const PAYLOADS = `

## Payloads

<script>${mark(1)}</script>

<img src="x" onerror="${mark(2)}">

<svg onload="${mark(3)}"><circle r="1"/></svg>

<p><a href="javascript:${mark(4)}">html link</a></p>

[markdown link](javascript:${mark(5)})

<a href="JaVaScRiPt:${mark(6)}">mixed case link</a>

<iframe srcdoc="<script>parent.${mark(7)}</script>"></iframe>

<details open><summary>Kept</summary>

<div onclick="${mark(8)}" style="position:fixed;inset:0">Details body</div>

</details>

<style>body { display: none }</style>

<math><mi xlink:href="javascript:${mark(9)}">math link</mi></math>

| kept | table |
| ---- | ----- |
| 1    | 2     |

![kept image](https://example.com/diagram.png)

\`\`\`sh
kubectl rollout undo deploy/api
\`\`\`
`;

// The runbook's own page shows the same body as its source page.
const PAGES = ['/raw/incidents/2026-11-02-api-errors/', '/raw/runbooks/api-errors/', '/runbooks/api-errors/', '/raw/concerns/single-region/'];

let tmp: string;
let server: Served;
let browser: Browser;
let context: BrowserContext;
const dialogs: string[] = [];

beforeAll(async () => {
  mkdirSync(join(root, 'tmp'), { recursive: true });
  tmp = mkdtempSync(join(root, 'tmp', 'e2e-internal-'));
  const content = join(tmp, 'content');
  cpSync(join(root, 'tests', 'fixtures', 'valid'), content, { recursive: true });
  for (const file of ['incidents/2026-11-02-api-errors.md', 'runbooks/api-errors.md', 'concerns/single-region.md'])
    appendFileSync(join(content, file), PAYLOADS);
  const built = await buildSite('internal', content, join(tmp, 'dist'), '2026-11-22T12:00:00Z');
  if (built.code !== 0) throw new Error(`the internal site did not build:\n${built.output}`);
  server = await serve(join(tmp, 'dist', 'internal'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // Nothing may leave the machine (the https image is refused, not fetched).
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort('blockedbyclient'),
  );
  context.on('page', (page) =>
    page.on('dialog', (dialog) => {
      dialogs.push(`${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('Markdown bodies in the internal site, in Chromium with JavaScript on', () => {
  it.each(PAGES)('%s: no payload runs, not even when every link and element is clicked', async (path) => {
    const page = await context.newPage();
    const response = await page.goto(server.origin + path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('.prose').textContent()).resolves.toContain('Details body');
    for (const link of await page.locator('.prose a, .prose div, .prose mi').all())
      await link.click({ timeout: 2000, noWaitAfter: true }).catch(() => undefined);
    await page.waitForTimeout(300);
    const marks = await page.evaluate(() => Object.keys(document.documentElement.dataset).filter((k) => k.startsWith('pwned')));
    expect(marks).toEqual([]);
    expect(dialogs).toEqual([]);
    const prose = await page.locator('.prose').innerHTML();
    expect(prose).not.toMatch(/<script|onerror|onload|onclick|javascript:|<iframe|<style|<svg/i);
    await page.close();
  });

  it('keeps what authors use: tables, code, <details>, https images, heading ids', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}/raw/runbooks/api-errors/`);
    const prose = page.locator('.prose');
    await expect(prose.locator('table td').first().textContent()).resolves.toBe('1');
    await expect(prose.locator('pre code').textContent()).resolves.toContain('kubectl rollout undo deploy/api');
    await expect(prose.locator('details summary').textContent()).resolves.toBe('Kept');
    await expect(prose.locator('img[alt="kept image"]').getAttribute('src')).resolves.toBe('https://example.com/diagram.png');
    await expect(prose.locator('h2#payloads').count()).resolves.toBe(1);
    await page.close();
  });
});
