/**
 * Search over the internal site: Pagefind (https://pagefind.app) indexes the pages as Astro
 * generates them (src/astro/search-feed.ts hands them over; {@link writeSearchIndex} reads a
 * built site instead) and puts its bundle in `<site>/pagefind/`. Pagefind's
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
 * reading them only to find no mark took about 40 % of Pagefind's time. Keel hands Pagefind the
 * marked ones without their chart tables ({@link SearchIndexer}); a large site's index is split into
 * bundles written one after the other (see {@link BUNDLE_BYTES}), which the search page merges.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { PagefindIndex } from 'pagefind';

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
 * this size gets one bundle. The bundles are filled while Astro generates the pages
 * (src/astro/search-feed.ts), so a bundle's Pagefind process adds to the build's Node process at
 * its largest: with 48 MiB bundles the corpus build's process tree peaked at 2,967 MiB; Pagefind
 * alone on the built site peaks at 1.06 GB with 32 MiB bundles, 1.35 GB with 48 MiB. Since the
 * pages no longer carry their stylesheet, 32 MiB of them hold more text (a Pagefind process of
 * about 1 GB beside the build's 2 GB); 24 MiB bundles keep it near 0.7 GB.
 */
export const BUNDLE_BYTES = 24 * 1024 * 1024;

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
 * time. A table this does not find is still left out by EXCLUDED. Works on the page's UTF-8 bytes
 * (the markers are ASCII), so that the build cuts a page before sending it to the search worker
 * without decoding it: only the rest (about 17 KiB of a 430 KiB SLO page) is copied.
 */
export function withoutChartData(html: Uint8Array): Uint8Array {
  const page = Buffer.from(html.buffer, html.byteOffset, html.byteLength);
  let at = page.indexOf(CHART_DATA);
  if (at < 0) return html;
  const parts: Uint8Array[] = [];
  let from = 0;
  while (at >= 0) {
    const end = page.indexOf(TABLE_END, at);
    if (end < 0) break;
    // The div stays, empty, so that the markup around it still closes.
    parts.push(page.subarray(from, at), EMPTY_DIV);
    from = end + TABLE_END.length;
    at = page.indexOf(CHART_DATA, from);
  }
  parts.push(page.subarray(from));
  return Buffer.concat(parts);
}

const EMPTY_DIV = Buffer.from('<div>');
const decoder = new TextDecoder();

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

/**
 * The file a page's URL path is written to (`/incidents/x/` → `incidents/x/index.html`, the
 * build's directory format) when it lies in a searched folder, else undefined: the pages a build
 * hands the index are those {@link searchedPages} would read from the built site.
 */
export function searchedFile(pathname: string): string | undefined {
  const path = pathname.replace(/^\/+|\/+$/g, '');
  const folder = path.split('/', 1)[0]!;
  if (!SEARCHED_FOLDERS.includes(folder) || path.startsWith('runbooks/alerts/')) return undefined;
  return `${path}/index.html`;
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

/** A Pagefind index being filled: its own Pagefind process, the HTML bytes it holds. */
interface Bundle {
  readonly index: PagefindIndex;
  bytes: number;
}

/**
 * Builds the search index from pages handed to it one at a time, as the build writes them: each
 * marked page, without its chart tables, waits in a queue that a loop hands to Pagefind, which
 * fills one bundle at a time and writes it once the next page would take it past `bundleBytes`.
 * Giving a page never waits for Pagefind; {@link whenBelow} lets the giver wait while the queue
 * is long (the page generation must not outrun Pagefind by more than the queue's bytes).
 */
export class SearchIndexer {
  readonly #siteDir: string;
  readonly #bundleBytes: number;
  readonly #queue: { path: string; html: string }[] = [];
  #queuedBytes = 0;
  #read = 0;
  #indexed = 0;
  #bytes = 0;
  readonly #folders: string[] = [];
  #bundle: Bundle | undefined;
  #draining: Promise<void> | undefined;
  #failure: Error | undefined;
  #waiters: { bytes: number; resolve: () => void }[] = [];

  constructor(siteDir: string, bundleBytes: number = BUNDLE_BYTES) {
    this.#siteDir = siteDir;
    this.#bundleBytes = bundleBytes;
  }

  /**
   * Takes one page of a searched folder (`path` relative to the site, e.g. `incidents/x/index.html`;
   * its HTML, its chart tables cut by {@link withoutChartData}); a page without the mark is only counted.
   */
  add(path: string, html: string): void {
    if (this.#failure) throw this.#failure;
    this.#read++;
    // Pages without the mark are not indexed: Pagefind need not read them.
    if (!html.includes('data-pagefind-body')) return;
    this.#queue.push({ path, html });
    this.#queuedBytes += html.length;
    this.#draining ??= this.#drain().finally(() => {
      this.#draining = undefined;
    });
  }

  /** Resolves once the pages given and not yet in Pagefind take at most `bytes` (at once when they do); rejects once Pagefind has failed. */
  whenBelow(bytes: number): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#queuedBytes <= bytes) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ bytes, resolve }));
  }

  /** Hands the queue to Pagefind, a bundle at a time; on a failure, keeps it for {@link add} and {@link finish} to throw. */
  async #drain(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    try {
      while (this.#queue.length > 0 || inFlight.size > 0) {
        const page = this.#queue.shift();
        if (page === undefined) {
          await Promise.race(inFlight);
          continue;
        }
        if (this.#bundle !== undefined && this.#bundle.bytes > 0 && this.#bundle.bytes + page.html.length > this.#bundleBytes) {
          await Promise.all(inFlight);
          await this.#write();
        }
        this.#bundle ??= await openBundle();
        const bundle = this.#bundle;
        bundle.bytes += page.html.length;
        const added = bundle.index.addHTMLFile({ sourcePath: page.path, content: page.html }).then((result) => {
          if (result.errors.length > 0) throw new Error(`pagefind could not index ${page.path}: ${result.errors.join('; ')}`);
          inFlight.delete(added);
          this.#queuedBytes -= page.html.length;
          this.#wake();
        });
        // Raced or awaited below; a failure meanwhile must not count as unhandled.
        added.catch(() => undefined);
        inFlight.add(added);
        if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
      }
    } catch (cause) {
      await Promise.allSettled(inFlight);
      this.#failure = cause instanceof Error ? cause : new Error(String(cause));
      await (await import('pagefind')).close();
      this.#bundle = undefined;
      for (const waiter of this.#waiters.splice(0)) waiter.resolve();
    }
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.#queuedBytes > waiter.bytes) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Writes the bundle being filled (an empty one when the site has no marked page at all) and stops its Pagefind process. */
  async #write(): Promise<void> {
    const folder = this.#folders.length === 0 ? SEARCH_BUNDLE_DIR : `${SEARCH_BUNDLE_DIR}-${this.#folders.length + 1}`;
    const outputPath = join(this.#siteDir, folder);
    const bundle = this.#bundle ?? (await openBundle());
    this.#bundle = undefined;
    const pagefind = await import('pagefind');
    try {
      const written = await bundle.index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error(`pagefind could not write ${outputPath}: ${written.errors.join('; ')}`);
    } finally {
      // The service is a child process: stop it, or the build would not exit (and its memory goes with it).
      await pagefind.close();
    }
    const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    this.#indexed += Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    this.#bytes += sizeOf(outputPath);
    this.#folders.push(folder);
  }

  /** Once every page has been given: waits for Pagefind, writes the last bundle and the list of bundles the search page merges. */
  async finish(): Promise<SearchIndexResult> {
    while (this.#draining) await this.#draining;
    if (this.#failure) throw this.#failure;
    if (this.#bundle !== undefined || this.#folders.length === 0) await this.#write();
    const outputPath = join(this.#siteDir, SEARCH_BUNDLE_DIR);
    const merge = this.#folders.slice(1).map((folder) => `${relative(outputPath, join(this.#siteDir, folder)).split(sep).join('/')}/`);
    writeFileSync(join(outputPath, SEARCH_BUNDLES_FILE), `${JSON.stringify({ merge })}\n`);
    return { pages: this.#read, indexed: this.#indexed, bytes: this.#bytes, outputPath, bundles: this.#folders.length };
  }
}

/** A new Pagefind index, in a Pagefind process of its own (the one before it is stopped when it is written). */
async function openBundle(): Promise<Bundle> {
  const pagefind = await import('pagefind');
  const created = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: EXCLUDED });
  if (created.index === undefined) throw new Error(`pagefind could not start: ${created.errors.join('; ')}`);
  return { index: created.index, bytes: 0 };
}

/**
 * Indexes the searched HTML pages already written below `siteDir` into `<siteDir>/pagefind/` and,
 * past `bundleBytes` of pages, further bundles beside it (`pagefind-2/`, …) that the first one lists.
 * (A build hands its pages to a {@link SearchIndexer} as it writes them instead: src/astro/search-feed.ts.)
 */
export async function writeSearchIndex(siteDir: string, bundleBytes: number = BUNDLE_BYTES): Promise<SearchIndexResult> {
  const indexer = new SearchIndexer(siteDir, bundleBytes);
  for (const path of searchedPages(siteDir)) {
    indexer.add(path, decoder.decode(withoutChartData(readFileSync(join(siteDir, path)))));
    await indexer.whenBelow(bundleBytes);
  }
  return indexer.finish();
}
