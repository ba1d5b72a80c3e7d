/**
 * The body sanitiser on a worker thread (src/astro/body-sanitizer.ts): while the content loader
 * renders the next bodies on the main thread, this one parses and sanitises the last ones.
 */
import { parentPort } from 'node:worker_threads';
import { sanitizeBodyHtml } from '../projections/internal/body-html.ts';

/** What the loader sends: a rendered body's HTML, numbered. */
export interface SanitizeRequest {
  id: number;
  html: string;
}
/** What the worker answers: the sanitised HTML, or why it could not. */
export type SanitizeReply = { id: number; html: string } | { id: number; error: string };

const port = parentPort!;
port.on('message', ({ id, html }: SanitizeRequest) => {
  try {
    port.postMessage({ id, html: sanitizeBodyHtml(html) } satisfies SanitizeReply);
  } catch (cause) {
    port.postMessage({ id, error: cause instanceof Error ? cause.message : String(cause) } satisfies SanitizeReply);
  }
});
