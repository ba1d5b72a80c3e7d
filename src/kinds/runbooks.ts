import { RunbookSchema } from '../schemas/runbook.ts';
import { defineKind } from './kind.ts';

export const runbooks = defineKind({
  name: 'runbooks',
  label: 'runbook',
  source: { format: 'markdown', folder: 'runbooks' },
  schema: RunbookSchema,
  idPath: ['id'],
  title: (data) => data.title,
  audience: 'internal',
  references: [{ path: 'services[]', target: 'services' }],
  jsonSchema: 'runbook.schema.json',
});
