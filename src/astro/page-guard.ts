/**
 * The build's guard around every page (an Astro middleware, first in the chain): a page whose
 * data module or component throws while the site is built is reported as one message naming the
 * page (its route and URL) and the cause, and the build stops with exit 1 — never Astro's raw
 * stack trace, which points into bundled chunks and hides which page failed. KEEL_DEBUG=1 adds
 * the stack. Added to builds only (src/astro/integration.ts): in `astro dev` Astro's overlay shows the error.
 */
import { defineMiddleware } from 'astro:middleware';
import { debug, pageMadeToThrow } from '../core/env.ts';
import { pageFailure } from './page-failure.ts';

/** What a test plants (KEEL_TEST_PAGE_THROWS): the page's data fails as a data module would. */
function plantedPageData(route: string): never {
  throw new TypeError(`planted failure in the data of ${route} (KEEL_TEST_PAGE_THROWS)`);
}

export const onRequest = defineMiddleware(async (context, next) => {
  try {
    if (pageMadeToThrow() === context.routePattern) plantedPageData(context.routePattern);
    return await next();
  } catch (cause) {
    process.stderr.write(`\n${pageFailure(context.routePattern, context.url.pathname, cause, debug())}\n`);
    process.exit(1);
  }
});
