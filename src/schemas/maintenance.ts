import { z } from 'zod';
import { Id, MaintenanceUpdateStatus, Text, Timestamp } from './common.ts';

/** A scheduled maintenance window (`content/maintenance/<id>.yaml`); public by nature. */
export const MaintenanceSchema = z
  .strictObject({
    id: Id.optional().describe('Maintenance id; defaults to the file name.'),
    title: Text.describe('Title customers see.'),
    description: Text.describe('What will happen and what customers will notice.'),
    components: z.array(Text).default([]).describe('Status-page components affected (as declared by services); none for a maintenance announced without one.'),
    scheduled: z
      .strictObject({
        from: Timestamp.describe('Start of the window.'),
        to: Timestamp.describe('End of the window.'),
      })
      .describe('The announced window.'),
    updates: z
      .array(
        z.strictObject({
          at: Timestamp.describe('When the update was posted.'),
          status: MaintenanceUpdateStatus.describe('Statuspage maintenance status at this update.'),
          body: Text.describe('The update as customers read it.'),
        }),
      )
      .min(1)
      .describe('Updates as posted, oldest first; the first is usually "scheduled".'),
  })
  .describe('A scheduled maintenance.');

/** @public The type of a valid entry, for code that reads this kind. */
export type Maintenance = z.output<typeof MaintenanceSchema>;
