/** `keel.yaml`, the portal settings: one file at the top of the content folder. */
import { SettingsSchema } from '../schemas/settings.ts';

export const SETTINGS = {
  file: 'keel.yaml',
  schema: SettingsSchema,
  jsonSchema: 'keel.schema.json',
} as const;
