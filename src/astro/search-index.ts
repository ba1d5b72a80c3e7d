/**
 * Search over the internal site: Pagefind (https://pagefind.app) indexes the pages Astro wrote
 * and puts its bundle in `<site>/pagefind/`, at the end of the internal build. Pagefind's
 * binary comes from its npm package (`@pagefind/<platform>`, an optional dependency of
 * `pagefind`), so nothing is downloaded at build time. The public site gets no search, so no
 * index can carry internal text there; Pagefind is loaded only here.
 *
 * Only the pages a reader searches for are indexed, and only their <main>: those marked
 * `data-pagefind-body` (runbooks, incidents, concerns, experiments, services, SLOs; the layout's
 * `search` prop). Indexes, KPI periods, /raw/ sources and the alert URL pages carry no mark, so
 * Pagefind skips them, and the chart data tables (up to 500 rows each on an SLO page) are left
 * out: they would make most of the index and match nothing anyone types. Pagefind reads only the
 * folders those pages live in: the /raw/ copies of every entry are about half of the site's
 * pages, and reading them only to find no mark took about 40 % of Pagefind's time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The bundle's folder inside the site, which the search page loads `pagefind.js` from. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** The folders of the indexed pages (a page elsewhere is not read, whatever its marks). */
const SEARCHED_FOLDERS = ['runbooks', 'incidents', 'council', 'experiments', 'services', 'slos'];

/** Parts of indexed pages that are not searched for. */
const EXCLUDED = ['figure[data-chart] .data'];

export interface SearchIndexResult {
  /** HTML pages Pagefind read (those of the searched folders). */
  readonly pages: number;
  /** Pages in the index (those marked data-pagefind-body). */
  readonly indexed: number;
  /** Size of the bundle written (the index, Pagefind's code and WebAssembly), bytes. */
  readonly bytes: number;
  /** Where the bundle was written. */
  readonly outputPath: string;
}

/** Bytes of the files below `dir`. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((sum, d) => sum + statSync(join(d.parentPath, d.name)).size, 0);
}

/** Indexes the HTML pages below `siteDir` and writes the bundle to `<siteDir>/pagefind/`. */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDED });
    const index = created.index;
    if (index === undefined) throw new Error(`pagefind could not start: ${created.errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir, glob: `{${SEARCHED_FOLDERS.join(',')}}/**/*.html` });
    if (added.errors.length > 0) throw new Error(`pagefind could not index ${siteDir}: ${added.errors.join('; ')}`);
    const outputPath = join(siteDir, SEARCH_BUNDLE_DIR);
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    return { pages: added.page_count, indexed, bytes: sizeOf(outputPath), outputPath };
  } finally {
    // The service is a child process: stop it, or the build would not exit.
    await pagefind.close();
  }
}
