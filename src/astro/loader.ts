/**
 * Content-collection loaders that reuse Keel's validated content index instead of reading
 * files a second time: the entries Astro stores are exactly the ones `keel validate` checked,
 * parsed by the same Zod schemas (src/kinds).
 */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { audience, contentDir } from '../core/env.ts';
import type { ContentIndex, DocumentEntry } from '../content/entry.ts';
import { PUBLIC_COLLECTIONS, type CollectionName } from '../kinds/index.ts';
import { markComponents } from '../projections/internal/retrospective.ts';
import { bodySanitizer } from './body-sanitizer.ts';
import { publishCollection } from './data-store.ts';
import { tolerateErrors, validateOnce } from './state.ts';

/** The validated index of the content folder this build uses (validated once per build). */
export async function loadIndex(root: string): Promise<ContentIndex> {
  const result = await validateOnce(contentDir(root));
  // The integration stops the build before content is synced when there are errors; this
  // is the safety net for `astro sync` or a loader called some other way. The dev server
  // renders the valid entries meanwhile and shows the errors in the terminal and the overlay.
  if (!result.ok && !tolerateErrors()) throw new Error(`content has ${result.summary.errors} errors: run keel validate`);
  return result.index;
}

/**
 * Whether this build may hold the collection at all. The public build keeps internal-only
 * collections empty, so no public page can render them even by mistake.
 */
export function collectionAllowed(name: CollectionName): boolean {
  return audience() === 'internal' || PUBLIC_COLLECTIONS.includes(name);
}

function filePathOf(context: LoaderContext, path: string): string {
  return relative(fileURLToPath(context.config.root), path).split(sep).join('/');
}

/**
 * Deletes what an earlier build cached and this one no longer has. Not `store.clear()`: any
 * clear or delete makes Astro rewrite `.astro/content-assets.mjs` through one fixed temporary
 * file name, and two builds of one project (the tests build side by side) then race on it.
 */
function dropStale(context: LoaderContext, kept: { has(id: string): boolean }): void {
  for (const id of context.store.keys()) if (!kept.has(id)) context.store.delete(id);
}

/** An MDX comment, `{/* … *\/}`. */
const MDX_COMMENT = /\{\/\*[\s\S]*?\*\/\}/g;

/** Loader of one Keel collection. */
export function keelLoader(name: CollectionName): Loader {
  return {
    name: 'keel',
    load: async (context) => {
      const entries = collectionAllowed(name) ? (await loadIndex(fileURLToPath(context.config.root))).collections[name] : [];
      const stored = new Map<string, unknown>();
      const internal = audience() === 'internal';
      const sanitizer = bodySanitizer(internal ? entries.filter((entry) => 'body' in entry).length : 0);
      const loaded: {
        entry: (typeof entries)[number];
        body: string | undefined;
        rendered: Awaited<ReturnType<LoaderContext['renderMarkdown']>> | undefined;
      }[] = [];
      const sanitized: Promise<void>[] = [];
      try {
        for (const entry of entries) {
          // The internal site shows a body rendered (a retrospective, a runbook) beside its source;
          // the public site shows no body (what it shows of an incident is its public block), so
          // its build does not hold them at all.
          const body = internal && 'body' in entry ? (entry as DocumentEntry<unknown>).body : undefined;
          // MDX is rendered as Markdown without its comments: components and expressions are not run.
          // Raw HTML passes through Astro's renderer: the result is sanitised (no script, handler or javascript: URL),
          // on a worker thread while the next bodies render (src/astro/body-sanitizer.ts).
          // The components it uses become marks the page replaces by their rendering (src/projections/internal/retrospective.ts).
          const components = (entry as DocumentEntry<unknown>).components ?? [];
          const markdown = body && entry.path.toLowerCase().endsWith('.mdx') ? markComponents(body, components).replace(MDX_COMMENT, '') : body;
          const rendered = markdown ? await context.renderMarkdown(markdown) : undefined;
          if (rendered) {
            const unsafe = rendered.html;
            rendered.html = '';
            sanitized.push(sanitizer.sanitize(unsafe).then((html) => void (rendered.html = html)));
          }
          loaded.push({ entry, body, rendered });
        }
        await Promise.all(sanitized);
      } finally {
        await sanitizer.close();
      }
      // Stored in the content's order, once every body is sanitised: the same store for the same content.
      for (const { entry, body, rendered } of loaded) {
        context.store.set({
          id: entry.id,
          // Already the output of this collection's schema (the validator parsed it): parsing
          // the data as written again (context.parseData) would only make a copy of it.
          data: entry.data,
          ...(body === undefined ? {} : { body }),
          ...(rendered === undefined ? {} : { rendered }),
          filePath: filePathOf(context, entry.path),
        });
        stored.set(entry.id, context.store.get(entry.id));
      }
      dropStale(context, stored);
      publishCollection(context.collection, stored);
    },
  };
}

/** Loader of the portal settings (`keel.yaml`): one entry, id `keel`. */
export function settingsLoader(): Loader {
  return {
    name: 'keel-settings',
    load: async (context) => {
      const index = await loadIndex(fileURLToPath(context.config.root));
      const settings = index.settings;
      if (settings) context.store.set({ id: 'keel', data: settings.data, filePath: filePathOf(context, settings.path) });
      dropStale(context, settings ? new Set(['keel']) : new Set());
      if (!settings) return publishCollection(context.collection, new Map());
      publishCollection(context.collection, new Map([['keel', context.store.get('keel')]]));
    },
  };
}
