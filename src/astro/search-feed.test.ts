import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroPrerenderer } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { closeSearchFeed, indexingPrerenderer, openSearchFeed } from './search-feed.ts';

type Paths = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>;
/** The pathnames of either shape getStaticPaths() may return. */
const pathnamesOf = (found: Paths) => (Array.isArray(found) ? found : found.paths).map((p) => p.pathname);
type RenderOptions = Parameters<AstroPrerenderer['render']>[1];

const PAGE = '<!DOCTYPE html><html><head><title>x</title></head><body><main>An incident — “quoted”</main></body></html>';

/** Astro's prerenderer as far as the wrapper sees it: paths in Astro's order, pages (`page` of the path, PAGE by default) streamed in chunks. */
const astroPrerenderer = (pathnames: string[], page: (pathname: string) => string = () => PAGE): AstroPrerenderer => ({
  name: 'astro:default',
  getStaticPaths: () => Promise.resolve(pathnames.map((pathname) => ({ pathname, route: { route: pathname } })) as unknown as Paths),
  render: (request) => {
    const bytes = new TextEncoder().encode(page(new URL(request.url).pathname));
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
    // Not sequential: each page keeps its own bytes however late it is read.
    const wrapped = indexingPrerenderer(astro, { sequential: false });
    const order = ['/incidents/a/', '/slos/b/', '/runbooks/r/', '/', '/kpis/', '/raw/incidents/a/', '/runbooks/alerts/x/', '/search/'];
    const bare = await wrapped.getStaticPaths();
    expect(Array.isArray(bare)).toBe(true);
    expect(pathnamesOf(bare)).toEqual(order);
    // Astro 7.4 returns the paths with their metadata, which stays as it was.
    const withMetadata: AstroPrerenderer = {
      ...astro,
      getStaticPaths: async () => ({ paths: await astro.getStaticPaths(), metadata: {} }) as unknown as Paths,
    };
    const found = await indexingPrerenderer(withMetadata, { sequential: false }).getStaticPaths();
    expect(pathnamesOf(found)).toEqual(order);
    expect(Array.isArray(found) ? undefined : found.metadata).toEqual({});

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
    const wrapped = indexingPrerenderer(astroPrerenderer(['/kpis/', '/incidents/a/', '/runbooks/r/']), { sequential: true });
    await wrapped.getStaticPaths();
    const options = { routeData: {} } as RenderOptions;
    await wrapped.render(new Request('http://localhost/incidents/a/'), options);
    await wrapped.render(new Request('http://localhost/runbooks/r/'), options);
    // The index is closed: a searched page now would come too late (none does: they are generated first).
    await expect(wrapped.render(new Request('http://localhost/incidents/b/'), options)).rejects.toThrow(/after its end/);
    await wrapped.render(new Request('http://localhost/kpis/'), options);
    expect((await closeSearchFeed()).pages).toBe(2);
  });

  it('gathers every page in one buffer when Astro writes each page before the next, each page whole and exact', async () => {
    site = mkdtempSync(join(tmpdir(), 'keel-search-feed-'));
    openSearchFeed(site);
    const pages: Record<string, string> = {
      '/incidents/a/': PAGE.replace('An incident', 'A longer incident page, ünïcode and all'),
      '/incidents/b/': PAGE,
      '/kpis/': '<!DOCTYPE html><p>KPIs</p>',
    };
    const wrapped = indexingPrerenderer(
      astroPrerenderer(Object.keys(pages), (path) => pages[path]!),
      { sequential: true },
    );
    await wrapped.getStaticPaths();
    const options = { routeData: {} } as RenderOptions;
    const buffers: ArrayBuffer[] = [];
    for (const path of Object.keys(pages)) {
      const result = await wrapped.render(new Request(`http://localhost${path}`), options);
      const buffer = await (result instanceof Response ? result : result.response).arrayBuffer();
      // What Astro's generator writes, before it renders the next page.
      expect(Buffer.from(buffer).toString(), path).toBe(pages[path]);
      buffers.push(buffer);
    }
    expect(new Set(buffers).size).toBe(1);
    // The search index got each searched page as it was, not as the buffer holds it now.
    const index = await closeSearchFeed();
    expect(index.pages).toBe(2);
  });

  it('gives each page a buffer of its own once two renders overlap, though told Astro renders one at a time', async () => {
    site = mkdtempSync(join(tmpdir(), 'keel-search-feed-'));
    openSearchFeed(site);
    const pages: Record<string, string> = { '/kpis/': '<p>first, the longer page</p>', '/learning/': '<p>second</p>', '/council/': '<p>third</p>' };
    const wrapped = indexingPrerenderer(
      astroPrerenderer(Object.keys(pages), (path) => pages[path]!),
      { sequential: true },
    );
    await wrapped.getStaticPaths();
    const options = { routeData: {} } as RenderOptions;
    const [first, second] = await Promise.all(['/kpis/', '/learning/'].map((path) => wrapped.render(new Request(`http://localhost${path}`), options)));
    const third = await wrapped.render(new Request('http://localhost/council/'), options);
    const text = async (result: typeof third) => Buffer.from(await (result instanceof Response ? result : result.response).arrayBuffer()).toString();
    await expect(text(first!)).resolves.toBe(pages['/kpis/']);
    await expect(text(second!)).resolves.toBe(pages['/learning/']);
    await expect(text(third)).resolves.toBe(pages['/council/']);
    await closeSearchFeed();
  });
});
