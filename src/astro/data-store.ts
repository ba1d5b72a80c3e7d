/**
 * The content store read at run time instead of compiled into the build.
 *
 * Astro serialises every collection's entries (data, bodies, rendered HTML) into one file in
 * the cache folder, `data-store.json`, and by default inlines that file into the server bundle as
 * one string literal (the `astro:data-layer-content` module), which the build then bundles,
 * writes and compiles. On the 10,000-file corpus that string is 80 MiB: bundling it, and V8
 * compiling the module that holds it, were the largest single costs of the internal build
 * (README, "What a build costs and why"). This plugin loads the same module as a read of the
 * same file when the pages are generated, in the same process, right after the store was
 * written: the same value, without the copy in the bundle.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Astro's resolved id of the store's virtual module, and the file it is made from (in cacheDir). */
const DATA_STORE_MODULE = '\0astro:data-layer-content';
const DATA_STORE_FILE = 'data-store.json';

interface LoadHookThis {
  environment?: { config?: { consumer?: string } };
}

/** A Vite plugin (static builds only) that reads `<cacheDir>/data-store.json` when the pages are generated. */
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
        // The value Astro's own module has (devalue's flattened form, which Astro unflattens).
        return {
          code: `import { readFileSync } from 'node:fs';\nexport default JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));\n`,
        };
      },
    },
  };
}
