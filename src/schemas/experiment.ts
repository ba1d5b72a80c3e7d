import { z } from 'zod';
import { addRuleIssue, Duration, Id, Person, Text, Timestamp } from './common.ts';
import { EXPERIMENT_RESULTS } from './rules.ts';
import { FollowUpSchema } from './incident.ts';

/** Front matter of `content/experiments/<id>.md`: one chaos or game-day experiment. */
export const ExperimentSchema = z
  .strictObject({
    id: Id.optional().describe('Experiment id; defaults to the file name.'),
    title: Text.describe('What is being tried.'),
    gameDay: Text.describe('The game day it belongs to, e.g. "2026-q3-chaos-day".'),
    status: z.enum(['planned', 'executed', 'aborted']).describe('Whether it has run.'),
    services: z.array(Id).min(1).describe('Ids of the services under test.'),
    hypothesis: Text.describe('What we expect to stay true while the fault is injected.'),
    steadyState: z
      .strictObject({
        slo: Id.describe('The SLO that defines normal.'),
        description: Text.optional().describe('Steady state in words.'),
      })
      .describe('How we know the system is healthy.'),
    method: Text.describe('The fault and how it is injected.'),
    blastRadius: Text.describe('Who and what could be affected, and how it is contained.'),
    backOutPlan: Text.describe('How to stop the experiment and restore service.'),
    roles: z
      .strictObject({
        driver: Person.describe('Runs the fault injection.'),
        recorder: Person.describe('Keeps the timeline.'),
        commander: Person.describe('Can call it off.'),
      })
      .describe('Who does what.'),
    riskPoll: z
      .array(z.strictObject({ participant: Person.describe('Who answered.'), risk: z.enum(['low', 'medium', 'high']).describe('Their estimate.') }))
      .default([])
      .describe("Participants' risk estimates before the run."),
    executedAt: Timestamp.optional().describe('When it ran.'),
    endedAt: Timestamp.optional().describe(
      'When the fault was removed; the steady state is checked from executedAt to here (default: the hour from executedAt).',
    ),
    targets: z
      .strictObject({
        timeToKnow: Duration.optional().describe('Longest acceptable time until the team knows something is wrong.'),
        timeToDetection: Duration.optional().describe('Longest acceptable time until monitoring detects it.'),
      })
      .optional()
      .describe('What the hypothesis expects of detection; results are compared with it.'),
    results: z
      .strictObject({
        timeToKnow: Duration.describe('Time until the team knew something was wrong.'),
        timeToDetection: Duration.describe('Time until monitoring detected it.'),
        blackBoxAlertsFired: z.boolean().describe('Whether black-box (customer-view) alerts fired.'),
        hypothesisHeld: z.boolean().describe('Whether the hypothesis held.'),
      })
      .optional()
      .describe('What was measured; once executed.'),
    findings: z.array(Text).default([]).describe('What was learned.'),
    followUps: z.array(FollowUpSchema).default([]).describe('Actions agreed afterwards.'),
  })
  .superRefine((experiment, ctx) => {
    if (experiment.status === 'executed' && (experiment.executedAt === undefined || experiment.results === undefined)) {
      addRuleIssue(ctx, EXPERIMENT_RESULTS, 'missing', { path: ['status'] });
    }
  })
  .describe('A chaos experiment.');

/** @public The type of a valid entry, for code that reads this kind. */
export type Experiment = z.output<typeof ExperimentSchema>;
