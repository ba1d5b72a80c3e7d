/**
 * A page's HTML handed to Keel's prerenderer as Astro's string, before Astro encodes it.
 *
 * Astro renders a static page to one string, encodes it into a new buffer and wraps that in a
 * Response, which copies it again (undici's `new Response(bytes)`). Buffers outside V8's heap
 * count towards its external memory, and every 64 MiB of them starts a full collection of the
 * build's heap (about 600 MiB live while the corpus's SLO pages, 360 KiB each, are generated):
 * two buffers a page started 25 of them during the SLO pages alone. With the hand-over, the
 * internal build's prerenderer (./search-feed.ts) encodes each page once, into the one buffer
 * every page reuses, and no page allocates outside the heap.
 *
 * How: {@link pageHtmlHandOver} is a Vite plugin that edits Astro's `renderPage`
 * (`astro/dist/runtime/server/render/page.js`) where it encodes a non-streamed page: when the
 * render runs inside {@link renderHandingOver}, the string goes to that render's slot and the
 * Response gets no body; otherwise Astro's code runs as it was. The slot is found through an
 * AsyncLocalStorage, so renders side by side (`build.concurrency` above 1) each get their own.
 * An Astro whose `renderPage` no longer has the edited lines builds as before (the plugin warns);
 * a test runs the edit on the installed Astro.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Where one render's page lands. */
interface Slot {
  html: string | undefined;
}

/** Found by the edited Astro code through the global symbol registry (it is bundled apart from this module). */
const SLOT_KEY = Symbol.for('keel.pageHtml');
const slots = new AsyncLocalStorage<Slot>();

/** Astro's lines for a non-streamed page: encode the string, set its length. */
const ENCODING = `	if (!streaming && typeof body === "string") {
		body = encoder.encode(body);
		headers.set("Content-Length", body.byteLength.toString());
	}`;

const HANDING_OVER = `	const keelSlot = globalThis[Symbol.for("keel.pageHtml")]?.getStore();
	if (!streaming && typeof body === "string" && keelSlot) {
		keelSlot.html = body;
		body = null;
	} else if (!streaming && typeof body === "string") {
		body = encoder.encode(body);
		headers.set("Content-Length", body.byteLength.toString());
	}`;

const PAGE_MODULE = /[\\/]astro[\\/]dist[\\/]runtime[\\/]server[\\/]render[\\/]page\.js$/;

/** Astro's `renderPage` with the hand-over, or undefined when its code is not what this edits. */
export function handOverPageHtml(code: string): string | undefined {
  return code.includes(ENCODING) ? code.replace(ENCODING, HANDING_OVER) : undefined;
}

/** The Vite plugin that edits Astro's `renderPage` (internal builds). */
export function pageHtmlHandOver() {
  return {
    name: 'keel:page-html',
    transform: {
      filter: { id: PAGE_MODULE },
      handler(this: { warn: (message: string) => void }, code: string, id: string) {
        if (!PAGE_MODULE.test(id)) return null;
        const edited = handOverPageHtml(code);
        if (edited === undefined) {
          this.warn(`keel: ${id} is not the renderPage Keel edits; pages are encoded by Astro (slower, same pages)`);
          return null;
        }
        return { code: edited, map: null };
      },
    },
  };
}

/**
 * Runs `render` (a page's render) with a slot for its HTML: the page's string when Astro handed
 * it over (the Response then has no body), else undefined (the Response holds the page).
 */
export async function renderHandingOver<T>(render: () => Promise<T>): Promise<{ result: T; html: string | undefined }> {
  (globalThis as Record<symbol, unknown>)[SLOT_KEY] ??= slots;
  const slot: Slot = { html: undefined };
  const result = await slots.run(slot, render);
  return { result, html: slot.html };
}
