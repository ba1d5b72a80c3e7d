import { z } from 'zod';
import { CalendarDate, Id, Person, Severity, Text } from './common.ts';

/** Body sections every runbook has, as `##` headings, in this order. */
export const RUNBOOK_SECTIONS = ['Meaning', 'Impact', 'Diagnosis', 'Mitigation'] as const;

/** Front matter of `content/runbooks/<id>.md(x)`; the body holds the sections above. */
export const RunbookSchema = z
  .strictObject({
    id: Id.optional().describe('Runbook id; defaults to the file name.'),
    title: Text.describe('Title, usually the alert or symptom.'),
    services: z.array(Id).min(1).describe('Ids of the services it applies to.'),
    alerts: z.array(Text).default([]).describe('Alert names this runbook handles, as the alerting system names them.'),
    owner: Person.describe('Team or person who keeps it current.'),
    lastReviewed: CalendarDate.describe('Day it was last checked against reality.'),
    severity: z
      .strictObject({
        default: Severity.describe('Severity to declare when in doubt.'),
        guidance: Text.optional().describe('When to raise or lower it.'),
      })
      .optional()
      .describe('Severity guidance for incidents this runbook handles.'),
    tags: z.array(Text).default([]).describe('Free-form tags for search.'),
  })
  .describe('A runbook.');

/** @public The type of a valid entry, for code that reads this kind. */
export type Runbook = z.output<typeof RunbookSchema>;
