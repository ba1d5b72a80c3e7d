/**
 * Every rule Keel has, sorted by id: the loader's and the schemas' (declared as data in
 * src/content/rules.ts and src/schemas/rules.ts), the blameless-language lint's (data in
 * src/lint/blameless.yaml) and the rule modules below, whose path is their id. docs/rules.md is generated from this list.
 */
import type { RuleMeta } from '../core/rule.ts';
import { LOADER_RULES } from '../content/rules.ts';
import { LINT_RULES } from '../lint/rules.ts';
import { SCHEMA_RULES } from '../schemas/rules.ts';
import concernReservedId from './concern/reserved-id.ts';
import experimentRunWindow from './experiment/run-window.ts';
import idDuplicate from './id/duplicate.ts';
import incidentDateSlip from './incident/date-slip.ts';
import incidentFirstUpdate from './incident/first-update.ts';
import incidentFollowUpOverdue from './incident/follow-up-overdue.ts';
import incidentFollowUpOwner from './incident/follow-up-owner.ts';
import incidentImpactService from './incident/impact-service.ts';
import incidentImpactWindow from './incident/impact-window.ts';
import incidentInternalImpact from './incident/internal-impact.ts';
import incidentKeyTimes from './incident/key-times.ts';
import incidentLastUpdate from './incident/last-update.ts';
import incidentMonthTypo from './incident/month-typo.ts';
import incidentPublicImpact from './incident/public-impact.ts';
import incidentRetrospectiveOverdue from './incident/retrospective-overdue.ts';
import incidentStaleUpdate from './incident/stale-update.ts';
import incidentTimeOrder from './incident/time-order.ts';
import incidentUpdateCadence from './incident/update-cadence.ts';
import incidentUpdateOrder from './incident/update-order.ts';
import incidentUpdateStatus from './incident/update-status.ts';
import incidentUpdateWindow from './incident/update-window.ts';
import maintenanceUpdateOrder from './maintenance/update-order.ts';
import maintenanceWindow from './maintenance/window.ts';
import mdxComponent from './mdx/component.ts';
import measurementFutureRow from './measurement/future-row.ts';
import measurementOrphan from './measurement/orphan.ts';
import measurementSliType from './measurement/sli-type.ts';
import opensloObjectiveOp from './openslo/objective-op.ts';
import opensloThresholdObjectives from './openslo/threshold-objectives.ts';
import policyIncidentP0 from './policy/incident-p0.ts';
import policyNoData from './policy/no-data.ts';
import policyStepOrder from './policy/step-order.ts';
import refUnknown from './ref/unknown.ts';
import retrospectiveContributingFactors from './retrospective/contributing-factors.ts';
import retrospectiveFollowUps from './retrospective/follow-ups.ts';
import retrospectiveSections from './retrospective/sections.ts';
import type { Rule } from './rule.ts';
import { RULE_FAILED } from './guard.ts';
import runbookDuplicateAlert from './runbook/duplicate-alert.ts';
import runbookReservedId from './runbook/reserved-id.ts';
import runbookReviewDate from './runbook/review-date.ts';
import runbookSections from './runbook/sections.ts';
import runbookStale from './runbook/stale.ts';
import serviceComponentId from './service/component-id.ts';
import serviceDependencyCycle from './service/dependency-cycle.ts';
import settingsRuleConfig from './settings/rule-config.ts';

/** The rule modules, sorted by id. */
export const RULE_MODULES: readonly Rule[] = [
  concernReservedId,
  experimentRunWindow,
  idDuplicate,
  incidentDateSlip,
  incidentFirstUpdate,
  incidentFollowUpOverdue,
  incidentFollowUpOwner,
  incidentImpactService,
  incidentImpactWindow,
  incidentInternalImpact,
  incidentKeyTimes,
  incidentLastUpdate,
  incidentMonthTypo,
  incidentPublicImpact,
  incidentRetrospectiveOverdue,
  incidentStaleUpdate,
  incidentTimeOrder,
  incidentUpdateCadence,
  incidentUpdateOrder,
  incidentUpdateStatus,
  incidentUpdateWindow,
  maintenanceUpdateOrder,
  maintenanceWindow,
  mdxComponent,
  measurementFutureRow,
  measurementOrphan,
  measurementSliType,
  opensloObjectiveOp,
  opensloThresholdObjectives,
  policyIncidentP0,
  policyNoData,
  policyStepOrder,
  refUnknown,
  retrospectiveContributingFactors,
  retrospectiveFollowUps,
  retrospectiveSections,
  runbookDuplicateAlert,
  runbookReservedId,
  runbookReviewDate,
  runbookSections,
  runbookStale,
  serviceComponentId,
  serviceDependencyCycle,
  settingsRuleConfig,
];

/** Every rule with the file that declares it, once per id (a module wins), sorted by id. */
export const DOCUMENTED_RULES: readonly { meta: RuleMeta; source: string }[] = [
  ...new Map(
    [
      ...LOADER_RULES.map((meta) => ({ meta, source: 'src/content/rules.ts' })),
      ...SCHEMA_RULES.map((meta) => ({ meta, source: 'src/schemas/rules.ts' })),
      ...LINT_RULES.map((meta) => ({ meta, source: 'src/lint/blameless.yaml' })),
      { meta: RULE_FAILED as RuleMeta, source: 'src/rules/guard.ts' },
      ...RULE_MODULES.map(({ meta }) => ({ meta, source: `src/rules/${meta.id}.ts` })),
    ].map((rule) => [rule.meta.id, rule]),
  ).values(),
].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));

/** Every rule's metadata, once per id, sorted by id. */
export const ALL_RULES: readonly RuleMeta[] = DOCUMENTED_RULES.map((rule) => rule.meta);
