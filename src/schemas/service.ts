import { z } from 'zod';
import { Id, Person, Text } from './common.ts';

/** One entry of the service catalog (`content/services/<id>.yaml`). */
export const ServiceSchema = z
  .strictObject({
    id: Id.optional().describe('Service id; defaults to the file name. Incidents, SLOs and runbooks refer to it.'),
    name: Text.describe('Human name of the service.'),
    description: Text.optional().describe('What the service does, in a sentence or two.'),
    owner: Person.describe('Owning team or person.'),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('Criticality tier: 1 is customer-facing and critical, 3 is internal tooling.'),
    statusPage: z
      .union([
        z.strictObject({
          component: Text.describe('Component name shown on the public status page.'),
          group: Text.optional().describe('Component group on the status page, e.g. "Web app".'),
          description: Text.optional().describe('Public description of the component.'),
        }),
        z.literal(false),
      ])
      .describe('How the service appears on the public status page; `false` keeps it off the public site.'),
    dependsOn: z.array(Id).default([]).describe('Ids of services this one depends on.'),
    links: z
      .array(z.strictObject({ title: Text.describe('Link text.'), url: z.url().describe('Address.') }))
      .default([])
      .describe('Dashboards, repositories and documents about the service (internal only).'),
  })
  .describe('A service in the catalog.');

export type ServiceInput = z.input<typeof ServiceSchema>;
export type Service = z.output<typeof ServiceSchema>;
