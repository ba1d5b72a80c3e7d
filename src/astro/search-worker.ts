/**
 * The internal site's search index, built in a worker thread while the pages are generated
 * (src/astro/search-feed.ts sends each page of a searched folder as Astro writes it): the thread
 * has a heap of its own for the pages it holds and the messages it sends Pagefind, and its work
 * (decoding, cutting the chart tables, talking to Pagefind's process) runs beside Astro's, on
 * the second core. Each page is acknowledged once Keel's queue for Pagefind (src/astro/search-index.ts,
 * `SearchIndexer`) is short enough again, which bounds the pages in flight.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SearchIndexer, type SearchIndexResult } from './search-index.ts';

/** What the build sends. */
export type SearchWorkerRequest = { type: 'page'; path: string; bytes: Uint8Array } | { type: 'end' };
/** What the worker answers: a page's bytes acknowledged, the index written, or why it failed. */
export type SearchWorkerReply = { type: 'ack'; bytes: number } | { type: 'done'; result: SearchIndexResult } | { type: 'failed'; message: string };

// This thread and its Pagefind processes run at the build's own priority. They once ran at nice
// 10, giving way to the page generation; now that the searched pages come first and the last
// bundle is written beside the rest of the site, Pagefind is the build's longest path, and at
// nice 10 it finished 11 to 12 s after the last page instead of 1 to 2 (README, "Speed").

const { siteDir, queueBytes } = workerData as { siteDir: string; queueBytes: number };
const port = parentPort!;
const indexer = new SearchIndexer(siteDir);
const decoder = new TextDecoder();
const reply = (message: SearchWorkerReply) => port.postMessage(message);
const failed = (cause: unknown) => reply({ type: 'failed', message: cause instanceof Error ? cause.message : String(cause) });

port.on('message', (request: SearchWorkerRequest) => {
  if (request.type === 'page') {
    try {
      indexer.add(request.path, decoder.decode(request.bytes));
    } catch (cause) {
      failed(cause);
      return;
    }
    indexer.whenBelow(queueBytes).then(() => reply({ type: 'ack', bytes: request.bytes.byteLength }), failed);
  } else {
    indexer.finish().then((result) => reply({ type: 'done', result }), failed);
  }
});
