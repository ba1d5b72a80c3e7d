/** The incident rules, each over small incidents written as front matter. */
import { testRule } from '../../../tests/support/rule-tester.ts';
import followUpOwner from './follow-up-owner.ts';
import impactWindow from './impact-window.ts';
import keyTimes from './key-times.ts';
import lastUpdate from './last-update.ts';
import timeOrder from './time-order.ts';
import updateCadence from './update-cadence.ts';
import updateOrder from './update-order.ts';
import updateStatus from './update-status.ts';
import updateWindow from './update-window.ts';

const FILE = 'incidents/2026-11-05-x.md';
const base = 'title: x\nseverity: SEV2\nservices: [api]\n';
const incident = (frontMatter: string) => ({ [FILE]: `---\n${base}${frontMatter}---\n` });
const updates = (...u: [string, string][]) =>
  `public:\n  title: x\n  updates:\n${u.map(([at, status]) => `    - at: ${at}\n      status: ${status}\n      body: b\n`).join('')}`;
const started = 'started: 2026-11-05T10:00:00Z\n';
const resolved = 'mitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:40:00Z\n';

testRule(timeOrder, {
  valid: [
    {
      name: 'equal times, compared as instants not text',
      files: incident(`${started}detected: 2026-11-05T11:00:00+01:00\nmitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:30:00Z\n`),
    },
  ],
  invalid: [
    {
      name: 'each time before the one it follows',
      files: incident(`${started}acknowledged: 2026-11-05T09:00:00Z\nmitigated: 2026-11-05T08:00:00Z\nresolved: 2026-11-05T11:00:00Z\n`),
      errors: [
        `${FILE}:6:15 error acknowledged (2026-11-05T09:00:00Z) is before started (2026-11-05T10:00:00Z) | key times go started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved; check the date and the offset`,
        `${FILE}:7:12 error mitigated (2026-11-05T08:00:00Z) is before acknowledged (2026-11-05T09:00:00Z) | key times go started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved; check the date and the offset`,
      ],
    },
  ],
});

testRule(keyTimes, {
  valid: [
    { name: 'resolved with mitigated', files: incident(started + resolved) },
    { name: 'open', files: incident(started) },
  ],
  invalid: [
    {
      name: 'resolved without mitigated',
      files: incident(`${started}resolved: 2026-11-05T11:00:00Z\n`),
      errors: [`${FILE}:6:11 error a resolved incident needs mitigated`],
    },
  ],
});

const cadenceGap = updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T11:05:00Z', 'identified'], ['2026-11-05T12:06:00Z', 'monitoring']);
testRule(updateCadence, {
  valid: [
    {
      name: 'within a cadence of 2h',
      files: { ...incident(started + cadenceGap), 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: UTC\npublicUpdateCadence: 2h\n` },
    },
    {
      name: 'no updates expected after resolution',
      files: incident(`${started}${resolved}${updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`),
    },
  ],
  invalid: [
    {
      name: 'a gap over the default cadence of 60m',
      files: incident(started + cadenceGap),
      errors: [
        `${FILE}:15:11 warning public update 3 came 61 min after the one before it; the cadence is 60m | customers expect an update at least every publicUpdateCadence (keel.yaml), even if nothing changed`,
      ],
    },
    {
      name: 'the cadence of keel.yaml',
      files: { ...incident(started + cadenceGap), 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: UTC\npublicUpdateCadence: 30m\n` },
      errors: [
        `${FILE}:12:11 warning public update 2 came 60 min after the one before it; the cadence is 30m`,
        `${FILE}:15:11 warning public update 3 came 61 min after the one before it; the cadence is 30m`,
      ],
    },
  ],
});

const disordered = `${started}${resolved}${updates(['2026-11-05T09:55:00Z', 'investigating'], ['2026-11-05T10:20:00Z', 'resolved'], ['2026-11-05T10:10:00Z', 'monitoring'], ['2026-11-05T10:41:00Z', 'resolved'])}`;
testRule(updateWindow, {
  valid: [
    {
      name: 'between started and resolved',
      files: incident(`${started}${resolved}${updates(['2026-11-05T10:00:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`),
    },
  ],
  invalid: [
    {
      name: 'before started and after resolved',
      files: incident(disordered),
      otherErrors: true,
      errors: [
        `${FILE}:11:11 error public update 1 (2026-11-05T09:55:00Z) is outside the incident (2026-11-05T10:00:00Z to 2026-11-05T10:40:00Z) | updates are posted between started and resolved`,
        `${FILE}:20:11 error public update 4 (2026-11-05T10:41:00Z) is outside the incident (2026-11-05T10:00:00Z to 2026-11-05T10:40:00Z) | updates are posted between started and resolved`,
      ],
    },
  ],
});

testRule(updateOrder, {
  valid: [
    {
      name: 'oldest first, equal times allowed',
      files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T11:05:00+01:00', 'identified'])}`),
    },
  ],
  invalid: [
    {
      name: 'an update earlier than the one before it',
      files: incident(disordered),
      otherErrors: true,
      errors: [`${FILE}:17:11 error public update 3 (2026-11-05T10:10:00Z) is earlier than the one before it | list public updates oldest first`],
    },
  ],
});

testRule(updateStatus, {
  valid: [
    {
      name: '"resolved" last',
      files: incident(`${started}${resolved}${updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`),
    },
  ],
  invalid: [
    {
      name: '"resolved" before the last update',
      files: incident(disordered),
      otherErrors: true,
      errors: [`${FILE}:15:15 error only the last public update may be "resolved"`],
    },
  ],
});

testRule(lastUpdate, {
  valid: [{ name: 'an open incident still investigating', files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating'])}`) }],
  invalid: [
    {
      name: 'says resolved without a resolved time',
      files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'resolved'])}`),
      errors: [
        `${FILE}:10:15 error the last public update says "resolved" but the incident has no resolved time | set resolved: to when the incident was closed`,
      ],
    },
    {
      name: 'resolved but the last update is not',
      files: incident(`${started}${resolved}${updates(['2026-11-05T10:05:00Z', 'identified'])}`),
      errors: [
        `${FILE}:12:15 error the incident is resolved but its last public update is "identified" | add a final public update with status: resolved telling customers it is over`,
      ],
    },
  ],
});

const impact = (...rows: string[]) => `impact:\n${rows.map((r) => `  - ${r}\n`).join('')}`;
testRule(impactWindow, {
  valid: [
    {
      name: 'inside the incident',
      files: incident(`${started}${resolved}${impact('{ component: API, level: major_outage, from: 2026-11-05T10:00:00Z, to: 2026-11-05T10:30:00Z }')}`),
    },
  ],
  invalid: [
    {
      name: 'no end on a resolved incident',
      files: incident(
        `${started}${resolved}${impact('{ component: API, level: major_outage, from: 2026-11-05T10:00:00Z, to: 2026-11-05T10:30:00Z }', '{ component: API, level: partial_outage, from: 2026-11-05T10:30:00Z }')}`,
      ),
      errors: [`${FILE}:10:5 error impact has no end but the incident is resolved | add to: when this component recovered`],
    },
    {
      name: 'before the start, and reversed',
      files: incident(`${started}${impact('{ component: API, level: major_outage, from: 2026-11-05T09:00:00Z, to: 2026-11-05T08:30:00Z }')}`),
      errors: [
        `${FILE}:7:50 error impact starts (2026-11-05T09:00:00Z) before the incident started (2026-11-05T10:00:00Z)`,
        `${FILE}:7:76 error impact ends (2026-11-05T08:30:00Z) before it starts (2026-11-05T09:00:00Z)`,
      ],
    },
  ],
});

const followUps =
  'followUps:\n  - { id: A-1, title: t, type: detect }\n  - { id: A-2, title: t, type: detect, status: wont-do }\n  - { id: A-3, title: t, type: detect, status: in-progress, owner: "@ana" }\n';
testRule(followUpOwner, {
  valid: [{ name: 'a draft retrospective', files: incident(`${started}${followUps}review: { status: draft }\n`) }],
  invalid: [
    {
      name: 'open follow-ups of a published retrospective',
      files: incident(`${started}${followUps}review: { status: published }\n`),
      errors: [
        `${FILE}:7:5 error open follow-up "A-1" of a published retrospective has no owner or due`,
        `${FILE}:9:5 error open follow-up "A-3" of a published retrospective has no due`,
      ],
    },
  ],
});
