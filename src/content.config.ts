/**
 * Astro content collections: one per Keel collection, loaded from the index the validator
 * built and parsed by the same Zod schemas the CLI uses. `settings` holds keel.yaml (one
 * entry, id `keel`). Measurements are read by the domain code directly and have no collection.
 */
import { defineCollection } from 'astro/content/config';
import type { z } from 'zod';
import { keelLoader, settingsLoader } from './astro/loader.ts';
import { COLLECTION_NAMES, collectionSchema, SettingsSchema, type CollectionData, type CollectionName } from './content/kinds.ts';

function collection<C extends CollectionName>(name: C) {
  return defineCollection({ loader: keelLoader(name), schema: collectionSchema(name) as z.ZodType<CollectionData[C]> });
}

export const collections = {
  settings: defineCollection({ loader: settingsLoader(), schema: SettingsSchema }),
  ...(Object.fromEntries(COLLECTION_NAMES.map((name) => [name, collection(name)])) as {
    [C in CollectionName]: ReturnType<typeof collection<C>>;
  }),
};
