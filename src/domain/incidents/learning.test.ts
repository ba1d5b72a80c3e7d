/** Learning across incidents: factors per quarter in the zone, services by incidents and by budget, recurring follow-ups, incidents without factors. */
import { describe, expect, it } from 'vitest';
import { learning, type LearningIncident } from './learning.ts';

const at = Date.parse;
const base = { severity: 'SEV2', reviewStatus: 'published', contributingFactors: [], followUps: [] } as const;
const fu = (id: string, type: 'prevent' | 'detect') => ({ id, title: id, type, status: 'open' as const });
const incidents: LearningIncident[] = [
  {
    ...base,
    id: 'a',
    title: 'A',
    started: at('2026-09-30T23:30:00+02:00'), // 30 Sep in Amsterdam: Q3 (Q4 in UTC+3)
    services: ['api', 'db'],
    contributingFactors: [{ category: 'technical', description: 'pool too small' }],
    followUps: [fu('A-1', 'detect')],
  },
  {
    ...base,
    id: 'b',
    title: 'B',
    started: at('2026-10-14T12:00:00+02:00'),
    services: ['api'],
    contributingFactors: [
      { category: 'process', description: 'no checklist' },
      { category: 'technical', description: 'cert by hand' },
    ],
    followUps: [fu('B-1', 'detect'), fu('B-2', 'prevent')],
  },
  { ...base, id: 'c', title: 'C', started: at('2026-11-01T12:00:00+01:00'), services: ['db'], reviewStatus: 'draft' },
];
const budget = [
  { incident: 'a', service: 'api', slo: '/slos/avail/', share: 0.2 },
  { incident: 'b', service: 'api', slo: '/slos/avail/', share: 0.5 },
  { incident: 'c', service: 'db', slo: '/slos/db/', share: 0.9 },
  { incident: 'c', service: 'db', slo: '/slos/db-lat/', share: null },
];

describe('learning', () => {
  const l = learning(incidents, budget, 'Europe/Amsterdam');

  it('groups contributing factors by category per quarter of the zone, newest quarter first, with the incidents behind each', () => {
    expect(
      l.factorsByQuarter.map((q) => [q.quarter, q.incidents, q.categories.map((c) => [c.category, c.incidents, c.factors.map((f) => f.incident.id)])]),
    ).toEqual([
      [
        '2026 Q4',
        2,
        [
          ['technical', 1, ['b']],
          ['process', 1, ['b']],
        ],
      ],
      ['2026 Q3', 1, [['technical', 1, ['a']]]],
    ]);
    expect(learning(incidents, [], 'Europe/Moscow').factorsByQuarter.map((q) => q.quarter)).toEqual(['2026 Q4']);
  });

  it('ranks services by incidents and by the budget their incidents consumed (shares as given, none without data)', () => {
    expect(l.servicesByIncidents.map((s) => [s.service, s.incidents.length])).toEqual([
      ['api', 2],
      ['db', 2],
    ]);
    expect(l.servicesByBudget.map((s) => [s.service, s.largest, s.slos.map((o) => [o.slo, o.incidents.map((i) => i.incident.id)])])).toEqual([
      ['db', 0.9, [['/slos/db/', ['c']]]],
      ['api', 0.7, [['/slos/avail/', ['b', 'a']]]],
    ]);
  });

  it('finds follow-ups that recur in kind (same service and type in two incidents) and incidents without a factor', () => {
    expect(l.recurringFollowUps.map((r) => [r.service, r.type, r.incidents, r.followUps.map((f) => f.followUp.id)])).toEqual([
      ['api', 'detect', 2, ['B-1', 'A-1']],
    ]);
    expect(l.withoutFactors).toEqual([{ id: 'c', title: 'C', severity: 'SEV2', reviewStatus: 'draft' }]);
  });
});
