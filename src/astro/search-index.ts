/**
 * Search over the internal site: Pagefind (https://pagefind.app) indexes every HTML page Astro
 * wrote and puts its bundle in `<site>/pagefind/`, at the end of the internal build. Pagefind's
 * binary comes from its npm package (`@pagefind/<platform>`, an optional dependency of
 * `pagefind`), so nothing is downloaded at build time. The public site gets no search, so no
 * index can carry internal text there; Pagefind is loaded only here.
 */
import { join } from 'node:path';

/** The bundle's folder inside the site, which the search page loads `pagefind.js` from. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

export interface SearchIndexResult {
  /** Pages indexed. */
  readonly pages: number;
  /** Where the bundle was written. */
  readonly outputPath: string;
}

/** Indexes the HTML pages below `siteDir` and writes the bundle to `<siteDir>/pagefind/`. */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    const index = created.index;
    if (index === undefined) throw new Error(`pagefind could not start: ${created.errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`pagefind could not index ${siteDir}: ${added.errors.join('; ')}`);
    const outputPath = join(siteDir, SEARCH_BUNDLE_DIR);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    return { pages: added.page_count, outputPath };
  } finally {
    // The service is a child process: stop it, or the build would not exit.
    await pagefind.close();
  }
}
