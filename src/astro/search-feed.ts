/**
 * The internal build's search index, made while the pages are generated rather than after.
 *
 * Astro generates the pages one at a time on one core; Pagefind used to index them after the
 * last was written (about a third of the corpus build's wall time, on about one core). Now the
 * build's prerenderer ({@link indexingPrerenderer}, Astro's own wrapped) hands each page of a
 * searched folder to this feed as it is rendered, the feed posts a copy of its bytes to the
 * search worker (src/astro/search-worker.ts), and Pagefind indexes and writes its bundles on
 * the second core meanwhile, the last one as soon as the last searched page is given.
 * The pages in flight are bounded twice: the build waits while the worker has not acknowledged
 * {@link UNACKED_BYTES} of pages, and the worker acknowledges a page only while its queue for
 * Pagefind holds at most {@link QUEUE_BYTES}.
 */
import { Worker } from 'node:worker_threads';
import type { AstroPrerenderer } from 'astro';
import { renderHandingOver } from './page-html.ts';
import { searchedFile, withoutChartData, type SearchIndexResult } from './search-index.ts';
import type { SearchWorkerReply, SearchWorkerRequest } from './search-worker.ts';

/** Bytes of pages posted to the worker and not yet acknowledged, past which the build waits. */
const UNACKED_BYTES = 16 * 1024 * 1024;
/** Bytes of pages (without their chart tables) the worker queues for Pagefind before it stops acknowledging. */
const QUEUE_BYTES = 64 * 1024 * 1024;

/** The worker's module: search-worker.ts beside this one, or search-worker.js in the compiled package. */
const SEARCH_WORKER = new URL(`./search-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

class SearchFeed {
  readonly #siteDir: string;
  #worker: Worker | undefined;
  #unacked = 0;
  #waiting: (() => void)[] = [];
  #failure: Error | undefined;
  #done: { resolve: (result: SearchIndexResult) => void; reject: (cause: Error) => void } | undefined;
  /** When the first page came (performance.now()). */
  started: number | undefined;
  #finished = false;
  #result: Promise<SearchIndexResult> | undefined;

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

  /** Takes the page written to `path` (relative to the site); resolves when the build may go on. */
  offer(path: string, bytes: Uint8Array): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#result !== undefined) return Promise.reject(new Error(`keel: ${path} was given to the search index after its end`));
    // Posted without its chart tables, a copy of the rest moved to the worker (the page's own
    // bytes go on to be written, from a buffer the next page reuses): an SLO page is 430 KiB, of which the worker needs 17.
    const page = new Uint8Array(withoutChartData(bytes));
    this.#start().postMessage({ type: 'page', path, bytes: page } satisfies SearchWorkerRequest, [page.buffer]);
    this.#unacked += page.byteLength;
    if (this.#unacked <= UNACKED_BYTES) return Promise.resolve();
    return new Promise<void>((resolve) => this.#waiting.push(resolve)).then(() => {
      if (this.#failure) throw this.#failure;
    });
  }

  /**
   * Once the last searched page is given: Pagefind finishes (the last bundle written) while the
   * rest of the site is generated. Idempotent; {@link finish} waits for it.
   */
  end(): void {
    if (this.#result !== undefined) return;
    this.#result = this.#end();
    // Awaited by finish(); a failure meanwhile must not count as unhandled.
    this.#result.catch(() => undefined);
  }

  /** Once every page is generated: the rest of Pagefind's work, the last bundle written. */
  finish(): Promise<SearchIndexResult> {
    this.end();
    return this.#result!;
  }

  async #end(): Promise<SearchIndexResult> {
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
 * A page as Astro's generator reads it: `arrayBuffer()` hands over the bytes already read (Astro
 * wraps them in a Buffer and writes them) instead of copying them again, and the body streams the
 * same bytes to any other reader. Buffers outside V8's heap count towards its external memory,
 * and every 64 MiB of them started a full collection of the build's heap (about 570 MiB): on the
 * corpus, 45 of them while the pages were generated, when each searched page was copied four times.
 */
class RenderedPage extends Response {
  readonly #bytes: Uint8Array<ArrayBuffer>;

  constructor(bytes: Uint8Array<ArrayBuffer>, rendered: Response) {
    super(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      }),
      { status: rendered.status, statusText: rendered.statusText, headers: rendered.headers },
    );
    this.#bytes = bytes;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.buffer);
  }
}

const encoder = new TextEncoder();

/** The largest page {@link PageBuffer} holds; a larger one gets a buffer of its own. */
const PAGE_BUFFER_BYTES = 256 * 1024 * 1024;

/**
 * Where each page's bytes are gathered. Buffers outside V8's heap count towards its external
 * memory, and each 64 MiB of them starts a full collection of the heap (about 750 MiB while the
 * corpus's pages are generated): with a buffer per page, 36 of them during the SLO pages alone
 * (430 KiB each). When Astro writes each page before it renders the next (`build.concurrency`
 * 1, Astro's default: generate.js awaits the write), one resizable buffer serves every page.
 */
class PageBuffer {
  #reused: ArrayBuffer | undefined;

  constructor(reuse: boolean) {
    this.#reused = reuse ? new ArrayBuffer(0, { maxByteLength: PAGE_BUFFER_BYTES }) : undefined;
  }

  /** Pages are rendered side by side after all (a second render began before the first returned): a buffer per page from now on. */
  stopReusing(): void {
    this.#reused = undefined;
  }

  /** `html` in UTF-8: in the reused buffer (emptied of the last page), or in a new one. */
  encode(html: string): Uint8Array<ArrayBuffer> {
    const most = html.length * 3;
    if (this.#reused === undefined || most > PAGE_BUFFER_BYTES) return encoder.encode(html);
    this.#reused.resize(most);
    const { written } = encoder.encodeInto(html, new Uint8Array(this.#reused));
    this.#reused.resize(written);
    return new Uint8Array(this.#reused);
  }

  /** A buffer of exactly `length` bytes: the reused one, emptied of the last page, or a new one. */
  take(length: number): Uint8Array<ArrayBuffer> {
    if (this.#reused === undefined || length > PAGE_BUFFER_BYTES) return new Uint8Array(length);
    this.#reused.resize(length);
    return new Uint8Array(this.#reused);
  }
}

/** A body's bytes in one buffer (its `buffer` is exactly the page), copied once. */
async function readAll(body: ReadableStream<Uint8Array>, into: PageBuffer): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  const bytes = into.take(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Astro's prerenderer, feeding the search index as it goes (the integration installs it in
 * internal builds). The searched pages are generated first, so that Pagefind indexes on the
 * second core while the rest of the site (the /raw/ views, the KPI periods: about half the
 * corpus's pages) is written, instead of finishing alone after the last page; the order within
 * each part is Astro's, and no page changes. Each searched page, once rendered, goes to the
 * feed, and after the last one Pagefind writes its last bundle while the rest is generated. Every
 * page is encoded (from the string Astro hands over, ./page-html.ts) or read (when Astro kept it)
 * into one buffer, which Astro then writes as it is (see {@link RenderedPage});
 * `sequential` (Astro writes each page before it renders the next): the same buffer for every page ({@link PageBuffer}).
 */
export function indexingPrerenderer(astro: AstroPrerenderer, { sequential }: { sequential: boolean }): AstroPrerenderer {
  const feed = current;
  if (feed === undefined) throw new Error('keel: the search feed was not opened');
  /** Searched pages not yet rendered: at 0, Pagefind can write its last bundle. */
  let unrendered = 0;
  const pageBuffer = new PageBuffer(sequential);
  /** Renders begun and not returned: more than one means Astro renders side by side, whatever `sequential` said. */
  let rendering = 0;
  return {
    ...astro,
    name: 'keel:indexing',
    async getStaticPaths() {
      // `{ paths, metadata }` from Astro 7.4 on; a bare array is still allowed (deprecated).
      const found = await astro.getStaticPaths();
      const paths = Array.isArray(found) ? found : found.paths;
      const searched = paths.filter((p) => searchedFile(p.pathname) !== undefined);
      unrendered = searched.length;
      const ordered = [...searched, ...paths.filter((p) => searchedFile(p.pathname) === undefined)];
      return Array.isArray(found) ? ordered : { ...found, paths: ordered };
    },
    async render(request, options) {
      const path = searchedFile(new URL(request.url).pathname);
      if (++rendering > 1) pageBuffer.stopReusing();
      try {
        // Astro hands over a page's string rather than its bytes (./page-html.ts), when it can.
        const { result, html } = await renderHandingOver(() => astro.render(request, options));
        const rendered = result instanceof Response ? result : result.response;
        if (html === undefined && (rendered.status !== 200 || rendered.body === null)) return result;
        const bytes = html !== undefined ? pageBuffer.encode(html) : await readAll(rendered.body!, pageBuffer);
        if (rendered.status === 200 && path !== undefined && (rendered.headers.get('content-type') ?? '').startsWith('text/html'))
          await feed.offer(path, bytes);
        const page = new RenderedPage(bytes, rendered);
        return result instanceof Response ? page : { ...result, response: page };
      } finally {
        rendering--;
        if (path !== undefined && --unrendered === 0) feed.end();
      }
    },
  };
}

/** This build's feed, between {@link openSearchFeed} and {@link closeSearchFeed}. */
let current: SearchFeed | undefined;

/** Starts this build's feed for the site written to `siteDir` (the integration, before the pages). */
export function openSearchFeed(siteDir: string): void {
  current = new SearchFeed(siteDir);
}

/**
 * Finishes this build's index once the pages are written (the integration, at the end of the
 * build): what the index holds, how long the build waited for it at the end (ms) and how long
 * the index took from the first page on.
 */
export async function closeSearchFeed(): Promise<SearchIndexResult & { waitedMs: number; totalMs: number }> {
  const feed = current;
  if (feed === undefined) throw new Error('keel: the search feed was not opened');
  current = undefined;
  const waiting = performance.now();
  const result = await feed.finish();
  const now = performance.now();
  return { ...result, waitedMs: now - waiting, totalMs: now - (feed.started ?? waiting) };
}
