import { testRule } from '../../../tests/support/rule-tester.ts';
import contributingFactors from './contributing-factors.ts';
import followUps from './follow-ups.ts';
import sections from './sections.ts';

const FILE = 'incidents/2026-11-10-api.md';
const MDX = 'incidents/2026-11-10-api.mdx';

const SEVEN = [
  'Messages to stakeholders',
  'Monitoring context',
  'Communication timeline',
  'Contributing factors',
  'Technical analysis',
  'Follow-up actions',
  'Narrative',
];
const ALIASES: Record<string, string> = {
  'Messages to stakeholders': ' (or "## Summary", "## Executive summary", "## Incident summary", …)',
  'Monitoring context': ' (or "## Detection", "## Monitoring", "## How we detected it", …)',
  'Communication timeline': ' (or "## Timeline", "## Incident timeline", "## Communications", …)',
  'Contributing factors': ' (or "## Root cause", "## Root causes", "## Root cause analysis", …)',
  'Technical analysis': ' (or "## Analysis", "## Technical details", "## Technical summary", …)',
  'Follow-up actions': ' (or "## Action items", "## Next steps", "## Remediation", …)',
  Narrative: ' (or "## What happened", "## Incident description", "## Description", …)',
};
const body = (headings: readonly string[] = SEVEN, text = (h: string) => `What the ${h.toLowerCase()} say.`) =>
  headings.map((h) => `## ${h}\n\n${text(h)}\n`).join('\n');

interface Front {
  status?: 'draft' | 'in-review' | 'published';
  resolved?: boolean;
  factors?: string;
  followUps?: string;
}

/** An incident of the API (base folder's service) with its review state, factors and follow-ups. */
function incident({ status = 'published', resolved = true, factors, followUps: fu }: Front, text: string, file = FILE): Record<string, string> {
  return {
    [file]: [
      '---',
      'title: API errors',
      'severity: SEV3',
      'started: 2026-11-10T10:00:00Z',
      ...(resolved ? ['mitigated: 2026-11-10T10:20:00Z', 'resolved: 2026-11-10T10:30:00Z'] : []),
      'services: [api]',
      factors ?? 'contributingFactors:\n  - category: technical\n    description: A connection pool was too small.',
      ...(fu ? [fu] : []),
      `review:\n  status: ${status}`,
      '---',
      text,
    ].join('\n'),
  };
}

// The body of a resolved incident with one contributing factor (the files above) starts on line 14.
testRule(sections, {
  valid: [
    { name: 'a published retrospective with the seven sections', files: incident({}, body()) },
    { name: 'headings in another case and with closing hashes', files: incident({}, body(SEVEN.map((h) => `${h.toUpperCase()} ##`))) },
    { name: 'the extra sections and others may follow', files: incident({}, `${body()}\n## What went well\n\nThe alert.\n\n## Appendix\n`) },
    { name: 'a draft of an incident still open is not checked yet', files: incident({ status: 'draft', resolved: false }, '') },
    { name: 'nor a draft without any section yet (a note, an imported history)', files: incident({ status: 'draft' }, 'Imported from Statuspage.\n') },
    {
      name: 'the sections of keel.yaml',
      files: {
        ...incident({}, body(['Summary', 'Timeline'])),
        'keel.yaml': 'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nretrospective:\n  requiredSections: [Summary, Timeline]\n',
      },
    },
    {
      name: 'MDX: comments, JSX and expressions around the sections',
      files: incident(
        {},
        `{/* Reviewed on Friday. */}\n\n${body(SEVEN, (h) => (h === 'Narrative' ? '<aside>\n\nIt went {"well"}.\n\n</aside>' : `{/* guidance */}\nText of ${h}.`))}`,
        MDX,
      ),
    },
    {
      name: 'a retrospective written from another template passes under the default aliases (Google/PagerDuty-style headings)',
      files: incident({}, body(['Summary', 'Impact', 'Detection', 'Root causes', 'Timeline', 'Analysis', 'Action items', 'What happened'])),
    },
    {
      name: 'aliases of keel.yaml',
      files: {
        ...incident({}, body(['TL;DR', 'Action Items'])),
        'keel.yaml':
          'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nretrospective:\n  requiredSections:\n    - { heading: Summary, aliases: [TL;DR] }\n    - { heading: Follow-up actions, aliases: [Action items] }\n',
      },
    },
    {
      name: 'inline triple backticks open no fence; a closed fence hides nothing after it',
      files: incident(
        {},
        body(SEVEN, (h) => (h === 'Monitoring context' ? 'Run ```kubectl top``` here.\n\n~~~\n## not a heading\n~~~' : 'Text.')),
      ),
    },
    {
      name: 'a setext heading is a heading, as remark reads it',
      files: incident({ status: 'draft' }, `${body(SEVEN.slice(1))}\nMessages to stakeholders\n------------------------\n\nText.\n`),
    },
  ],
  invalid: [
    {
      name: 'a published retrospective without sections: one error per section, where the body starts',
      files: incident({}, 'Just notes.\n'),
      errors: SEVEN.map((h) => `${FILE}:14:1 error published retrospective has no "## ${h}" section${ALIASES[h]}`),
    },
    {
      name: "the closest headings are named in the hint, and keel.yaml is offered for the team's own template",
      files: incident({}, body(SEVEN.map((h) => (h === 'Follow-up actions' ? 'Follow-up tasks' : h)))),
      errors: [
        `${FILE}:14:1 error published retrospective has no "## Follow-up actions" section${ALIASES['Follow-up actions']} | the closest headings here: "## Follow-up tasks"; rename it to "## Follow-up actions", or list it as an alias of "Follow-up actions" in keel.yaml retrospective.requiredSections`,
      ],
    },
    {
      name: 'no hint offers a heading that is closer to another section ("Follow-up timeline" is a timeline)',
      files: incident({}, body(['Summary', 'Detection', 'Follow-up timeline', 'Contributing factors', 'Analysis', 'Narrative'])),
      errors: [
        `${FILE}:14:1 error published retrospective has no "## Communication timeline" section${ALIASES['Communication timeline']} | the closest headings here: "## Follow-up timeline"; rename it to "## Communication timeline", or list it as an alias of "Communication timeline" in keel.yaml retrospective.requiredSections`,
        `${FILE}:14:1 error published retrospective has no "## Follow-up actions" section${ALIASES['Follow-up actions']} | add "## Follow-up actions": The actions agreed, each also listed under followUps: in the front matter with an owner and a due date. Or declare your team's own template (headings and aliases) in keel.yaml retrospective.requiredSections`,
      ],
    },
    {
      name: 'a section with only comments is empty; a heading in a code block or a deeper heading does not count',
      files: incident(
        {},
        body(SEVEN, (h) =>
          h === 'Narrative' ? '<!-- what the responders saw -->\n<!-- and decided -->' : h === 'Monitoring context' ? '### Alerts\n\nThe page.' : `Text.`,
        ).replace('## Technical analysis', '```\n## Technical analysis\n```\n\n### Technical analysis'),
      ),
      errors: [
        `${FILE}:14:1 error published retrospective has no "## Technical analysis" section${ALIASES['Technical analysis']} | add "## Technical analysis": How the system behaved and why, with graphs, logs and queries. Or declare your team's own template (headings and aliases) in keel.yaml retrospective.requiredSections`,
        `${FILE}:44:1 error section "## Narrative" is empty (published retrospective) | write it: The story of the response as the responders lived it: what they saw, what they knew then, what they decided.`,
      ],
    },
    {
      name: 'a draft or in-review retrospective of a resolved incident: warnings',
      files: incident({ status: 'in-review' }, body(SEVEN.slice(0, 6))),
      errors: [`${FILE}:14:1 warning in-review retrospective has no "## Narrative" section${ALIASES.Narrative}`],
    },
    {
      name: 'MDX: a section holding only an MDX comment is empty',
      files: incident(
        {},
        body(SEVEN, (h) => (h === 'Narrative' ? '{/* the story */}' : 'Text.')),
        MDX,
      ),
      errors: [`${MDX}:38:1 error section "## Narrative" is empty (published retrospective)`],
    },
    {
      name: 'a keel.yaml rules: severity applies to every finding, drafts included',
      files: {
        ...incident({ status: 'draft' }, body(SEVEN.slice(1))),
        'keel.yaml': 'organisation: { name: E, url: https://e.example }\ntimeZone: UTC\nrules:\n  retrospective/sections: error\n',
      },
      errors: [`${FILE}:14:1 error draft retrospective has no "## Messages to stakeholders" section${ALIASES['Messages to stakeholders']}`],
    },
    {
      name: 'a code fence left open is reported at its line: it hides every heading after it',
      files: incident({}, `${body(SEVEN.slice(0, 3))}\n\`\`\`sh\nkubectl get pods\n\n${body(SEVEN.slice(3))}`),
      errors: [
        ...SEVEN.slice(3).map((h) => `${FILE}:14:1 error published retrospective has no "## ${h}" section${ALIASES[h]}`),
        `${FILE}:26:1 error code fence \`\`\` is never closed: every heading after it is read as code (published retrospective)`,
      ],
    },
    {
      name: 'a bold line is not a heading, nor a heading indented inside a list item',
      files: incident(
        {},
        body(SEVEN.filter((h) => h !== 'Narrative' && h !== 'Technical analysis')) +
          '\n**Narrative**\n\nText.\n\n- item\n\n  ## Technical analysis\n\n  Text.\n',
      ),
      errors: ['Technical analysis', 'Narrative'].map((h) => `${FILE}:14:1 error published retrospective has no "## ${h}" section${ALIASES[h]}`),
    },
  ],
});

testRule(contributingFactors, {
  valid: [
    { name: 'one contributing factor', files: incident({}, body()) },
    { name: 'a draft of an open incident', files: incident({ status: 'draft', resolved: false, factors: 'contributingFactors: []' }, body()) },
  ],
  invalid: [
    {
      name: 'published with an empty list: at the key',
      files: incident({ factors: 'contributingFactors: []' }, body()),
      errors: [
        `${FILE}:8:1 error published retrospective lists no contributing factor | add contributingFactors: in the front matter, each with a category (technical, process, people, external) and a description; the "## Contributing factors" section tells their story`,
      ],
    },
    {
      name: 'in review without the field: a warning at the review status',
      files: incident({ status: 'in-review', factors: 'tags: []' }, body()),
      errors: [`${FILE}:10:11 warning in-review retrospective lists no contributing factor`],
    },
  ],
});

const OPEN_WITHOUT_OWNER = 'followUps:\n  - id: API-1\n    title: Add an alert on pool saturation\n    type: detect';

testRule(followUps, {
  valid: [
    {
      name: 'an owner and a due date',
      files: incident({ status: 'draft', followUps: `${OPEN_WITHOUT_OWNER}\n    owner: team-api\n    due: 2026-12-01` }, body()),
    },
    { name: 'done follow-ups need neither', files: incident({ status: 'draft', followUps: `${OPEN_WITHOUT_OWNER}\n    status: done` }, body()) },
    { name: 'a draft of an open incident is not checked yet', files: incident({ status: 'draft', resolved: false, followUps: OPEN_WITHOUT_OWNER }, body()) },
    // Published: incident/follow-up-owner reports it (one rule per finding).
    { name: 'published is incident/follow-up-owner’s', files: incident({ followUps: OPEN_WITHOUT_OWNER }, body()), otherErrors: true },
  ],
  invalid: [
    {
      name: 'a draft of a resolved incident',
      files: incident({ status: 'draft', followUps: OPEN_WITHOUT_OWNER }, body()),
      errors: [
        `${FILE}:12:5 warning open follow-up "API-1" has no owner or due (draft retrospective) | give it owner: and due: before the retrospective is published (then it is an error: incident/follow-up-owner)`,
      ],
    },
  ],
});
