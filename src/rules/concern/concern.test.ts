/**
 * The council's rules at the concern's line: a reserved id (concern/reserved-id), a reference that
 * names nothing with its "did you mean" (ref/unknown), and the schema's rules that a decided
 * concern has its assessment and an addressed one says how things are after (concern/decision,
 * concern/before-after), each at file:line:col with its hint.
 */
import { testRule } from '../../../tests/support/rule-tester.ts';
import type { Rule } from '../rule.ts';
import { CONCERN_BEFORE_AFTER, CONCERN_DECISION } from '../../schemas/rules.ts';
import refUnknown from '../ref/unknown.ts';
import reservedId from './reserved-id.ts';

const concern = (fields: string) => `---
title: Retries without backoff
raisedBy: "@ana"
raisedOn: 2026-11-02
${fields}
criteria:
  whySre: Crosses teams.
  whyImportant: Customers notice.
  whatIsInvolved: A week.
---
`;
const ASSESSMENT = 'assessment: { value: high, effort: low, complexity: low, risk: high }';
const DECISION = 'decision: { outcome: accepted, date: 2026-11-04, rationale: Cheap. }';

testRule(reservedId, {
  valid: [{ name: 'any other id', files: { 'concerns/agenda-items.md': concern('status: raised') } }],
  invalid: [
    {
      name: 'the file name is the agenda page',
      files: { 'concerns/agenda.md': concern('status: raised') },
      errors: [
        'concerns/agenda.md:2:1 error concern id "agenda" is taken by the council\'s page /council/agenda/ | rename the file or set another id: (e.g. "agenda-concern"), so both pages can exist',
      ],
    },
    {
      name: 'an id written in the file',
      files: { 'concerns/retries.md': concern('id: agenda\nstatus: raised') },
      errors: [
        'concerns/retries.md:5:5 error concern id "agenda" is taken by the council\'s page /council/agenda/ | rename the file or set another id: (e.g. "agenda-concern"), so both pages can exist',
      ],
    },
  ],
});

testRule(refUnknown, {
  valid: [{ name: 'a known service', files: { 'concerns/retries.md': concern('status: raised\nservices: [api]') } }],
  invalid: [
    {
      name: 'a misspelt service, SLO and incident of a concern, with "did you mean"',
      files: { 'concerns/retries.md': concern('status: raised\nservices: [apy]\nslos: [api-availability]\nincidents: [2026-11-01-outage]') },
      errors: [
        'concerns/retries.md:6:12 error unknown service "apy" | did you mean "api"?',
        'concerns/retries.md:7:8 error unknown SLO "api-availability" | no SLO is defined yet',
        'concerns/retries.md:8:13 error unknown incident "2026-11-01-outage" | no incident is defined yet',
      ],
    },
  ],
});

/** A schema rule's findings through the same tester: the rule as the validator reports it. */
const schemaRule = (meta: Rule['meta']): Rule => ({ meta, check: () => undefined }) as unknown as Rule;

testRule(schemaRule(CONCERN_DECISION), {
  valid: [{ name: 'decided with assessment and decision', files: { 'concerns/retries.md': concern(`status: accepted\n${ASSESSMENT}\n${DECISION}`) } }],
  invalid: [
    {
      name: 'accepted without an assessment: at the status line',
      files: { 'concerns/retries.md': concern(`status: accepted\n${DECISION}`) },
      errors: [
        'concerns/retries.md:5:9 error a concern with status "accepted" needs assessment | record the council\'s assessment: value, effort, complexity, risk (low/medium/high)',
      ],
    },
  ],
});

testRule(schemaRule(CONCERN_BEFORE_AFTER), {
  valid: [
    {
      name: 'addressed, with after',
      files: {
        'concerns/retries.md': concern(
          `status: addressed\n${ASSESSMENT}\n${DECISION}\nlinks: { epic: https://t.example/E-1 }\nbeforeAfter: { before: Slow., after: Fast. }`,
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'addressed without after: at the status line',
      files: {
        'concerns/retries.md': concern(`status: addressed\n${ASSESSMENT}\n${DECISION}\nlinks: { epic: https://t.example/E-1 }\nbeforeAfter: { before: Slow. }`),
      },
      errors: [
        'concerns/retries.md:5:9 error an addressed concern needs beforeAfter.after | say, in measurable terms, how things are now compared with beforeAfter.before',
      ],
    },
  ],
});
