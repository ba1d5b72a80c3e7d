/**
 * The internal site's search index, built in a worker thread while the pages are generated
 * (src/astro/search-feed.ts sends each page of a searched folder as Astro writes it): the thread
 * has a heap of its own for the pages it holds and the messages it sends Pagefind, and its work
 * (decoding, cutting the chart tables, talking to Pagefind's process) runs beside Astro's, on
 * the second core. Each page is acknowledged once Keel's queue for Pagefind (src/astro/search-index.ts,
 * `SearchIndexer`) is short enough again, which bounds the pages in flight.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchIndexer, type SearchIndexResult } from './search-index.ts';

/** What the build sends. */
export type SearchWorkerRequest = { type: 'page'; path: string; bytes: Uint8Array } | { type: 'end' };
/** What the worker answers: a page's bytes acknowledged, the index written, or why it failed. */
export type SearchWorkerReply = { type: 'ack'; bytes: number } | { type: 'done'; result: SearchIndexResult } | { type: 'failed'; message: string };

// Astro's page generation is the build's longest path: this thread, and the Pagefind processes
// it starts (which inherit it on Linux, where a thread has a priority of its own), give way to it
// and use what CPU it leaves. Where the priority cannot be lowered, the index is made all the same.
try {
  setPriority(10);
} catch {
  // Not permitted here: same priority as the build.
}

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
