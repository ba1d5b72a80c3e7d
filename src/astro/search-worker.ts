/**
 * Writes the internal site's search index in a worker thread (src/astro/search-index.ts,
 * `writeSearchIndexInWorker`): the thread has a heap of its own, so the 400 MiB of pages it reads
 * and the messages it sends Pagefind do not grow the build's heap, which holds the whole content.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeSearchIndex } from './search-index.ts';

const { siteDir } = workerData as { siteDir: string };
parentPort!.postMessage(await writeSearchIndex(siteDir));
