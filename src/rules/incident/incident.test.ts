/** The incident rules, each over small incidents written as front matter. */
import { describe } from 'vitest';
import { testRule } from '../../../tests/support/rule-tester.ts';
import dateSlip from './date-slip.ts';
import firstUpdate from './first-update.ts';
import followUpOwner from './follow-up-owner.ts';
import impactService from './impact-service.ts';
import impactWindow from './impact-window.ts';
import internalImpact from './internal-impact.ts';
import keyTimes from './key-times.ts';
import lastUpdate from './last-update.ts';
import monthTypo from './month-typo.ts';
import publicImpact from './public-impact.ts';
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
const settingsWith = (lines: string) => ({ 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: UTC\n${lines}` });
testRule(updateCadence, {
  valid: [
    {
      name: 'a severity with a longer cadence of its own',
      files: { ...incident(started + cadenceGap), ...settingsWith('publicUpdateCadence: 30m\nseverities:\n  SEV2: { publicUpdateCadence: 90m }\n') },
    },
    {
      name: 'a longer gap while monitoring (default 2h)',
      files: incident(
        `${started}mitigated: 2026-11-05T11:50:00Z\nresolved: 2026-11-05T11:50:00Z\n${updates(['2026-11-05T10:05:00Z', 'monitoring'], ['2026-11-05T11:50:00Z', 'resolved'])}`,
      ),
    },
  ],
  invalid: [
    {
      name: 'a gap over the monitoring cadence of keel.yaml',
      files: {
        ...incident(
          `${started}mitigated: 2026-11-05T11:50:00Z\nresolved: 2026-11-05T11:50:00Z\n${updates(['2026-11-05T10:05:00Z', 'monitoring'], ['2026-11-05T11:50:00Z', 'resolved'])}`,
        ),
        ...settingsWith('monitoringUpdateCadence: 90m\n'),
      },
      errors: [`${FILE}:14:11 warning public update 2 came 105 min after the one before it; the cadence while monitoring is 90m`],
    },
  ],
});

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
        `${FILE}:11:11 error public update 1 (5 Nov 2026, 09:55 UTC) is 5 min before the incident started (5 Nov 2026, 10:00 UTC) | updates are posted between started and resolved: correct the update's time, or started`,
        `${FILE}:20:11 error public update 4 (5 Nov 2026, 10:41 UTC) is 1 min after the incident was resolved (5 Nov 2026, 10:40 UTC) | updates are posted between started and resolved; an incident written up after the fact is backfilled: true`,
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
    {
      // The status page's component history: flipped before the stated start, recovered after resolution.
      name: 'beginning before started and ending after resolved',
      files: incident(
        `${started}${resolved}${impact('{ component: API, level: degraded_performance, from: 2026-11-05T09:40:00Z, to: 2026-11-05T11:15:00Z }')}`,
      ),
    },
    {
      name: 'wholly after resolution on a backfilled incident',
      files: incident(
        `${started}${resolved}backfilled: true\n${impact('{ component: API, level: partial_outage, from: 2026-11-05T11:00:00Z, to: 2026-11-05T11:30:00Z }')}`,
      ),
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
      name: 'reversed',
      files: incident(`${started}${impact('{ component: API, level: major_outage, from: 2026-11-05T09:00:00Z, to: 2026-11-05T08:30:00Z }')}`),
      errors: [`${FILE}:7:76 error impact ends (2026-11-05T08:30:00Z) before it starts (2026-11-05T09:00:00Z)`],
    },
    {
      name: 'wholly before started, wholly after resolved',
      files: incident(
        `${started}${resolved}${impact('{ component: API, level: major_outage, from: 2026-11-05T08:00:00Z, to: 2026-11-05T09:00:00Z }', '{ component: API, level: partial_outage, from: 2026-11-05T11:00:00Z, to: 2026-11-05T12:00:00Z }')}`,
      ),
      errors: [
        `${FILE}:9:76 error impact (2026-11-05T08:00:00Z to 2026-11-05T09:00:00Z) lies wholly before the incident (started: 2026-11-05T10:00:00Z), so it cannot be its status-page history | correct the dates of the interval or of started; an incident written up after the fact is backfilled: true`,
        `${FILE}:10:52 error impact (2026-11-05T11:00:00Z to 2026-11-05T12:00:00Z) lies wholly after the incident (resolved: 2026-11-05T10:40:00Z), so it cannot be its status-page history | correct the dates of the interval or of resolved; an incident written up after the fact is backfilled: true`,
      ],
    },
  ],
});

testRule(monthTypo, {
  valid: [
    { name: 'first update within the hour', files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating'])}`) },
    {
      name: 'posted months later, backfilled',
      files: incident(`started: 2026-02-18T10:00:00Z\nbackfilled: true\n${updates(['2026-08-18T10:05:00Z', 'investigating'])}`),
    },
  ],
  invalid: [
    {
      name: 'February for an incident posted in August',
      files: incident(
        `started: 2026-02-18T10:00:00Z\nmitigated: 2026-08-18T11:00:00Z\nresolved: 2026-08-18T11:10:00Z\n${updates(['2026-08-18T10:05:00Z', 'investigating'], ['2026-08-18T11:10:00Z', 'resolved'])}`,
      ),
      errors: [
        `${FILE}:5:10 error started (18 Feb 2026, 10:00 UTC) is 181 d 5 min before the first public update (18 Aug 2026, 10:05 UTC): probably a wrong month or year | correct started; if the incident really was posted this long after it began, mark it backfilled: true`,
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
      // The published retrospective has no body: retrospective/* report that too.
      otherErrors: true,
      errors: [
        `${FILE}:7:5 error open follow-up "A-1" of a published retrospective has no owner or due`,
        `${FILE}:9:5 error open follow-up "A-3" of a published retrospective has no due`,
      ],
    },
  ],
});

testRule(impactService, {
  valid: [
    {
      name: 'the component of a listed service',
      files: incident(`${started}${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z }')}`),
    },
  ],
  invalid: [
    {
      name: 'a component of a service not listed',
      files: {
        ...incident(`${started}${impact('{ component: Web, level: operational, from: 2026-11-05T10:00:00Z }')}`),
        'services/web.yaml': 'name: Web\nowner: team-web\ntier: 1\nstatusPage:\n  component: Web\n',
      },
      errors: [
        `${FILE}:7:18 warning component "Web" belongs to service "web", which services does not list | add the service to services, or check the component`,
      ],
    },
  ],
});

testRule(firstUpdate, {
  valid: [
    {
      name: 'within the cadence of detection',
      files: incident(`${started}detected: 2026-11-05T10:30:00Z\n${updates(['2026-11-05T11:20:00Z', 'investigating'])}`),
    },
    { name: 'a backfilled incident', files: incident(`${started}backfilled: true\n${updates(['2026-11-06T09:00:00Z', 'investigating'])}`) },
  ],
  invalid: [
    {
      name: 'long after detection',
      files: incident(`${started}detected: 2026-11-05T10:30:00Z\n${updates(['2026-11-05T12:00:00Z', 'investigating'])}`),
      errors: [`${FILE}:10:11 warning the first public update came 90 min after the incident was detected; the cadence is 60m`],
    },
  ],
});

testRule(dateSlip, {
  valid: [
    {
      name: 'a silent failure found three days later',
      files: incident(`started: 2026-11-02T10:00:00Z\ndetected: 2026-11-05T10:00:00Z\nmitigated: 2026-11-05T11:00:00Z\nresolved: 2026-11-05T12:00:00Z\n`),
    },
  ],
  invalid: [
    {
      name: 'a start a month early, order intact',
      files: incident(`started: 2026-10-05T10:00:00Z\ndetected: 2026-11-05T10:10:00Z\nmitigated: 2026-11-05T11:00:00Z\nresolved: 2026-11-05T12:00:00Z\n`),
      errors: [
        `${FILE}:5:10 warning started (2026-10-05T10:00:00Z) is 31 days before any other time of this incident (detected: 2026-11-05T10:10:00Z): probable date slip`,
      ],
    },
  ],
});

describe('incidents as written', () => {
  testRule(updateStatus, {
    valid: [
      {
        name: 'later updates without a status keep the one before',
        files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating'])}    - at: 2026-11-05T10:30:00Z\n      body: still looking\n`),
      },
    ],
    invalid: [
      {
        name: 'a first update without a status',
        files: incident(`${started}public:\n  title: x\n  updates:\n    - at: 2026-11-05T10:05:00Z\n      body: b\n`),
        errors: [`${FILE}:9:7 error public update 1 has no status`],
      },
    ],
  });

  testRule(lastUpdate, {
    valid: [
      {
        name: 'a resolved incident whose last update inherits "resolved"… is not possible: resolved is last, a plain update after it inherits it',
        files: incident(`${started}${resolved}${updates(['2026-11-05T10:05:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`),
      },
    ],
    invalid: [
      {
        name: 'an update without status inherits "identified" on a resolved incident',
        files: incident(`${started}${resolved}${updates(['2026-11-05T10:05:00Z', 'identified'])}    - at: 2026-11-05T10:30:00Z\n      body: fixed\n`),
        errors: [`${FILE}:14:11 error the incident is resolved but its last public update is "identified"`],
      },
    ],
  });

  testRule(timeOrder, {
    valid: [],
    invalid: [
      {
        name: 'a bad status and a time paradox in one file: both are reported in one run',
        otherErrors: true,
        files: incident(`${started}mitigated: 2026-11-05T11:00:00Z\nresolved: 2026-11-05T10:40:00Z\n${updates(['2026-11-05T10:05:00Z', 'fixed'])}`),
        errors: [`${FILE}:7:11 error resolved (2026-11-05T10:40:00Z) is before mitigated (2026-11-05T11:00:00Z)`],
      },
    ],
  });

  testRule(impactWindow, {
    valid: [
      {
        name: 'a backfilled incident whose page closed while impact went on',
        files: incident(
          `${started}${resolved}backfilled: true\n${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z, to: 2026-11-05T11:30:00Z }')}`,
        ),
      },
    ],
    invalid: [
      {
        // Not a contradiction: the status page showed the component impaired after mitigation.
        name: 'impact ending after mitigated is accepted, one wholly after resolution is not',
        files: incident(
          `${started}${resolved}${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z, to: 2026-11-05T11:30:00Z }', '{ component: API, level: partial_outage, from: 2026-11-05T11:40:00Z, to: 2026-11-05T11:50:00Z }')}`,
        ),
        errors: [
          `${FILE}:10:52 error impact (2026-11-05T11:40:00Z to 2026-11-05T11:50:00Z) lies wholly after the incident (resolved: 2026-11-05T10:40:00Z), so it cannot be its status-page history | correct the dates of the interval or of resolved; an incident written up after the fact is backfilled: true`,
        ],
      },
    ],
  });
});

testRule(internalImpact, {
  valid: [
    {
      name: 'a public incident with impact',
      files: incident(
        `${started}${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z }')}${updates(['2026-11-05T10:05:00Z', 'investigating'])}`,
      ),
    },
    {
      name: 'an internal incident naming a component at operational',
      files: incident(`${started}${impact('{ component: API, level: operational, from: 2026-11-05T10:00:00Z }')}`),
    },
  ],
  invalid: [
    {
      name: 'an internal incident that impairs a component',
      files: incident(`${started}${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z }')}`),
      errors: [`${FILE}:7:5 warning the incident impairs "API" but has no public block, so the status page shows the impact without an incident`],
    },
  ],
});

describe('one wrong started', () => {
  const late = `started: 2026-11-06T10:00:00Z\ndetected: 2026-11-05T10:05:00Z\nmitigated: 2026-11-05T10:30:00Z\nresolved: 2026-11-05T10:40:00Z\n${impact('{ component: API, level: partial_outage, from: 2026-11-05T10:00:00Z, to: 2026-11-05T10:30:00Z }')}${updates(['2026-11-05T10:10:00Z', 'investigating'], ['2026-11-05T10:40:00Z', 'resolved'])}`;
  testRule(timeOrder, {
    valid: [],
    invalid: [
      {
        name: 'is one root finding',
        files: incident(late),
        errors: [
          `${FILE}:5:10 error started (2026-11-06T10:00:00Z) is after every other time of this incident, the earliest being impact 1 (2026-11-05T10:00:00Z): check its date and offset`,
        ],
      },
    ],
  });
  testRule(impactWindow, { valid: [{ name: 'does not cascade into impact findings', files: incident(late), otherErrors: true }], invalid: [] });
  testRule(updateWindow, { valid: [{ name: 'does not cascade into update findings', files: incident(late), otherErrors: true }], invalid: [] });
});

testRule(publicImpact, {
  valid: [
    {
      name: 'declared',
      files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating']).replace('  title: x\n', '  title: x\n  impact: minor\n')}`),
    },
    {
      name: 'derived from component impact',
      files: incident(
        `${started}${impact('{ component: API, level: major_outage, from: 2026-11-05T10:00:00Z }')}${updates(['2026-11-05T10:05:00Z', 'investigating'])}`,
      ),
    },
    { name: 'internal only', files: incident(started) },
  ],
  invalid: [
    {
      name: 'neither declared nor derivable',
      files: incident(`${started}${updates(['2026-11-05T10:05:00Z', 'investigating'])}`),
      errors: [
        `${FILE}:6:1 warning the public incident declares no impact and names no component impact to derive it from: customers will read "No impact" | declare it: public.impact: none, minor, major or critical (Statuspage's incident impact), or add impact[] per component`,
      ],
    },
  ],
});
