/**
 * Astro content collections: one per Keel kind (src/kinds), loaded from the index the
 * validator built and parsed by the same Zod schemas the CLI uses. `settings` holds keel.yaml
 * (one entry, id `keel`). Measurements are read by the domain code directly and have no collection.
 */
import { defineCollection } from 'astro/content/config';
import type { z } from 'zod';
import { keelLoader, settingsLoader } from './astro/loader.ts';
import { COLLECTION_NAMES, kindOf, SETTINGS, type CollectionData, type CollectionName } from './kinds/index.ts';

function collection<C extends CollectionName>(name: C) {
  return defineCollection({ loader: keelLoader(name), schema: kindOf(name).schema as unknown as z.ZodType<CollectionData[C]> });
}

export const collections = {
  settings: defineCollection({ loader: settingsLoader(), schema: SETTINGS.schema }),
  ...(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, collection(name)])) as {
    [C in CollectionName]: ReturnType<typeof collection<C>>;
  }),
};
