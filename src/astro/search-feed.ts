/**
 * The internal build's search index, made while the pages are generated rather than after.
 *
 * Astro generates the pages one at a time on one core; Pagefind used to index them after the
 * last was written (about a third of the corpus build's wall time, on about one core). Now the
 * search middleware (src/astro/search-pages.ts, run by Astro for every prerendered page) hands
 * each page of a searched folder to this feed as it is rendered, the feed posts a copy of its
 * bytes to the search worker (src/astro/search-worker.ts), and Pagefind indexes and writes its
 * bundles on the second core meanwhile; at the end of the build only the last bundle is left
 * to write. The pages in flight are bounded twice: the build waits while the worker has not
 * acknowledged {@link UNACKED_BYTES} of pages, and the worker acknowledges a page only while its
 * queue for Pagefind holds at most {@link QUEUE_BYTES}.
 *
 * Like src/astro/data-store.ts, the feed lives on `globalThis`: the integration runs natively,
 * the middleware from the built bundle.
 */
import { Worker } from 'node:worker_threads';
import type { AstroPrerenderer } from 'astro';
import { searchedFile, withoutChartData, type SearchIndexResult } from './search-index.ts';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-worker.ts';

/** Bytes of pages posted to the worker and not yet acknowledged, past which the build waits. */
const UNACKED_BYTES = 16 * 1024 * 1024;
/** Bytes of pages (without their chart tables) the worker queues for Pagefind before it stops acknowledging. */
const QUEUE_BYTES = 64 * 1024 * 1024;

const KEY = Symbol.for('keel.search-feed');

/** What the middleware sees of the feed (src/astro/search-pages.ts reads it from `globalThis`). */
export interface SearchFeedPort {
  /** Whether the page at this URL path lies in a searched folder (else the middleware leaves it alone). */
  wants(pathname: string): boolean;
  /** Takes the page at `pathname` (its HTML bytes), if it lies in a searched folder; resolves when the build may go on. */
  offer(pathname: string, bytes: Uint8Array): Promise<void>;
}

/** The worker's module: search-worker.ts beside this one, or search-worker.js in the compiled package. */
const SEARCH_WORKER = new URL(`./search-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

class SearchFeed implements SearchFeedPort {
  readonly #siteDir: string;
  #worker: Worker | undefined;
  #unacked = 0;
  #waiting: (() => void)[] = [];
  #failure: Error | undefined;
  #done: { resolve: (result: SearchIndexResult) => void; reject: (cause: Error) => void } | undefined;
  /** When the first page came (performance.now()). */
  started: number | undefined;
  #finished = false;

  constructor(siteDir: string) {
    this.#siteDir = siteDir;
  }

  /** The worker, started with the first page. */
  #start(): Worker {
    if (this.#worker) return this.#worker;
    this.started = performance.now();
    const worker = new Worker(SEARCH_WORKER, { workerData: { siteDir: this.#siteDir, queueBytes: QUEUE_BYTES } });
    worker.on('message', (reply: SearchWorkerReply) => {
      if (reply.type === 'ack') {
        this.#unacked -= reply.bytes;
        if (this.#unacked <= UNACKED_BYTES) for (const resume of this.#waiting.splice(0)) resume();
      } else if (reply.type === 'done') this.#done?.resolve(reply.result);
      else this.#fail(new Error(`the search index could not be written: ${reply.message}`));
    });
    worker.on('error', (cause: Error) => this.#fail(cause));
    worker.on('exit', (code) => {
      if (code !== 0 && !this.#finished) this.#fail(new Error(`the search index's worker stopped (exit ${code})`));
    });
    this.#worker = worker;
    return worker;
  }

  #fail(cause: Error): void {
    this.#failure ??= cause;
    for (const resume of this.#waiting.splice(0)) resume();
    this.#done?.reject(cause);
  }

  wants(pathname: string): boolean {
    return searchedFile(pathname) !== undefined;
  }

  offer(pathname: string, bytes: Uint8Array): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    const path = searchedFile(pathname);
    if (path === undefined) return Promise.resolve();
    // Posted without its chart tables (a copy of the rest: the page's own bytes go on to be
    // written): an SLO page is 430 KiB, of which the worker needs 17.
    const page = withoutChartData(bytes);
    this.#start().postMessage({ type: 'page', path, bytes: page } satisfies SearchWorkerRequest);
    this.#unacked += page.byteLength;
    if (this.#unacked <= UNACKED_BYTES) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiting.push(resolve)).then(() => {
      if (this.#failure) throw this.#failure;
    });
  }

  /** Once every page is generated: the rest of Pagefind's work, the last bundle written. */
  async finish(): Promise<SearchIndexResult> {
    if (this.#failure) throw this.#failure;
    const worker = this.#start();
    try {
      return await new Promise<SearchIndexResult>((resolve, reject) => {
        this.#done = { resolve, reject };
        worker.postMessage({ type: 'end' } satisfies SearchWorkerRequest);
      });
    } finally {
      this.#finished = true;
      await worker.terminate();
    }
  }
}

/**
 * Astro's prerenderer with the searched pages generated first. Pagefind indexes on the second
 * core while the rest of the site (the /raw/ views, the KPI periods: about half the corpus's
 * pages) is generated, instead of finishing alone after the last page. Which page is written
 * when changes nothing in the output; the order within each part is Astro's.
 */
export function searchedPagesFirst(astro: AstroPrerenderer): AstroPrerenderer {
  return {
    ...astro,
    name: 'keel:searched-pages-first',
    async getStaticPaths() {
      const paths = await astro.getStaticPaths();
      const searched = paths.filter((p) => searchedFile(p.pathname) !== undefined);
      return searched.length === 0 ? paths : [...searched, ...paths.filter((p) => searchedFile(p.pathname) === undefined)];
    },
  };
}

/** Starts this build's feed for the site written to `siteDir` (the integration, before the pages). */
export function openSearchFeed(siteDir: string): void {
  (globalThis as { [KEY]?: SearchFeed })[KEY] = new SearchFeed(siteDir);
}

/**
 * Finishes this build's index once the pages are written (the integration, at the end of the
 * build): what the index holds, how long the build waited for it at the end (ms) and how long
 * the index took from the first page on.
 */
export async function closeSearchFeed(): Promise<SearchIndexResult & { waitedMs: number; totalMs: number }> {
  const g = globalThis as { [KEY]?: SearchFeed };
  const feed = g[KEY];
  if (feed === undefined) throw new Error('keel: the search feed was not opened');
  delete g[KEY];
  const waiting = performance.now();
  const result = await feed.finish();
  const now = performance.now();
  return { ...result, waitedMs: now - waiting, totalMs: now - (feed.started ?? waiting) };
}
