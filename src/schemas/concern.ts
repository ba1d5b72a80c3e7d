import { z } from 'zod';
import { addRuleIssue, CalendarDate, Id, Person, Text, Url } from './common.ts';
import { CONCERN_BEFORE_AFTER, CONCERN_DECISION, CONCERN_EPIC } from './rules.ts';

const Rating = z.enum(['low', 'medium', 'high']);

/** Front matter of `content/concerns/<id>.md`: an issue raised to the SRE council. */
export const ConcernSchema = z
  .strictObject({
    id: Id.optional().describe('Concern id; defaults to the file name.'),
    title: Text.describe('The concern in one line.'),
    raisedBy: Person.describe('Who raised it.'),
    raisedOn: CalendarDate.describe('When it was raised.'),
    status: z
      .enum(['raised', 'accepted', 'rejected', 'epic', 'in-progress', 'addressed'])
      .describe('Where it stands: raised → accepted/rejected → epic → in-progress → addressed.'),
    services: z.array(Id).default([]).describe('Ids of the services concerned.'),
    criteria: z
      .strictObject({
        whySre: Text.describe("Why this is the SRE council's business rather than one team's."),
        whyImportant: Text.describe('Why it matters now: customer or business risk.'),
        whatIsInvolved: Text.describe('What addressing it would take.'),
      })
      .describe('The three questions every concern answers.'),
    assessment: z
      .strictObject({
        value: Rating.describe('Value of addressing it.'),
        effort: Rating.describe('Effort to address it.'),
        complexity: Rating.describe('Technical complexity.'),
        risk: Rating.describe('Risk of leaving it as it is.'),
        blockers: z.array(Text).default([]).describe('What stands in the way.'),
        evidence: z
          .array(z.strictObject({ title: Text.describe('What the evidence is.'), url: Url.optional().describe('Where to see it.') }))
          .default([])
          .describe('Incidents, graphs, tickets that support the concern.'),
      })
      .optional()
      .describe("The council's assessment; required once the concern is decided."),
    decision: z
      .strictObject({
        outcome: z.enum(['accepted', 'rejected']).describe('What the council decided.'),
        date: CalendarDate.describe('When.'),
        rationale: Text.describe('Why.'),
      })
      .optional()
      .describe("The council's decision."),
    links: z
      .strictObject({
        epic: Url.optional().describe('The epic that addresses it.'),
        stories: z.array(Url).default([]).describe('Stories under the epic.'),
      })
      .default({ stories: [] })
      .describe('Where the work is tracked.'),
    slos: z.array(Id).default([]).describe('SLOs that measure whether it is addressed.'),
    incidents: z.array(Id).default([]).describe('Ids of the incidents it cites.'),
    beforeAfter: z
      .strictObject({
        before: Text.describe('How things were before.'),
        after: Text.optional().describe('How things are after; once addressed.'),
        changedOn: CalendarDate.optional().describe(
          "The day the change took effect: the measuring SLOs' attainment is compared over equal periods before and after it (default: the decision's date).",
        ),
      })
      .optional()
      .describe('The change the work made, in measurable terms.'),
  })
  .superRefine((concern, ctx) => {
    // The status tells where the concern is; the fields must tell the same story.
    const { status } = concern;
    if (status === 'raised') {
      if (concern.decision) {
        addRuleIssue(ctx, CONCERN_DECISION, 'decidedButRaised', { data: { outcome: concern.decision.outcome }, path: ['status'] });
      }
      return;
    }
    for (const field of ['assessment', 'decision'] as const) {
      if (concern[field] === undefined) {
        addRuleIssue(ctx, CONCERN_DECISION, field === 'decision' ? 'needsDecision' : 'needsAssessment', { data: { status }, path: ['status'] });
      }
    }
    const expected = status === 'rejected' ? 'rejected' : 'accepted';
    if (concern.decision && concern.decision.outcome !== expected) {
      addRuleIssue(ctx, CONCERN_DECISION, status === 'rejected' ? 'contradictsRejected' : 'contradictsAccepted', {
        data: { status, outcome: concern.decision.outcome },
        path: ['decision', 'outcome'],
      });
    }
    if ((status === 'epic' || status === 'in-progress' || status === 'addressed') && concern.links.epic === undefined) {
      addRuleIssue(ctx, CONCERN_EPIC, 'missing', { data: { status }, path: ['status'] });
    }
    if (status === 'addressed' && concern.beforeAfter?.after === undefined) {
      addRuleIssue(ctx, CONCERN_BEFORE_AFTER, 'missing', { path: ['status'] });
    }
  })
  .describe('An SRE-council concern.');

/** @public The type of a valid entry, for code that reads this kind. */
export type Concern = z.output<typeof ConcernSchema>;
