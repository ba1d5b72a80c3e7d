import { ExperimentSchema } from '../schemas/experiment.ts';
import { defineKind } from './kind.ts';

export const experiments = defineKind({
  name: 'experiments',
  label: 'experiment',
  source: { format: 'markdown', folder: 'experiments' },
  schema: ExperimentSchema,
  idPath: ['id'],
  title: (data) => data.title,
  audience: 'internal',
  references: [
    { path: 'services[]', target: 'services' },
    { path: 'steadyState.slo', target: 'slos' },
  ],
  jsonSchema: 'experiment.schema.json',
});
