/**
 * Keel's own `keel/v1` ErrorBudgetPolicy: what a team agreed to do as an SLO's error budget
 * runs down. Lives beside the OpenSLO documents in content/slos/.
 */
import { z } from 'zod';
import { addRuleIssue, Duration, Id, Text } from './common.ts';
import { MetadataSchema } from './openslo.ts';
import { POLICY_STEP_CONDITION } from './rules.ts';

export const KEEL_API_VERSION = 'keel/v1';

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
    actions: z.array(Text).min(1).describe('What is in force while the step holds, e.g. "freeze feature releases".'),
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
