import { IncidentSchema } from '../schemas/incident.ts';
import { defineKind } from './kind.ts';

export const incidents = defineKind({
  name: 'incidents',
  label: 'incident',
  source: { format: 'markdown', folder: 'incidents' },
  schema: IncidentSchema,
  idPath: ['id'],
  title: (data) => data.title,
  audience: 'public',
  references: [
    { path: 'services[]', target: 'services' },
    { path: 'slos[]', target: 'slos' },
    { path: 'runbooks[]', target: 'runbooks' },
    { path: 'impact[].component', target: 'components' },
  ],
  jsonSchema: 'incident.schema.json',
});
