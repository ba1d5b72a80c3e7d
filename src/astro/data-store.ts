/**
 * The content store handed to the pages as it is in memory, instead of compiled into the build.
 *
 * Astro serialises every collection's entries (data, bodies, rendered HTML) into one file in
 * the cache folder, `data-store.json`, and by default inlines that file into the server bundle
 * as one string literal (the `astro:data-layer-content` module), which the build then bundles,
 * writes, compiles and parses into a second copy of every entry when the pages are generated.
 * On the 10,000-file corpus that string is 80 MiB: bundling and compiling it were the largest
 * single costs of the internal build, and the second copy a large share of its peak memory
 * (README, "What a build costs and why").
 *
 * A static build generates its pages in the process that loaded the collections. So Keel's
 * loaders publish each collection's stored entries (the very objects Astro's store holds) here,
 * and the module becomes a read of that: the same entries, no copy. Where nothing was published
 * (the module evaluated in another process), the module reads the file Astro wrote instead.
 *
 * Like src/astro/state.ts, the published entries live on `globalThis`: the loaders run through
 * Vite's module runner, the pages from the built bundle, the integration natively.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Astro's resolved id of the store's virtual module, and the file it is made from (in cacheDir). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
const DATA_STORE_FILE = 'data-store.json';

const KEY = Symbol.for('keel.content-store');

/** Collection name → entry id → the entry as Astro's store holds it. */
type LiveStore = Map<string, Map<string, unknown>>;

function liveStore(): LiveStore {
  const g = globalThis as typeof globalThis & { [KEY]?: LiveStore };
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Forgets what an earlier build in this process published (the integration, before loading). */
export function resetPublishedCollections(): void {
  liveStore().clear();
}

/** Publishes one collection's stored entries for the pages of this build (its loader, after loading). */
export function publishCollection(name: string, entries: Map<string, unknown>): void {
  liveStore().set(name, entries);
}

interface LoadHookThis {
  environment?: { config?: { consumer?: string } };
}

/** A Vite plugin (static builds only) that gives the pages the published entries, or else `<cacheDir>/data-store.json` read at run time. */
export function dataStoreAtRuntime(cacheDir: string): {
  name: string;
  enforce: 'pre';
  load: { order: 'pre'; filter: { id: RegExp }; handler: (this: LoadHookThis, id: string) => { code: string } | undefined };
} {
  const file = join(cacheDir, DATA_STORE_FILE);
  return {
    name: 'keel:data-store-at-runtime',
    enforce: 'pre',
    // Astro's own plugin for the module is `enforce: 'pre'` too and comes first: the hook's order wins.
    load: {
      order: 'pre',
      filter: { id: /^\0astro:data-layer-content$/ },
      handler(id) {
        // Not in the browser's bundle, and not when the store is empty (Astro writes no file).
        if (id !== DATA_STORE_MODULE || this.environment?.config?.consumer === 'client' || !existsSync(file)) return undefined;
        // A Map of Maps (Astro uses it as it is) or devalue's flattened form (Astro unflattens it).
        return {
          code: [
            "import { readFileSync } from 'node:fs';",
            `const published = globalThis[Symbol.for(${JSON.stringify(KEY.description)})];`,
            `export default published?.size > 0 ? published : JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));`,
            '',
          ].join('\n'),
        };
      },
    },
  };
}
