/**
 * The sections of a retrospective (an incident's Markdown body), as `##` headings: the seven
 * elements of REFERENCE.md's retrospective practice, then two kept for learning. Each lists the
 * headings other teams' templates give it (`aliases`): a retrospective written from those
 * passes as it is. `keel new incident` writes the configured sections as the template;
 * `retrospective/sections` checks them (keel.yaml `retrospective.requiredSections`, default:
 * the seven with their aliases).
 */
export interface RetrospectiveSection {
  heading: string;
  /** What the section holds: the template's guidance comment. */
  guidance: string;
  /** Headings other templates give the same section (Google's, PagerDuty's, Atlassian's, GitLab's). */
  aliases?: readonly string[];
}

export const RETROSPECTIVE_SECTIONS = [
  {
    heading: 'Messages to stakeholders',
    aliases: ['Summary', 'Executive summary', 'Incident summary', 'Overview', 'Customer impact', 'Impact'],
    guidance: 'What happened, the impact and what is being done, in plain words for leadership and support.',
  },
  {
    heading: 'Monitoring context',
    aliases: ['Detection', 'Monitoring', 'How we detected it', 'Detection and response'],
    guidance: 'What the dashboards and alerts showed, which fired, which did not, and how the incident was detected.',
  },
  {
    heading: 'Communication timeline',
    aliases: ['Timeline', 'Incident timeline', 'Communications', 'Communication'],
    guidance: 'When customers, support and stakeholders were told what, and through which channel.',
  },
  {
    heading: 'Contributing factors',
    aliases: ['Root cause', 'Root causes', 'Root cause analysis', 'Causes', 'Cause', 'Trigger', 'Why it happened', 'What went wrong'],
    guidance: 'The conditions that together made the incident possible or worse (technical, process, external). Not a root cause, not a person.',
  },
  {
    heading: 'Technical analysis',
    aliases: ['Analysis', 'Technical details', 'Technical summary', 'Investigation', 'Details'],
    guidance: 'How the system behaved and why, with graphs, logs and queries.',
  },
  {
    heading: 'Follow-up actions',
    aliases: [
      'Action items',
      'Next steps',
      'Remediation',
      'Remediations',
      'Corrective actions',
      'Follow-ups',
      'Follow-up',
      'Preventive actions',
      'What we are doing',
    ],
    guidance: 'The actions agreed, each also listed under followUps: in the front matter with an owner and a due date.',
  },
  {
    heading: 'Narrative',
    aliases: ['What happened', 'Incident description', 'Description', 'Background', 'Story'],
    guidance: 'The story of the response as the responders lived it: what they saw, what they knew then, what they decided.',
  },
] as const satisfies readonly RetrospectiveSection[];

export const RETROSPECTIVE_EXTRA_SECTIONS = [
  { heading: 'What went well', guidance: 'What worked in the response and should be kept.' },
  { heading: 'Where we got lucky', guidance: 'What limited the damage by chance rather than by design.' },
] as const satisfies readonly RetrospectiveSection[];
