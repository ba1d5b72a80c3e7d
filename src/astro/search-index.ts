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
 * out: they would make most of the index and match nothing anyone types. Only the folders those
 * pages live in are read: the /raw/ copies of every entry are about half of the site's pages, and
 * reading them only to find no mark took about 40 % of Pagefind's time. Keel reads the pages and
 * hands Pagefind the marked ones without their chart tables; a large site's index is split into
 * bundles written one after the other (see {@link BUNDLE_BYTES}), which the search page merges.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Worker } from 'node:worker_threads';

/** The bundle's folder inside the site, which the search page loads `pagefind.js` from. */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/**
 * In the first bundle: the folders (relative to it) of the other bundles, which the search page
 * merges into the first (Pagefind's `mergeIndex`), as JSON `{ "merge": ["../pagefind-2/", …] }`.
 */
export const SEARCH_BUNDLES_FILE = 'keel-bundles.json';

/**
 * About how many bytes of HTML one bundle takes before the next begins. Pagefind holds a whole
 * index in memory and needs most of it while it writes the files (its peak on the corpus,
 * 2.9 GB for 160 MiB of pages, followed the text indexed); bundles written one after the other,
 * each by a Pagefind process of its own, need only one bundle's memory at a time. A site under
 * this size gets one bundle.
 */
export const BUNDLE_BYTES = 48 * 1024 * 1024;

/** The folders of the indexed pages (a page elsewhere is not read, whatever its marks). */
const SEARCHED_FOLDERS = ['runbooks', 'incidents', 'council', 'experiments', 'services', 'slos'];

/** Parts of indexed pages that are not searched for. */
const EXCLUDED = ['figure[data-chart] .data'];

/** Where a chart's data table begins (src/site/components/internal/Chart.astro), and where it ends. */
const CHART_DATA = '<div class="data" data-pagefind-ignore';
const TABLE_END = '</table>';

/**
 * The page without its chart data tables, which Pagefind would parse only to leave out (EXCLUDED):
 * they are 350 of the corpus's 410 MiB of SLO pages, and parsing them was about 40 % of Pagefind's
 * time. A table this does not find is still left out by EXCLUDED.
 */
export function withoutChartData(html: string): string {
  let at = html.indexOf(CHART_DATA);
  if (at < 0) return html;
  let out = '';
  let from = 0;
  while (at >= 0) {
    const end = html.indexOf(TABLE_END, at);
    if (end < 0) break;
    // The div stays, empty, so that the markup around it still closes.
    out += `${html.slice(from, at)}<div>`;
    from = end + TABLE_END.length;
    at = html.indexOf(CHART_DATA, from);
  }
  return out + html.slice(from);
}

export interface SearchIndexResult {
  /** HTML pages read (those of the searched folders, alert URL pages aside). */
  readonly pages: number;
  /** Pages in the index (those marked data-pagefind-body). */
  readonly indexed: number;
  /** Size of the bundles written (the index, Pagefind's code and WebAssembly), bytes. */
  readonly bytes: number;
  /** Where the first bundle was written (the one the search page loads). */
  readonly outputPath: string;
  /** How many bundles (one per {@link BUNDLE_BYTES} of pages). */
  readonly bundles: number;
}

/** Bytes of the files below `dir`. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((sum, d) => sum + statSync(join(d.parentPath, d.name)).size, 0);
}

/** The HTML pages of the searched folders, relative to the site, sorted; not the alert URL pages (redirects, no mark). */
function searchedPages(siteDir: string): string[] {
  return SEARCHED_FOLDERS.flatMap((folder) => {
    const dir = join(siteDir, folder);
    let names: string[];
    try {
      names = readdirSync(dir, { recursive: true, encoding: 'utf8' });
    } catch {
      return [];
    }
    return names
      .filter((name) => name.endsWith('.html') && !(folder === 'runbooks' && name.startsWith(`alerts${sep}`)))
      .map((name) => join(folder, name).split(sep).join('/'))
      .sort();
  });
}

/** How many pages Pagefind takes at once (its service parses them on its own threads meanwhile). */
const IN_FLIGHT = 8;

/** Writes one bundle of `pages` (path relative to the site → HTML) to `outputPath` with a Pagefind process of its own. */
async function writeBundle(pages: { path: string; html: string }[], outputPath: string): Promise<number> {
  const pagefind = await import('pagefind');
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDED });
    const index = created.index;
    if (index === undefined) throw new Error(`pagefind could not start: ${created.errors.join('; ')}`);
    let next = 0;
    const add = async (): Promise<void> => {
      while (next < pages.length) {
        const page = pages[next++]!;
        const added = await index.addHTMLFile({ sourcePath: page.path, content: page.html });
        if (added.errors.length > 0) throw new Error(`pagefind could not index ${page.path}: ${added.errors.join('; ')}`);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, add));
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0) throw new Error(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    return Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
  } finally {
    // The service is a child process: stop it, or the build would not exit (and its memory goes with it).
    await pagefind.close();
  }
}

/**
 * Indexes the searched HTML pages below `siteDir` into `<siteDir>/pagefind/` and, past
 * `bundleBytes` of pages, further bundles beside it (`pagefind-2/`, …) that the first one lists.
 */
export async function writeSearchIndex(siteDir: string, bundleBytes: number = BUNDLE_BYTES): Promise<SearchIndexResult> {
  const paths = searchedPages(siteDir);
  const outputPath = join(siteDir, SEARCH_BUNDLE_DIR);
  const folders: string[] = [];
  let indexed = 0;
  let bytes = 0;
  let batch: { path: string; html: string }[] = [];
  let batchBytes = 0;
  const flush = async () => {
    const folder = folders.length === 0 ? SEARCH_BUNDLE_DIR : `${SEARCH_BUNDLE_DIR}-${folders.length + 1}`;
    indexed += await writeBundle(batch, join(siteDir, folder));
    bytes += sizeOf(join(siteDir, folder));
    folders.push(folder);
    batch = [];
    batchBytes = 0;
  };
  for (const path of paths) {
    const html = readFileSync(join(siteDir, path), 'utf8');
    // Pages without the mark are not indexed: Pagefind need not read them.
    if (!html.includes('data-pagefind-body')) continue;
    const page = withoutChartData(html);
    if (batch.length > 0 && batchBytes + page.length > bundleBytes) await flush();
    batch.push({ path, html: page });
    batchBytes += page.length;
  }
  if (batch.length > 0 || folders.length === 0) await flush();
  const merge = folders.slice(1).map((folder) => `${relative(outputPath, join(siteDir, folder)).split(sep).join('/')}/`);
  writeFileSync(join(outputPath, SEARCH_BUNDLES_FILE), `${JSON.stringify({ merge })}\n`);
  return { pages: paths.length, indexed, bytes, outputPath, bundles: folders.length };
}

/** The worker's module: search-worker.ts beside this one, or search-worker.js in the compiled package. */
const SEARCH_WORKER = new URL(`./search-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

/**
 * {@link writeSearchIndex} in a worker thread (src/astro/search-worker.ts), whose heap of its own
 * takes the pages read and the messages to Pagefind: on the corpus, the build process's maximum
 * resident size went from 2.2 to 1.8 GB with it.
 */
export function writeSearchIndexInWorker(siteDir: string): Promise<SearchIndexResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(SEARCH_WORKER, { workerData: { siteDir } });
    worker.once('message', (result: SearchIndexResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the search index's worker stopped (exit ${code})`));
    });
  });
}
