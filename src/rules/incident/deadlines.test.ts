/**
 * The time-based incident rules at the run's pinned "now" (2026-11-22T12:00:00Z unless a case
 * says otherwise): a late next public update, a retrospective past its due day, a follow-up past
 * its due date. Each at its limit exactly (on time) and just past it (late), in the portal's zone.
 */
import { testRule } from '../../../tests/support/rule-tester.ts';
import followUpOverdue from './follow-up-overdue.ts';
import retrospectiveOverdue from './retrospective-overdue.ts';
import staleUpdate from './stale-update.ts';

const FILE = 'incidents/2026-11-05-x.md';
const incident = (frontMatter: string, severity = 'SEV2') => ({ [FILE]: `---\ntitle: x\nseverity: ${severity}\nservices: [api]\n${frontMatter}---\n` });
const settings = (lines = '', zone = 'UTC') => ({ 'keel.yaml': `organisation: { name: E, url: https://e.example }\ntimeZone: ${zone}\n${lines}` });
/** Public updates, oldest first; a status of '' writes an update without one. */
const updates = (...u: [string, string][]) =>
  `public:\n  title: x\n  updates:\n${u.map(([at, status]) => `    - at: ${at}\n${status ? `      status: ${status}\n` : ''}      body: b\n`).join('')}`;
const started = 'started: 2026-11-22T08:00:00Z\n';

testRule(staleUpdate, {
  valid: [
    { name: 'the last update exactly one cadence (60m) ago', files: incident(started + updates(['2026-11-22T11:00:00Z', 'investigating'])) },
    {
      name: 'exactly one monitoring cadence (2h) ago, the status kept by an update without one',
      files: incident(started + updates(['2026-11-22T09:00:00Z', 'monitoring'], ['2026-11-22T10:00:00Z', ''])),
    },
    {
      name: 'a resolved incident is not updated any more',
      files: incident(
        `${started}mitigated: 2026-11-22T08:30:00Z\nresolved: 2026-11-22T08:40:00Z\n${updates(['2026-11-22T08:10:00Z', 'investigating'], ['2026-11-22T08:40:00Z', 'resolved'])}`,
      ),
    },
    { name: 'a backfilled incident', files: incident(`${started}backfilled: true\n${updates(['2026-11-22T08:10:00Z', 'investigating'])}`) },
    { name: 'an internal incident (no public updates)', files: incident(started) },
    {
      name: 'the longer cadence of a severity',
      files: {
        ...incident(started + updates(['2026-11-22T10:00:00Z', 'identified']), 'SEV3'),
        ...settings('severities:\n  SEV3: { publicUpdateCadence: 2h }\n'),
      },
    },
    { name: 'an update posted later than now', now: '2026-11-22T08:30:00Z', files: incident(started + updates(['2026-11-22T09:00:00Z', 'investigating'])) },
  ],
  invalid: [
    {
      name: 'one minute past the cadence',
      files: incident(started + updates(['2026-11-22T10:00:00Z', 'investigating'], ['2026-11-22T10:59:00Z', 'identified'])),
      errors: [
        `${FILE}:12:11 warning the incident is open and its last public update (22 Nov 2026, 10:59 UTC) is 1 h 1 min old: the next one is 1 min overdue (the cadence is 60m) | post an update even if nothing changed ("We are still working on …"), or resolve the incident if it is over`,
      ],
    },
    {
      name: 'while monitoring: the monitoring cadence of keel.yaml, times in its zone',
      files: { ...incident(started + updates(['2026-11-22T09:30:00Z', 'monitoring'])), ...settings('monitoringUpdateCadence: 90m\n', 'Europe/Amsterdam') },
      errors: [
        `${FILE}:9:11 warning the incident is open and its last public update (22 Nov 2026, 10:30 CET) is 2 h 30 min old: the next one is 1 h overdue (the cadence while monitoring is 90m) | tell customers the fix is holding, or resolve the incident: the cadence while monitoring is monitoringUpdateCadence (keel.yaml)`,
      ],
    },
    {
      name: 'days late, at the latest update even when the list is out of order',
      now: '2026-11-25T12:00:00Z',
      otherErrors: true,
      files: {
        ...incident(started + updates(['2026-11-22T09:00:00Z', 'investigating'], ['2026-11-22T08:10:00Z', 'identified']), 'SEV1'),
        ...settings('severities:\n  SEV1: { publicUpdateCadence: 30m }\n'),
      },
      errors: [
        `${FILE}:9:11 warning the incident is open and its last public update (22 Nov 2026, 09:00 UTC) is 3 days old: the next one is 3 days overdue (the cadence is 30m)`,
      ],
    },
    {
      name: 'checked even when another field fails its schema',
      otherErrors: true,
      files: incident(`${started}detection: pager\n${updates(['2026-11-22T10:00:00Z', 'investigating'])}`),
      errors: [
        `${FILE}:10:11 warning the incident is open and its last public update (22 Nov 2026, 10:00 UTC) is 2 h old: the next one is 1 h overdue (the cadence is 60m)`,
      ],
    },
  ],
});

/** Resolved at `at` (SEV2 by default: due 10 days after the day of resolution). */
const resolvedAt = (at: string, rest = '') => `started: 2026-11-01T08:00:00Z\nmitigated: ${at}\nresolved: ${at}\n${rest}`;

testRule(retrospectiveOverdue, {
  valid: [
    { name: 'due today: resolved 10 days before today (SEV2)', files: incident(resolvedAt('2026-11-12T23:59:00Z')) },
    {
      name: 'published',
      // A published retrospective is held to the retrospective/* rules, which this bare file does not meet.
      otherErrors: true,
      files: incident(resolvedAt('2026-11-01T10:00:00Z', 'review: { status: published, date: 2026-11-20 }\n')),
    },
    { name: 'an open incident has no retrospective due yet', files: incident('started: 2026-11-01T08:00:00Z\n') },
    { name: 'a backfilled incident', files: incident(resolvedAt('2026-11-01T10:00:00Z', 'backfilled: true\n')) },
    {
      name: 'the day of resolution in the portal’s zone: 00:30 in Amsterdam is the next day',
      files: { ...incident(resolvedAt('2026-11-11T23:30:00Z')), ...settings('', 'Europe/Amsterdam') },
    },
    { name: 'the last second of the due day', now: '2026-11-22T23:59:59Z', files: incident(resolvedAt('2026-11-12T00:00:00Z')) },
    {
      name: 'the due days of keel.yaml',
      files: { ...incident(resolvedAt('2026-11-01T10:00:00Z')), ...settings('severities:\n  SEV2: { retrospectiveDueDays: 21 }\n') },
    },
  ],
  invalid: [
    {
      name: 'one day past the due day, at the review status',
      files: incident(resolvedAt('2026-11-11T23:59:00Z', 'review: { status: in-review }\n')),
      errors: [
        `${FILE}:8:19 warning the retrospective was due 2026-11-21 (10 days after resolution for SEV2) and is 1 day overdue; its review is in-review | hold the review and set review.status: published; keel.yaml severities.SEV2.retrospectiveDueDays sets the deadline`,
      ],
    },
    {
      name: 'from the first second of the next day; without a review block, at resolved',
      now: '2026-11-23T00:00:00Z',
      files: incident(resolvedAt('2026-11-12T00:00:00Z')),
      errors: [`${FILE}:7:11 warning the retrospective was due 2026-11-22 (10 days after resolution for SEV2) and is 1 day overdue; its review is draft`],
    },
    {
      name: 'the zone decides the day: 23:30 UTC is already the next day in Amsterdam',
      now: '2026-11-22T23:30:00Z',
      files: { ...incident(resolvedAt('2026-11-12T10:00:00Z', 'review:\n  status: draft\n')), ...settings('', 'Europe/Amsterdam') },
      errors: [`${FILE}:9:11 warning the retrospective was due 2026-11-22 (10 days after resolution for SEV2) and is 1 day overdue; its review is draft`],
    },
    {
      name: 'the due days of the severity in keel.yaml',
      files: { ...incident(resolvedAt('2026-11-14T10:00:00Z'), 'SEV1'), ...settings('severities:\n  SEV1: { retrospectiveDueDays: 3 }\n') },
      errors: [`${FILE}:7:11 warning the retrospective was due 2026-11-17 (3 days after resolution for SEV1) and is 5 days overdue; its review is draft`],
    },
  ],
});

const followUp = (fields: string) => `followUps:\n  - { id: A-1, title: t, type: detect, ${fields} }\n`;

testRule(followUpOverdue, {
  valid: [
    { name: 'due today', files: incident(started + followUp('due: 2026-11-22')) },
    { name: 'the last second of the due day', now: '2026-11-22T23:59:59Z', files: incident(started + followUp('due: 2026-11-22')) },
    {
      name: 'the due day still runs in the portal’s zone (Los Angeles is 8 hours behind)',
      now: '2026-11-23T07:59:59Z',
      files: { ...incident(started + followUp('due: 2026-11-22')), ...settings('', 'America/Los_Angeles') },
    },
    { name: 'done', files: incident(started + followUp('due: 2026-11-01, status: done')) },
    { name: "won't do", files: incident(started + followUp('due: 2026-11-01, status: wont-do')) },
    { name: 'no due date', files: incident(started + followUp('status: open')) },
  ],
  invalid: [
    {
      name: 'from the first second of the next day, at the due date',
      now: '2026-11-23T00:00:00Z',
      files: incident(started + followUp('due: 2026-11-22')),
      errors: [
        `${FILE}:7:45 warning follow-up "A-1" was due 2026-11-22 and is 1 day overdue (open) | finish it and set status: done, agree a new due date, or close it as wont-do with the reason in the retrospective`,
      ],
    },
    {
      name: 'in progress, days overdue; the zone decides the day (Amsterdam is an hour ahead)',
      now: '2026-11-22T23:00:00Z',
      files: {
        ...incident(
          `${started}followUps:\n  - id: A-1\n    title: t\n    type: detect\n    status: in-progress\n    due: 2026-11-19\n  - { id: A-2, title: t, type: detect, due: 2026-11-23 }\n`,
        ),
        ...settings('', 'Europe/Amsterdam'),
      },
      errors: [`${FILE}:11:10 warning follow-up "A-1" was due 2026-11-19 and is 4 days overdue (in-progress)`],
    },
    {
      name: 'checked even when another field fails its schema',
      otherErrors: true,
      files: incident(`${started}detection: pager\n${followUp('due: 2026-11-20')}`),
      errors: [`${FILE}:8:45 warning follow-up "A-1" was due 2026-11-20 and is 2 days overdue (open)`],
    },
  ],
});
