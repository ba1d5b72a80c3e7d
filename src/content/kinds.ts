/**
 * Which file in content/ holds which kind, and the schema each kind is parsed with.
 * The CLI, the Astro collections and the JSON Schema export all read this one table.
 */
import type { z } from 'zod';
import { ConcernSchema, type Concern } from '../schemas/concern.ts';
import { ErrorBudgetPolicySchema, type ErrorBudgetPolicy } from '../schemas/error-budget-policy.ts';
import { ExperimentSchema, type Experiment } from '../schemas/experiment.ts';
import { IncidentSchema, type Incident } from '../schemas/incident.ts';
import { MaintenanceSchema, type Maintenance } from '../schemas/maintenance.ts';
import {
  AlertConditionSchema,
  AlertNotificationTargetSchema,
  AlertPolicySchema,
  DataSourceSchema,
  ServiceObjectSchema,
  SLISchema,
  SLOSchema,
} from '../schemas/openslo.ts';
import { RunbookSchema, type Runbook } from '../schemas/runbook.ts';
import { ServiceSchema, type Service } from '../schemas/service.ts';
import { SettingsSchema, type Settings } from '../schemas/settings.ts';

/** Kinds kept one per YAML file or per Markdown file, by folder. */
export const FOLDER_KINDS = {
  services: { folder: 'services', format: 'yaml', schema: ServiceSchema },
  maintenance: { folder: 'maintenance', format: 'yaml', schema: MaintenanceSchema },
  incidents: { folder: 'incidents', format: 'markdown', schema: IncidentSchema },
  runbooks: { folder: 'runbooks', format: 'markdown', schema: RunbookSchema },
  concerns: { folder: 'concerns', format: 'markdown', schema: ConcernSchema },
  experiments: { folder: 'experiments', format: 'markdown', schema: ExperimentSchema },
} as const;

/** Documents in content/slos/, by `apiVersion` and `kind`. */
export const SLO_FOLDER_KINDS = {
  'openslo/v1': {
    SLO: { collection: 'slos', schema: SLOSchema },
    SLI: { collection: 'slis', schema: SLISchema },
    Service: { collection: 'openSloServices', schema: ServiceObjectSchema },
    DataSource: { collection: 'dataSources', schema: DataSourceSchema },
    AlertPolicy: { collection: 'alertPolicies', schema: AlertPolicySchema },
    AlertCondition: { collection: 'alertConditions', schema: AlertConditionSchema },
    AlertNotificationTarget: { collection: 'notificationTargets', schema: AlertNotificationTargetSchema },
  },
  'keel/v1': {
    ErrorBudgetPolicy: { collection: 'errorBudgetPolicies', schema: ErrorBudgetPolicySchema },
  },
} as const;

export const SETTINGS_FILE = 'keel.yaml';
export const SLO_FOLDER = 'slos';
export const MEASUREMENT_FOLDER = 'measurements';
export const YAML_EXTENSIONS = ['.yaml', '.yml'];
export const MARKDOWN_EXTENSIONS = ['.md', '.mdx'];
/** Files at the top of content/ that are documentation for authors, not content. */
export const IGNORED_TOP_LEVEL = ['README.md'];

export type CollectionName =
  | keyof typeof FOLDER_KINDS
  | {
      [V in keyof typeof SLO_FOLDER_KINDS]: (typeof SLO_FOLDER_KINDS)[V][keyof (typeof SLO_FOLDER_KINDS)[V]] extends { collection: infer C } ? C : never;
    }[keyof typeof SLO_FOLDER_KINDS];

/** The output type of each collection's schema. */
export interface CollectionData {
  services: Service;
  maintenance: Maintenance;
  incidents: Incident;
  runbooks: Runbook;
  concerns: Concern;
  experiments: Experiment;
  slos: z.output<typeof SLOSchema>;
  slis: z.output<typeof SLISchema>;
  openSloServices: z.output<typeof ServiceObjectSchema>;
  dataSources: z.output<typeof DataSourceSchema>;
  alertPolicies: z.output<typeof AlertPolicySchema>;
  alertConditions: z.output<typeof AlertConditionSchema>;
  notificationTargets: z.output<typeof AlertNotificationTargetSchema>;
  errorBudgetPolicies: ErrorBudgetPolicy;
}

export const COLLECTION_NAMES = [
  ...Object.keys(FOLDER_KINDS),
  ...Object.values(SLO_FOLDER_KINDS).flatMap((kinds) => Object.values(kinds).map((k) => k.collection)),
] as CollectionName[];

/** The schema of each collection, for Astro's content collections and JSON Schema export. */
export function collectionSchema(name: CollectionName): z.ZodType {
  if (name in FOLDER_KINDS) return FOLDER_KINDS[name as keyof typeof FOLDER_KINDS].schema as unknown as z.ZodType;
  for (const kinds of Object.values(SLO_FOLDER_KINDS)) {
    for (const kind of Object.values(kinds)) if (kind.collection === name) return kind.schema as unknown as z.ZodType;
  }
  throw new Error(`unknown collection ${name}`);
}

export { SettingsSchema, type Settings };
