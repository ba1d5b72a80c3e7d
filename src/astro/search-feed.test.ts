import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSearchFeed, indexingPrerenderer, openSearchFeed } from './search-feed.ts';

/** getStaticPaths()'s array form (Astro 7.4 may also return `{ paths, metadata }`). */
type Paths = Extract<Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>, readonly unknown[]>;
type RenderOptions = Parameters<AstroPrerenderer['render']>[1];

const PAGE = '<!DOCTYPE html><html><head><title>x</title></head><body><main>An incident — “quoted”</main></body></html>';

/** Astro's prerenderer as far as the wrapper sees it: paths in Astro's order, pages streamed in chunks. */
const astroPrerenderer = (pathnames: string[]): AstroPrerenderer => ({
  name: 'astro:default',
  getStaticPaths: () => Promise.resolve(pathnames.map((pathname) => ({ pathname, route: { route: pathname } })) as unknown as Paths),
  render: () => {
    const bytes = new TextEncoder().encode(PAGE);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 20));
        controller.enqueue(bytes.subarray(20));
        controller.close();
      },
    });
    return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/html' } }));
  },
});

let site: string | undefined;
afterEach(() => {
  if (site) rmSync(site, { recursive: true, force: true });
});

describe('the indexing prerenderer', () => {
  it('generates the pages of the searched folders first, each part in Astro’s order, and writes every page as Astro rendered it', async () => {
    site = mkdtempSync(join(tmpdir(), 'keel-search-feed-'));
    openSearchFeed(site);
    const astro = astroPrerenderer(['/', '/kpis/', '/incidents/a/', '/raw/incidents/a/', '/runbooks/alerts/x/', '/slos/b/', '/runbooks/r/', '/search/']);
    const wrapped = indexingPrerenderer(astro);
    const order = ['/incidents/a/', '/slos/b/', '/runbooks/r/', '/', '/kpis/', '/raw/incidents/a/', '/runbooks/alerts/x/', '/search/'];
    expect(((await wrapped.getStaticPaths()) as Paths).map((p) => p.pathname)).toEqual(order);
    // Astro 7.4 returns the paths with their metadata.
    const withMetadata: AstroPrerenderer = {
      ...astro,
      getStaticPaths: async () => ({ paths: await astro.getStaticPaths(), metadata: {} }) as unknown as Paths,
    };
    const found = (await indexingPrerenderer(withMetadata).getStaticPaths()) as unknown as { paths: Paths; metadata: object };
    expect(found.paths.map((p) => p.pathname)).toEqual(order);
    expect(found.metadata).toEqual({});

    const options = { routeData: {} } as RenderOptions;
    const searched = await wrapped.render(new Request('http://localhost/incidents/a/'), options);
    const other = await wrapped.render(new Request('http://localhost/kpis/'), options);
    const page = searched instanceof Response ? searched : searched.response;
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html');
    // Astro's generator reads arrayBuffer() (the bytes, as a buffer of their own); any other reader, the body.
    const buffer = await page.arrayBuffer();
    expect(Buffer.from(buffer).toString()).toBe(PAGE);
    expect(await page.text()).toBe(PAGE);
    const otherPage = other instanceof Response ? other : other.response;
    expect(Buffer.from(await otherPage.arrayBuffer()).toString()).toBe(PAGE);
    expect(await otherPage.text()).toBe(PAGE);
    const index = await closeSearchFeed();
    expect(index.pages).toBe(1);
  });

  it('lets Pagefind finish once the last searched page is rendered, before the rest of the site', async () => {
    site = mkdtempSync(join(tmpdir(), 'keel-search-feed-'));
    openSearchFeed(site);
    const wrapped = indexingPrerenderer(astroPrerenderer(['/kpis/', '/incidents/a/', '/runbooks/r/']));
    await wrapped.getStaticPaths();
    const options = { routeData: {} } as RenderOptions;
    await wrapped.render(new Request('http://localhost/incidents/a/'), options);
    await wrapped.render(new Request('http://localhost/runbooks/r/'), options);
    // The index is closed: a searched page now would come too late (none does: they are generated first).
    await expect(wrapped.render(new Request('http://localhost/incidents/b/'), options)).rejects.toThrow(/after its end/);
    await wrapped.render(new Request('http://localhost/kpis/'), options);
    expect((await closeSearchFeed()).pages).toBe(2);
  });
});
