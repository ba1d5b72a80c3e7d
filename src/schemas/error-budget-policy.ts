/**
 * Keel's own `keel/v1` ErrorBudgetPolicy: what a team agreed to do as an SLO's error budget
 * runs down. Lives beside the OpenSLO documents in content/slos/.
 */
import { z } from 'zod';
import { didYouMean } from '../core/suggest.ts';
import { addRuleIssue, Duration, Id, Text } from './common.ts';
import { MetadataSchema } from './openslo.ts';
import { POLICY_ACTION, POLICY_STEP_CONDITION } from './rules.ts';

export const KEEL_API_VERSION = 'keel/v1';

/** What a freeze stops: every release but fixes, feature releases, or every change. */
export const FREEZE_SCOPES = ['releases', 'features', 'all'] as const;
export type FreezeScope = (typeof FREEZE_SCOPES)[number];

/** The structured actions, by their key: what CI (keel policy check) and the rules can act on. */
const ACTION_KEYS = ['freeze', 'pager', 'require'] as const;

/**
 * A structured action: one of `{ freeze, services? }`, `{ pager: developers }`,
 * `{ require: retrospective-p0 }`. Read loosely so that an unknown key is policy/action's
 * finding (with the known actions as the hint), not a bare "unknown field".
 */
const StructuredActionSchema = z
  .looseObject({
    freeze: z
      .enum(FREEZE_SCOPES)
      .optional()
      .describe(
        'A freeze while the step holds: releases (nothing ships but fixes and reverts), features (feature releases stop; fixes and non-feature changes ship) or all (no change at all). keel policy check exits 1 while one covers the service.',
      ),
    services: z
      .array(Id)
      .min(1)
      .optional()
      .describe("With freeze: ids of the services (the catalog's) the freeze covers; default: the service of the SLO the policy is evaluated for."),
    pager: z
      .literal('developers')
      .optional()
      .describe('developers: the pager goes back to the development team while the step holds (the SRE practice when the budget is exhausted).'),
    require: z
      .literal('retrospective-p0')
      .optional()
      .describe("retrospective-p0: an incident's retrospective needs at least one P0 follow-up (the SRE Workbook's rule; policy/incident-p0 checks it)."),
  })
  .superRefine((value: unknown, ctx) => {
    const action = value as Record<string, unknown>;
    const keys = Object.keys(action);
    const known = keys.filter((k): k is (typeof ACTION_KEYS)[number] => (ACTION_KEYS as readonly string[]).includes(k));
    for (const key of keys) {
      if (known.includes(key as (typeof ACTION_KEYS)[number]) || key === 'services') continue;
      const near = didYouMean(key, [...ACTION_KEYS, 'services']);
      addRuleIssue(ctx, POLICY_ACTION, 'unknown', { data: { key, near: near ? `did you mean "${near}"? ` : '' }, path: [key], at: 'key' });
    }
    if (known.length === 0 && keys.length === 0) addRuleIssue(ctx, POLICY_ACTION, 'empty');
    if (known.length > 1) addRuleIssue(ctx, POLICY_ACTION, 'several', { data: { keys: known.join(', ') } });
    if ('services' in action && !('freeze' in action)) addRuleIssue(ctx, POLICY_ACTION, 'servicesWithoutFreeze', { path: ['services'], at: 'key' });
  })
  .transform((action): StructuredAction => {
    if (action.freeze !== undefined) return { freeze: action.freeze, ...(action.services ? { services: action.services } : {}) };
    if (action.pager !== undefined) return { pager: action.pager };
    return { require: action.require! };
  });

export type FreezeAction = { freeze: FreezeScope; services?: string[] };
export type StructuredAction = FreezeAction | { pager: 'developers' } | { require: 'retrospective-p0' };
/** A step's action: free text, or a structured action CI can act on. */
export type PolicyAction = string | StructuredAction;

const PolicyActionSchema = z
  .union([Text, StructuredActionSchema])
  .describe(
    'Free text ("The team lead reports to the SRE council"), or a structured action: { freeze: releases | features | all, services: [ids] }, { pager: developers } or { require: retrospective-p0 }.',
  );

const PolicyStepSchema = z
  .strictObject({
    name: Text.describe('Name of the step, e.g. "Budget at risk".'),
    when: z
      .strictObject({
        remainingBudgetBelow: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe('Holds while the remaining error budget (a fraction, 1 = untouched) is below this; 0 means overspent.'),
        burnRate: z
          .strictObject({
            above: z.number().positive().describe('Burn rate (1 = spending exactly the budget over the window) that must be exceeded.'),
            window: Duration.describe('Look-back window over which the burn rate is measured, e.g. 1h or 6h.'),
          })
          .optional()
          .describe('Holds while the burn rate over window is above the threshold.'),
        incidentConsumedAbove: z
          .union([
            z.number().min(0).max(1),
            z.strictObject({
              share: z.number().min(0).max(1).describe("Share of a full period's error budget, e.g. 0.2."),
              of: Duration.optional().describe("The period whose full budget the share is of, e.g. 4w (Google's rule); default: the SLO's window."),
            }),
          ])
          .optional()
          .describe(
            "Holds while one incident naming the SLO, whose impact ended in the current SLO window (or the `of` period), has consumed more than this share of a full period's error budget (0.2: the SRE Workbook rule that such an incident needs a retrospective with a P0 follow-up). A number, or { share, of }.",
          ),
      })
      .superRefine((when, ctx) => {
        if (when.remainingBudgetBelow === undefined && when.burnRate === undefined && when.incidentConsumedAbove === undefined) {
          addRuleIssue(ctx, POLICY_STEP_CONDITION, 'missing');
        }
      })
      .describe('The condition; with several fields, all must hold.'),
    actions: z
      .array(PolicyActionSchema)
      .min(1)
      .describe(
        'What is in force while the step holds: free text, or structured actions (freeze, pager, require) that keel policy check and the rules act on.',
      ),
  })
  .describe('One step of the policy.');

/** An error-budget policy governing one or more SLOs. */
export const ErrorBudgetPolicySchema = z.strictObject({
  apiVersion: z.literal(KEEL_API_VERSION).describe('Always keel/v1.'),
  kind: z.literal('ErrorBudgetPolicy'),
  metadata: MetadataSchema,
  spec: z.strictObject({
    description: Text.optional().describe('Why the policy exists and who agreed to it.'),
    slos: z.array(Id).min(1).describe('Names of the SLOs the policy governs.'),
    approvers: z.array(Text).default([]).describe('Who signed the policy.'),
    steps: z.array(PolicyStepSchema).min(1).describe('Steps from mildest to most severe; every step that holds is in force, the last one names the state.'),
  }),
});

export type ErrorBudgetPolicy = z.output<typeof ErrorBudgetPolicySchema>;
