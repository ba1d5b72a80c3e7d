import { ServiceSchema } from '../schemas/service.ts';
import { defineKind } from './kind.ts';

export const services = defineKind({
  name: 'services',
  label: 'service',
  source: { format: 'yaml', folder: 'services' },
  schema: ServiceSchema,
  idPath: ['id'],
  title: (data) => data.name,
  audience: 'public',
  references: [{ path: 'dependsOn[]', target: 'services' }],
  jsonSchema: 'service.schema.json',
});
