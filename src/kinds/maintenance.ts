import { MaintenanceSchema } from '../schemas/maintenance.ts';
import { defineKind } from './kind.ts';

export const maintenance = defineKind({
  name: 'maintenance',
  label: 'maintenance',
  source: { format: 'yaml', folder: 'maintenance' },
  schema: MaintenanceSchema,
  idPath: ['id'],
  title: (data) => data.title,
  audience: 'public',
  references: [{ path: 'components[]', target: 'components' }],
  jsonSchema: 'maintenance.schema.json',
});
