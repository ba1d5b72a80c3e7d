import { ErrorBudgetPolicySchema, KEEL_API_VERSION } from '../schemas/error-budget-policy.ts';
import { defineKind } from './kind.ts';

export const errorBudgetPolicies = defineKind({
  name: 'errorBudgetPolicies',
  label: 'ErrorBudgetPolicy',
  source: { format: 'document', folder: 'slos', apiVersion: KEEL_API_VERSION, kind: 'ErrorBudgetPolicy' },
  schema: ErrorBudgetPolicySchema,
  idPath: ['metadata', 'name'],
  title: (data) => data.metadata.displayName,
  audience: 'internal',
  references: [
    { path: 'spec.slos[]', target: 'slos' },
    { path: 'spec.steps[].actions[].services[]', target: 'services' },
  ],
  jsonSchema: 'openslo.schema.json',
});
