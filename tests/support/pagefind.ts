/**
 * Queries a Pagefind bundle written to disk from Node, with Pagefind's own search code (the
 * bundle's `pagefind.js` and its WebAssembly): the module is imported from the folder and its
 * fetches of `file:` URLs are answered from the disk, which is all a browser's fetch would do.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mergeBundles, type PagefindMerge } from '../../src/site/client/search.ts';

interface PagefindResult {
  data(): Promise<{ url: string; meta: Record<string, string>; excerpt: string; filters: Record<string, string[]> }>;
}
interface PagefindModule extends PagefindMerge {
  options(options: { basePath: string; baseUrl: string }): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, unknown> }): Promise<{ results: PagefindResult[] }>;
}

let fileFetchInstalled = false;

function installFileFetch(): void {
  if (fileFetchInstalled) return;
  fileFetchInstalled = true;
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.protocol !== 'file:') return networkFetch(input, init);
    return new Response(await readFile(fileURLToPath(url)));
  };
}

/** A page as Pagefind returns it: its address, title and filters (kind, service, alert). */
export interface Found {
  url: string;
  title: string;
  filters: Record<string, string[]>;
}

/**
 * A search over the bundle in `<siteDir>/pagefind/` and those it lists: the results, best first, in Pagefind's own
 * order (the search page puts an exact alert match first: src/site/client/search.ts). A null
 * term with filters lists the pages the filters select.
 */
export async function pagefindSearch(siteDir: string): Promise<(term: string | null, filters?: Record<string, unknown>) => Promise<Found[]>> {
  installFileFetch();
  // A query string makes each site's bundle a module of its own (Node caches modules by URL).
  const bundle = pathToFileURL(join(siteDir, 'pagefind', 'pagefind.js'));
  bundle.search = `site=${encodeURIComponent(siteDir)}`;
  const pagefind = (await import(bundle.href)) as PagefindModule;
  await pagefind.options({ basePath: pathToFileURL(join(siteDir, 'pagefind') + '/').href, baseUrl: '/' });
  // The site's other bundles, as the search page merges them.
  await mergeBundles(pagefind, bundle.href, { baseUrl: '/' });
  await pagefind.init();
  return async (term, filters) => {
    const { results } = await pagefind.search(term, filters === undefined ? {} : { filters });
    const pages = await Promise.all(results.map((r) => r.data()));
    return pages.map((p) => ({ url: p.url, title: p.meta.title ?? '', filters: p.filters }));
  };
}
