/**
 * The internal build's search middleware (added by src/astro/integration.ts to internal builds
 * only, after the page guard): hands the HTML of every page of a searched folder, as Astro renders it, to the search feed
 * (src/astro/search-feed.ts), which indexes the pages of the searched folders on a worker thread
 * while Astro goes on generating. The page itself is returned unchanged, byte for byte.
 */
import { defineMiddleware } from 'astro:middleware';
import type { SearchFeedPort } from './search-feed.ts';

const KEY = Symbol.for('keel.search-feed');

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const feed = (globalThis as { [KEY]?: SearchFeedPort })[KEY];
  if (
    feed === undefined ||
    !feed.wants(context.url.pathname) ||
    response.status !== 200 ||
    !(response.headers.get('content-type') ?? '').startsWith('text/html')
  )
    return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  await feed.offer(context.url.pathname, bytes);
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
});
