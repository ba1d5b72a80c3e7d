/** The OpenSLO v1 kinds, documents of content/slos/ (https://github.com/OpenSLO/OpenSLO). */
import {
  AlertConditionSchema,
  AlertNotificationTargetSchema,
  AlertPolicySchema,
  DataSourceSchema,
  OPENSLO_API_VERSION,
  ServiceObjectSchema,
  SLISchema,
  SLOSchema,
} from '../schemas/openslo.ts';
import { defineKind, type Reference } from './kind.ts';

const document = (kind: string) => ({ format: 'document', folder: 'slos', apiVersion: OPENSLO_API_VERSION, kind }) as const;
const idPath = ['metadata', 'name'] as const;
const displayName = (data: { metadata: { displayName?: string | undefined } }) => data.metadata.displayName;
const jsonSchema = 'openslo.schema.json';

/** References from an SLI spec at `sliSpec` to DataSource objects. */
function metricSourceRefs<P extends string>(sliSpec: P) {
  return ['thresholdMetric', 'ratioMetric.good', 'ratioMetric.bad', 'ratioMetric.total', 'ratioMetric.raw'].map((metric) => ({
    path: `${sliSpec}.${metric}.metricSource.metricSourceRef`,
    target: 'dataSources' as const,
  })) satisfies Reference[];
}

export const slos = defineKind({
  name: 'slos',
  label: 'SLO',
  source: document('SLO'),
  schema: SLOSchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [
    { path: 'spec.service', target: 'services' },
    { path: 'spec.indicatorRef', target: 'slis' },
    { path: 'spec.objectives[].indicatorRef', target: 'slis' },
    { path: 'spec.alertPolicies[].alertPolicyRef', target: 'alertPolicies' },
    { path: 'spec.alertPolicies[].spec.conditions[].conditionRef', target: 'alertConditions' },
    { path: 'spec.alertPolicies[].spec.notificationTargets[].targetRef', target: 'notificationTargets' },
    ...metricSourceRefs('spec.indicator.spec'),
  ],
  jsonSchema,
});

export const slis = defineKind({
  name: 'slis',
  label: 'SLI',
  source: document('SLI'),
  schema: SLISchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: metricSourceRefs('spec'),
  jsonSchema,
});

export const openSloServices = defineKind({
  name: 'openSloServices',
  label: 'OpenSLO Service',
  source: document('Service'),
  schema: ServiceObjectSchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [{ path: 'metadata.name', target: 'services' }],
  jsonSchema,
});

export const dataSources = defineKind({
  name: 'dataSources',
  label: 'DataSource',
  source: document('DataSource'),
  schema: DataSourceSchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [],
  jsonSchema,
});

export const alertPolicies = defineKind({
  name: 'alertPolicies',
  label: 'AlertPolicy',
  source: document('AlertPolicy'),
  schema: AlertPolicySchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [
    { path: 'spec.conditions[].conditionRef', target: 'alertConditions' },
    { path: 'spec.notificationTargets[].targetRef', target: 'notificationTargets' },
  ],
  jsonSchema,
});

export const alertConditions = defineKind({
  name: 'alertConditions',
  label: 'AlertCondition',
  source: document('AlertCondition'),
  schema: AlertConditionSchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [],
  jsonSchema,
});

export const notificationTargets = defineKind({
  name: 'notificationTargets',
  label: 'AlertNotificationTarget',
  source: document('AlertNotificationTarget'),
  schema: AlertNotificationTargetSchema,
  idPath,
  title: displayName,
  audience: 'internal',
  references: [],
  jsonSchema,
});
