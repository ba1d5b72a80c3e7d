import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { handOverPageHtml, pageHtmlHandOver, renderHandingOver } from './page-html.ts';

/** The installed Astro's renderPage module. */
const astroDir = dirname(createRequire(import.meta.url).resolve('astro/package.json'));
const PAGE_JS = join(astroDir, 'dist', 'runtime', 'server', 'render', 'page.js');

/** What the edited renderPage does with a page's string, as Astro's bundle runs it. */
function editedRenderPage(): (body: string) => { body: Uint8Array | null; length: string | null } {
  const edited = handOverPageHtml(readFileSync(PAGE_JS, 'utf8'))!;
  const block = edited.slice(edited.indexOf('\tconst keelSlot'), edited.indexOf('\tlet status'));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the edited lines of the installed Astro, run alone
  const run = new Function('streaming', 'body', 'encoder', 'headers', `${block}\nreturn body;`) as (
    streaming: boolean,
    body: string,
    encoder: TextEncoder,
    headers: Headers,
  ) => Uint8Array | null;
  return (page) => {
    const headers = new Headers();
    return { body: run(false, page, new TextEncoder(), headers), length: headers.get('Content-Length') };
  };
}

describe('the page hand-over (Astro renderPage, edited)', () => {
  it('finds the lines it edits in the installed Astro (an upgrade that moves them fails here)', () => {
    const code = readFileSync(PAGE_JS, 'utf8');
    const edited = handOverPageHtml(code);
    expect(edited).toBeDefined();
    expect(edited).toContain('Symbol.for("keel.pageHtml")');
    expect(handOverPageHtml('export function renderPage() {}')).toBeUndefined();
  });

  it('leaves the page to Astro outside a hand-over, and hands the string over inside one', async () => {
    const renderPage = editedRenderPage();
    expect(renderPage('<p>—</p>')).toEqual({ body: new TextEncoder().encode('<p>—</p>'), length: '10' });
    const { result, html } = await renderHandingOver(() => Promise.resolve(renderPage('<p>—</p>')));
    expect(result).toEqual({ body: null, length: null });
    expect(html).toBe('<p>—</p>');
  });

  it('gives renders side by side each their own page', async () => {
    const renderPage = editedRenderPage();
    const render = (page: string, ms: number) =>
      renderHandingOver(async () => {
        await sleep(ms);
        return renderPage(page);
      });
    const [a, b] = await Promise.all([render('<p>a</p>', 20), render('<p>b</p>', 1)]);
    expect([a.html, b.html]).toEqual(['<p>a</p>', '<p>b</p>']);
  });

  it('edits only renderPage, and says so when it cannot', () => {
    const warnings: string[] = [];
    const plugin = pageHtmlHandOver();
    const context = { warn: (message: string) => warnings.push(message) };
    expect(plugin.transform.handler.call(context, 'x', '/p/node_modules/astro/dist/runtime/server/render/util.js')).toBeNull();
    expect(plugin.transform.handler.call(context, 'export {}', '/p/node_modules/astro/dist/runtime/server/render/page.js')).toBeNull();
    expect(warnings).toEqual([expect.stringContaining('is not the renderPage Keel edits')]);
    expect(plugin.transform.handler.call(context, readFileSync(PAGE_JS, 'utf8'), PAGE_JS)?.code).toContain('keel.pageHtml');
  });
});
