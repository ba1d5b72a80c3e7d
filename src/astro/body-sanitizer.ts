/**
 * Sanitising rendered bodies beside their rendering. The content loader renders each body on
 * the main thread and the sanitiser then parses the HTML again (3.7 s of the corpus build's 9 s
 * content load); the second core is idle meanwhile. A collection with many bodies sends them to a
 * worker thread (src/astro/sanitize-worker.ts) as they are rendered; a small one, or one whose
 * worker fails, is sanitised on the main thread: no body is ever stored unsanitised.
 */
import { Worker } from 'node:worker_threads';
import { sanitizeBodyHtml } from '../projections/internal/body-html.ts';
import type { SanitizeReply, SanitizeRequest } from './sanitize-worker.ts';

/** Below this many bodies a worker's start (loading unified and parse5 again) costs more than it saves. */
export const WORKER_BODIES = 200;

/** The worker's module: sanitize-worker.ts beside this one, or sanitize-worker.js in the compiled package. */
const SANITIZE_WORKER = new URL(`./sanitize-worker${import.meta.url.slice(import.meta.url.lastIndexOf('.'))}`, import.meta.url);

export interface BodySanitizer {
  /** The body's HTML with everything that could run removed. */
  sanitize(html: string): Promise<string>;
  /** Whether a worker thread does the work (it stops being one if the worker fails). */
  onWorker(): boolean;
  /** Stops the worker, if any. */
  close(): Promise<void>;
}

/** A sanitiser for `bodies` bodies: on a worker thread from {@link WORKER_BODIES} on. */
export function bodySanitizer(bodies: number): BodySanitizer {
  if (bodies < WORKER_BODIES) return { sanitize: (html) => Promise.resolve(sanitizeBodyHtml(html)), onWorker: () => false, close: () => Promise.resolve() };
  let worker: Worker | undefined;
  const pending = new Map<number, { html: string; resolve: (html: string) => void }>();
  let next = 0;
  // Whatever the worker has not answered is sanitised here instead.
  const fallBack = () => {
    worker = undefined;
    for (const [, { html, resolve }] of pending) resolve(sanitizeBodyHtml(html));
    pending.clear();
  };
  try {
    worker = new Worker(SANITIZE_WORKER);
    worker.unref();
    worker.on('message', (reply: SanitizeReply) => {
      const job = pending.get(reply.id);
      if (job === undefined) return;
      pending.delete(reply.id);
      job.resolve('html' in reply ? reply.html : sanitizeBodyHtml(job.html));
    });
    worker.on('error', fallBack);
    worker.on('exit', fallBack);
  } catch {
    worker = undefined;
  }
  return {
    sanitize(html) {
      if (worker === undefined) return Promise.resolve(sanitizeBodyHtml(html));
      const id = next++;
      return new Promise<string>((resolve) => {
        pending.set(id, { html, resolve });
        worker!.postMessage({ id, html } satisfies SanitizeRequest);
      });
    },
    onWorker: () => worker !== undefined,
    async close() {
      const w = worker;
      worker = undefined;
      if (w !== undefined) {
        w.removeAllListeners('exit');
        await w.terminate();
      }
    },
  };
}
