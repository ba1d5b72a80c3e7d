/** The report models: what each report lists, in which order, and how the formats print it. */
import { describe, expect, it } from 'vitest';
import { type FollowUp, followUpAgenda, type IncidentRecord, retrospectiveAgenda, staleAgenda } from './agenda.ts';
import type { Deadlines } from './deadlines.ts';
import { formatFollowUps, formatRetrospectives, formatStale } from './format.ts';
import { followUpsJson, retrospectivesJson, staleJson } from './json.ts';

const at = Date.parse;
const NOW = at('2026-11-22T12:00:00Z');
const DAY = 86_400_000;

const deadlines = (zone = 'UTC'): Deadlines => ({
  zone,
  cadenceAfter: (_, status) =>
    status === 'monitoring' ? { text: '2h', ms: 2 * 3_600_000, monitoring: true } : { text: '60m', ms: 3_600_000, monitoring: false },
  retrospectiveDueDays: (severity) => ({ SEV0: 5, SEV1: 5, SEV2: 10, SEV3: 20, SEV4: 30 })[severity],
  runbookReviewInterval: { text: '90d', ms: 90 * DAY },
});

const followUp = (id: string, fields: Partial<FollowUp> = {}): FollowUp => ({ id, title: `Do ${id}`, status: 'open', type: 'prevent', ...fields });

const record = (id: string, fields: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id,
  title: `Incident ${id}`,
  severity: 'SEV2',
  resolved: at('2026-11-01T10:00:00Z'),
  backfilled: false,
  reviewStatus: 'published',
  updates: [],
  followUps: [],
  ...fields,
});

describe('followUpAgenda', () => {
  const incidents = [
    record('b-incident', {
      followUps: [
        followUp('B-1', { owner: 'team-b', due: '2026-11-30' }), // in 8 days: later
        followUp('B-2', { owner: 'team-b', due: '2026-11-29' }), // in 7 days: due soon (the limit)
        followUp('B-3', { due: '2026-11-21', status: 'in-progress' }), // unowned, 1 day overdue
        followUp('B-4', { owner: 'team-b', due: '2026-11-01', status: 'done' }),
        followUp('B-5', { owner: '@ana', due: '2026-11-01', status: 'wont-do' }),
      ],
    }),
    record('a-incident', {
      followUps: [
        followUp('A-1', { owner: 'team-b', due: '2026-11-19' }),
        followUp('A-2', { owner: 'team-b' }),
        followUp('A-3', { owner: '@ana', due: '2026-11-22' }),
      ],
    }),
  ];

  it('groups open follow-ups by owner, the unowned last; the most overdue first, then by due day, undated last', () => {
    const agenda = followUpAgenda(incidents, { now: NOW, deadlines: deadlines(), dueWithinDays: 7 });
    expect(agenda.owners.map((g) => [g.owner, g.items.map((i) => [i.followUp.id, i.state, i.deadline?.daysLeft ?? null])])).toEqual([
      ['@ana', [['A-3', 'due-soon', 0]]],
      [
        'team-b',
        [
          ['A-1', 'overdue', -3],
          ['B-2', 'due-soon', 7],
          ['B-1', 'later', 8],
          ['A-2', 'no-due-date', null],
        ],
      ],
      [undefined, [['B-3', 'overdue', -1]]],
    ]);
    expect(agenda.counts).toEqual({ open: 6, overdue: 2, dueSoon: 2 });
    expect(agenda.today).toBe('2026-11-22');
  });

  it('due soon within the days asked for: 0 means due today only', () => {
    const agenda = followUpAgenda(incidents, { now: NOW, deadlines: deadlines(), dueWithinDays: 0 });
    expect(agenda.counts).toEqual({ open: 6, overdue: 2, dueSoon: 1 });
  });

  it('says so when there is none, in every format', () => {
    const empty = followUpAgenda([record('x', { followUps: [followUp('X-1', { status: 'done' })] })], { now: NOW, deadlines: deadlines(), dueWithinDays: 7 });
    expect(formatFollowUps(empty, 'text')).toBe('Open follow-ups, 2026-11-22 (UTC)\nNo open follow-ups.');
    expect(formatFollowUps(empty, 'markdown')).toBe('## Open follow-ups, 2026-11-22 (UTC)\n\nNo open follow-ups.\n');
    expect(followUpsJson(empty)).toMatchObject({ counts: { open: 0, overdue: 0, dueSoon: 0 }, owners: [] });
  });
});

describe('retrospectiveAgenda', () => {
  it('lists unpublished retrospectives past due or due within the days asked for, the most overdue first', () => {
    const incidents = [
      record('published', { resolved: at('2026-11-01T10:00:00Z') }),
      record('late-sev1', { severity: 'SEV1', resolved: at('2026-11-10T10:00:00Z'), reviewStatus: 'in-review' }), // due 11-15
      record('late-sev2', { resolved: at('2026-11-11T10:00:00Z'), reviewStatus: 'draft' }), // due 11-21
      record('soon', { resolved: at('2026-11-19T10:00:00Z'), reviewStatus: 'draft' }), // due 11-29: in 7 days
      record('later', { resolved: at('2026-11-20T10:00:00Z'), reviewStatus: 'draft' }), // due 11-30
      record('open', { resolved: undefined, reviewStatus: 'draft' }),
      record('backfilled', { resolved: at('2026-11-01T10:00:00Z'), reviewStatus: 'draft', backfilled: true }),
    ];
    const agenda = retrospectiveAgenda(incidents, { now: NOW, deadlines: deadlines(), dueWithinDays: 7 });
    expect(agenda.retrospectives.map((r) => [r.incident.id, r.deadline.due, r.deadline.daysLeft, r.state, r.dueDays])).toEqual([
      ['late-sev1', '2026-11-15', -7, 'overdue', 5],
      ['late-sev2', '2026-11-21', -1, 'overdue', 10],
      ['soon', '2026-11-29', 7, 'due-soon', 10],
    ]);
    expect(agenda.counts).toEqual({ overdue: 2, dueSoon: 1 });
    expect(retrospectivesJson(agenda)).toMatchObject({
      retrospectives: [{ incident: 'late-sev1', resolved: '2026-11-10T10:00:00Z', daysLeft: -7, reviewStatus: 'in-review' }, {}, {}],
    });
    expect(formatRetrospectives(retrospectiveAgenda([], { now: NOW, deadlines: deadlines(), dueWithinDays: 3 }), 'text')).toBe(
      'Retrospectives, 2026-11-22 (UTC)\nNo retrospective is overdue or due within 3 days.',
    );
  });
});

describe('staleAgenda', () => {
  const runbooks = [
    { id: 'fresh', title: 'Fresh', owner: 'team-a', lastReviewed: '2026-11-01' },
    { id: 'old', title: 'Old', owner: 'team-a', lastReviewed: '2026-05-01' },
    { id: 'older', title: 'Older', owner: 'team-b', lastReviewed: '2026-01-01' },
    { id: 'at-limit', title: 'At the limit', owner: 'team-b', lastReviewed: '2026-08-24' }, // due 11-22 00:00Z: 12 h late
  ];
  const incidents = [
    record('quiet', { resolved: undefined, updates: [{ index: 0, at: at('2026-11-22T09:00:00Z'), effective: 'identified' }] }),
    record('monitoring', { resolved: undefined, updates: [{ index: 0, at: at('2026-11-22T10:30:00Z'), effective: 'monitoring' }] }),
    record('fine', { resolved: undefined, updates: [{ index: 0, at: at('2026-11-22T11:30:00Z'), effective: 'identified' }] }),
  ];

  it('lists runbooks past review and open incidents with a late update, the longest overdue first', () => {
    const agenda = staleAgenda(incidents, runbooks, { now: NOW, deadlines: deadlines() });
    expect(agenda.runbooks.map((r) => [r.runbook.id, r.review.lateMs / 3_600_000])).toEqual([
      ['older', 235 * 24 + 12],
      ['old', 115 * 24 + 12],
      ['at-limit', 12],
    ]);
    expect(agenda.incidents.map((i) => [i.incident.id, i.next.lateMs / 60_000])).toEqual([['quiet', 120]]);
    expect(staleJson(agenda)).toMatchObject({
      runbookReviewInterval: '90d',
      runbooks: [{ runbook: 'older', reviewDue: '2026-04-01T00:00:00Z', overdueMinutes: (235 * 24 + 12) * 60 }, {}, {}],
      incidents: [{ incident: 'quiet', lastUpdate: '2026-11-22T09:00:00Z', nextUpdateDue: '2026-11-22T10:00:00Z', overdueMinutes: 120, monitoring: false }],
    });
  });

  it('says so when nothing is stale', () => {
    const agenda = staleAgenda([], [runbooks[0]!], { now: NOW, deadlines: deadlines('Europe/Amsterdam') });
    expect(formatStale(agenda, 'text')).toBe(
      [
        'Stale, 22 Nov 2026, 13:00 CET',
        'Nothing is stale.',
        '',
        'Runbooks past their review (every 90d)',
        '  Every runbook was reviewed within 90d.',
        '',
        'Open incidents with a late public update',
        '  No open incident has a late public update.',
      ].join('\n'),
    );
  });
});

describe('the human formats', () => {
  const hostile = record('2026-11-01-x', {
    title: 'Pay | *now* <b>bold</b> [link](https://evil.example) `code`\n\u001b[31mred',
    followUps: [
      followUp('X|1', { owner: '@ana', due: '2026-11-20', title: '# heading | ~~strike~~ _em_ <script>', url: 'https://tracker.example.com/X-1?a=(1)' }),
      followUp('界-2', { owner: '@ana', due: '2026-11-21', title: 'Wide id' }),
    ],
  });
  const agenda = followUpAgenda([hostile], { now: NOW, deadlines: deadlines(), dueWithinDays: 7 });

  it('markdown: every user text escaped, so the table keeps its columns and nothing renders as markup', () => {
    const md = formatFollowUps(agenda, 'markdown');
    const rows = md.split('\n').filter((l) => l.startsWith('|'));
    expect(rows).toHaveLength(4);
    // Unescaped pipes delimit cells: the same number on every row.
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(8);
    expect(md).toContain('[X\\|1](https://tracker.example.com/X-1?a=\\(1\\))');
    expect(md).toContain('| # heading \\| \\~\\~strike\\~\\~ \\_em\\_ \\<script> |');
    expect(md).toContain('Pay \\| \\*now\\* \\<b>bold\\</b> \\[link]\\(https\\://evil.example) \\`code\\` \\u001b\\[31mred');
    expect(md).toContain('### `@ana`: 2 open, 2 overdue');
    expect(md).not.toContain(String.fromCharCode(27));
  });

  it('text: columns aligned by display width, controls escaped, the incident by its id', () => {
    const text = formatFollowUps(agenda, 'text').split('\n');
    expect(text.slice(3)).toEqual([
      '@ana: 2 open, 2 overdue',
      '  Due         State           Follow-up  Priority  Status  Incident      Title',
      '  2026-11-20  2 days overdue  X|1        —         open    2026-11-01-x  # heading | ~~strike~~ _em_ <script>',
      '  2026-11-21  1 day overdue   界-2       —         open    2026-11-01-x  Wide id',
    ]);
  });
});
