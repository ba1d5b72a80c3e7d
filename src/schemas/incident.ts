/**
 * An incident, for its whole life: the front matter of `content/incidents/<id>.md(x)`.
 * The Markdown body is the retrospective (internal); the `public` block is all the public
 * site ever shows of it.
 */
import { z } from 'zod';
import { CalendarDate, Id, ImpactLevel, IncidentImpact, IncidentUpdateStatus, Person, Severity, Text, Timestamp, Url } from './common.ts';

/** Key times in the order they must happen. */
export const KEY_TIMES = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;
/** @public The type of a valid entry, for code that reads this kind. */
export type KeyTime = (typeof KEY_TIMES)[number];

export const PublicUpdateSchema = z.strictObject({
  at: Timestamp.describe('When the update was posted.'),
  status: IncidentUpdateStatus.optional().describe(
    'Statuspage incident status at this update; leave it out for an update that does not change the status (the first update needs one).',
  ),
  body: Text.describe('The update as customers read it.'),
});

export const FollowUpSchema = z.strictObject({
  id: Text.describe('Tracker key or local id, e.g. "PLAT-1234".'),
  title: Text.describe('What will be done.'),
  owner: Person.optional().describe('Who is accountable; required while open once the retrospective is published.'),
  due: CalendarDate.optional().describe('Due date; required while open once the retrospective is published.'),
  status: z.enum(['open', 'in-progress', 'done', 'wont-do']).default('open').describe('Progress.'),
  type: z.enum(['prevent', 'mitigate', 'detect', 'process']).describe('What the action improves.'),
  priority: z.enum(['P0', 'P1', 'P2', 'P3']).optional().describe('Priority in the tracker.'),
  url: Url.optional().describe('Link to the tracker item.'),
});

export const IncidentSchema = z
  .strictObject({
    id: Id.optional().describe('Incident id; defaults to the file name.'),
    title: Text.describe('Internal title.'),
    severity: Severity.describe('Severity, SEV0 (worst) to SEV4.'),
    started: Timestamp.describe('When customer impact began.'),
    detected: Timestamp.optional().describe('When monitoring or a person noticed.'),
    acknowledged: Timestamp.optional().describe('When a responder took it on.'),
    mitigated: Timestamp.optional().describe('When customer impact stopped.'),
    resolved: Timestamp.optional().describe('When the incident was closed; absent while active.'),
    backfilled: z
      .boolean()
      .default(false)
      .describe(
        'Declared after the fact (Statuspage\'s backfilled): updates written after impact ended are accepted, cadence is not checked, and the public pages say "posted after the fact".',
      ),
    services: z.array(Id).default([]).describe('Ids of affected services (catalog ids); may be empty for a record that names none, e.g. an imported history.'),
    slos: z.array(Id).default([]).describe('Names of SLOs whose budget the incident consumed.'),
    runbooks: z.array(Id).default([]).describe('Ids of runbooks used during the response.'),
    detection: z.enum(['alert', 'customer', 'employee', 'synthetic', 'other']).optional().describe('How the incident was first detected.'),
    impact: z
      .array(
        z.strictObject({
          component: Text.describe('Status-page component name (as declared by a service).'),
          level: ImpactLevel.describe('Statuspage component status during the interval.'),
          from: Timestamp.describe('Start of this level of impact.'),
          to: Timestamp.optional().describe('End of this level of impact; absent while ongoing.'),
        }),
      )
      .default([])
      .describe('Impact per status-page component over time.'),
    public: z
      .strictObject({
        title: Text.describe('Title customers see.'),
        impact: IncidentImpact.optional().describe(
          "The incident's impact as customers are told it (Statuspage's incident impact: none, minor, major, critical); without it, derived from the worst component impact.",
        ),
        summary: Text.optional().describe('Customer statement: what happened, in plain words.'),
        customerImpact: Text.optional().describe('What customers experienced.'),
        notAffected: Text.optional().describe('What kept working.'),
        actions: z.array(Text).default([]).describe('What we are doing so it does not happen again.'),
        updates: z.array(PublicUpdateSchema).min(1).describe('Status updates as posted, oldest first.'),
      })
      .optional()
      .describe('Everything the public site shows; without it the incident stays internal.'),
    participants: z
      .strictObject({
        commander: Person.optional().describe('Incident commander.'),
        scribe: Person.optional().describe('Who kept the timeline.'),
        communications: Person.optional().describe('Who wrote the public updates.'),
        responders: z.array(Person).default([]).describe('Everyone else who helped.'),
      })
      .default({ responders: [] })
      .describe('Who took part, by role.'),
    contributingFactors: z
      .array(
        z.strictObject({
          category: z.enum(['technical', 'process', 'people', 'external']).describe('Kind of factor.'),
          description: Text.describe('The factor, without blame.'),
        }),
      )
      .default([])
      .describe('What made the incident possible or worse.'),
    followUps: z.array(FollowUpSchema).default([]).describe('Actions agreed in the retrospective.'),
    review: z
      .strictObject({
        status: z.enum(['draft', 'in-review', 'published']).describe('Retrospective state.'),
        date: CalendarDate.optional().describe('Day of the review meeting.'),
      })
      .default({ status: 'draft' })
      .describe('Retrospective review.'),
    tags: z.array(Text).default([]).describe('Free-form tags.'),
  })
  .describe('An incident and its retrospective.');

export type IncidentInput = z.input<typeof IncidentSchema>;
export type Incident = z.output<typeof IncidentSchema>;
/** @public The type of a valid entry, for code that reads this kind. */
export type PublicUpdate = z.output<typeof PublicUpdateSchema>;
