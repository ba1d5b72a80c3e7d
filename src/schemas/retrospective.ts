/**
 * The sections of a retrospective (an incident's Markdown body), as `##` headings: the seven
 * elements of REFERENCE.md's retrospective practice, then two kept for learning. `keel new
 * incident` writes them as the template; `retrospective/sections` checks the required ones
 * (keel.yaml `retrospective.requiredSections`, default: the seven).
 */
export interface RetrospectiveSection {
  heading: string;
  /** What the section holds: the template's guidance comment. */
  guidance: string;
}

export const RETROSPECTIVE_SECTIONS = [
  { heading: 'Messages to stakeholders', guidance: 'What happened, the impact and what is being done, in plain words for leadership and support.' },
  { heading: 'Monitoring context', guidance: 'What the dashboards and alerts showed, which fired, which did not, and how the incident was detected.' },
  { heading: 'Communication timeline', guidance: 'When customers, support and stakeholders were told what, and through which channel.' },
  {
    heading: 'Contributing factors',
    guidance: 'The conditions that together made the incident possible or worse (technical, process, external). Not a root cause, not a person.',
  },
  { heading: 'Technical analysis', guidance: 'How the system behaved and why, with graphs, logs and queries.' },
  { heading: 'Follow-up actions', guidance: 'The actions agreed, each also listed under followUps: in the front matter with an owner and a due date.' },
  { heading: 'Narrative', guidance: 'The story of the response as the responders lived it: what they saw, what they knew then, what they decided.' },
] as const satisfies readonly RetrospectiveSection[];

export const RETROSPECTIVE_EXTRA_SECTIONS = [
  { heading: 'What went well', guidance: 'What worked in the response and should be kept.' },
  { heading: 'Where we got lucky', guidance: 'What limited the damage by chance rather than by design.' },
] as const satisfies readonly RetrospectiveSection[];
