import { ConcernSchema } from '../schemas/concern.ts';
import { defineKind } from './kind.ts';

export const concerns = defineKind({
  name: 'concerns',
  label: 'concern',
  source: { format: 'markdown', folder: 'concerns' },
  schema: ConcernSchema,
  idPath: ['id'],
  title: (data) => data.title,
  audience: 'internal',
  references: [
    { path: 'services[]', target: 'services' },
    { path: 'slos[]', target: 'slos' },
    { path: 'incidents[]', target: 'incidents' },
  ],
  jsonSchema: 'concern.schema.json',
});
