/**
 * Astro content collections: one per Keel collection, loaded from the index the validator
 * built and parsed by the same Zod schemas the CLI uses. `settings` holds keel.yaml.
 * Measurements are read by the domain code directly and have no collection.
 */
import { defineCollection } from 'astro/content/config';
import { keelLoader, settingsLoader } from './astro/loader.ts';
import { COLLECTION_NAMES, collectionSchema, SettingsSchema } from './content/kinds.ts';

export const collections = {
  settings: defineCollection({ loader: settingsLoader(), schema: SettingsSchema }),
  ...Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, defineCollection({ loader: keelLoader(name), schema: collectionSchema(name) })]),
  ),
};
