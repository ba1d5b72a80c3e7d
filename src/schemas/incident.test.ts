import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { FollowUpSchema, IncidentSchema, KEY_TIMES, PublicUpdateSchema } from './incident.ts';

const incident = { title: 'API errors', severity: 'SEV2', started: '2026-11-02T10:00:00Z', services: ['api'] };

describe('IncidentSchema', () => {
  it('accepts an active incident and fills in the defaults', () => {
    expect(IncidentSchema.parse(incident)).toEqual({
      ...incident,
      slos: [],
      runbooks: [],
      impact: [],
      participants: { responders: [] },
      backfilled: false,
      contributingFactors: [],
      followUps: [],
      review: { status: 'draft' },
      tags: [],
    });
  });

  it('accepts a whole incident life: key times, impact, public statement, follow-ups', () => {
    const full = IncidentSchema.parse({
      ...incident,
      detected: '2026-11-02T10:04:00Z',
      acknowledged: '2026-11-02T11:06:00+01:00',
      mitigated: '2026-11-02T10:40:00Z',
      resolved: '2026-11-02T10:50:00Z',
      detection: 'alert',
      impact: [{ component: 'API', level: 'partial_outage', from: '2026-11-02T10:00:00Z', to: '2026-11-02T10:40:00Z' }],
      public: { title: 'Elevated API errors', updates: [{ at: '2026-11-02T10:10:00Z', status: 'investigating', body: 'We are investigating.' }] },
      followUps: [{ id: 'PLAT-1', title: 'Canary deploys', type: 'prevent', owner: 'team-platform', due: '2026-12-15' }],
      review: { status: 'published', date: '2026-11-05' },
    });
    expect(full.public).toEqual({
      title: 'Elevated API errors',
      actions: [],
      updates: [{ at: '2026-11-02T10:10:00Z', status: 'investigating', body: 'We are investigating.' }],
    });
    expect(full.followUps[0]!.status).toBe('open');
  });

  it('lists the key times in the order they must happen', () => {
    expect(KEY_TIMES).toEqual(['started', 'detected', 'acknowledged', 'mitigated', 'resolved']);
  });

  it('rejects a naive started time with rule schema/timestamp-offset', () => {
    expect(problems(IncidentSchema, { ...incident, started: '2026-11-03 09:12' })).toEqual([
      'schema/timestamp-offset started must have a UTC offset (got "2026-11-03 09:12") | every time needs an offset so it means one instant: write "2026-11-03T09:12:00Z" for UTC or add your offset, e.g. "2026-11-03T09:12:00+01:00"',
    ]);
    for (const key of ['detected', 'acknowledged', 'mitigated', 'resolved'] as const) {
      expect(problems(IncidentSchema, { ...incident, [key]: '2026-11-03T09:12:00' })[0]).toMatch(
        new RegExp(`^schema/timestamp-offset ${key} must have a UTC offset`),
      );
    }
  });

  it('uses upper-case severities and the Statuspage vocabularies', () => {
    expect(
      problems(IncidentSchema, {
        ...incident,
        severity: 'sev1',
        impact: [{ component: 'API', level: 'down', from: '2026-11-02T10:00:00Z' }],
        public: { title: 'x', updates: [{ at: '2026-11-02T10:10:00Z', status: 'Investigating', body: 'x' }] },
      }),
    ).toEqual([
      'schema/enum severity must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "sev1") | values are case-sensitive: write "SEV1"',
      'schema/enum impact[0].level must be one of operational, degraded_performance, partial_outage, major_outage (got "down") | Statuspage component status during the interval',
      'schema/enum public.updates[0].status must be one of investigating, identified, monitoring, resolved (got "Investigating") | values are case-sensitive: write "investigating"',
    ]);
  });

  it("public.impact is one of Statuspage's four incident impacts", () => {
    const statement = { title: 'x', updates: [{ at: '2026-11-02T10:10:00Z', status: 'investigating', body: 'x' }] };
    expect(IncidentSchema.parse({ ...incident, public: { ...statement, impact: 'major' } }).public?.impact).toBe('major');
    expect(problems(IncidentSchema, { ...incident, public: { ...statement, impact: 'high' } })).toEqual([
      expect.stringMatching(/^schema\/enum public\.impact must be one of none, minor, major, critical \(got "high"\)/),
    ]);
  });

  it('when public, needs at least one update; services, impact and update statuses may be left out', () => {
    expect(problems(IncidentSchema, { ...incident, services: [], public: { title: 'x', updates: [] } })).toEqual([
      'schema/range public.updates must have at least 1 item',
    ]);
    const imported = IncidentSchema.parse({
      title: 'x',
      severity: 'SEV3',
      started: '2026-11-02T10:00:00Z',
      backfilled: true,
      impact: [{ component: 'API', level: 'operational', from: '2026-11-02T10:00:00Z' }],
      public: {
        title: 'x',
        updates: [
          { at: '2026-11-02T10:10:00Z', status: 'investigating', body: 'a' },
          { at: '2026-11-02T10:40:00Z', body: 'b' },
        ],
      },
    });
    expect(imported).toMatchObject({ services: [], backfilled: true });
    expect(imported.public?.updates[1]?.status).toBeUndefined();
  });

  it('says which fields exist when one is unknown, and catches typos', () => {
    expect(problems(IncidentSchema, { ...incident, sevirity: 'SEV1' })).toEqual(['schema/unknown-field unknown field "sevirity" | did you mean "severity"?']);
    expect(problems(IncidentSchema, { ...incident, public: { title: 'x', updates: [{ at: '2026-11-02T10:10:00Z', status: 'resolved', text: 'x' }] } })).toEqual(
      [
        'schema/required public.updates[0].body is required | add body — the update as customers read it',
        'schema/unknown-field unknown field "text" in public.updates[0] | known fields here: at, status, body',
      ],
    );
  });

  it('follow-ups: types, statuses and due dates', () => {
    expect(FollowUpSchema.parse({ id: 'X-1', title: 't', type: 'detect' })).toEqual({ id: 'X-1', title: 't', type: 'detect', status: 'open' });
    expect(problems(FollowUpSchema, { id: 'X-1', title: 't', type: 'fix', status: 'closed', due: '2026-11-31', priority: 'P4' })).toEqual([
      'schema/date due must be a date YYYY-MM-DD (got "2026-11-31") | write dates as 2026-03-04',
      'schema/enum status must be one of open, in-progress, done, wont-do (got "closed") | Progress',
      'schema/enum type must be one of prevent, mitigate, detect, process (got "fix") | What the action improves',
      'schema/enum priority must be one of P0, P1, P2, P3 (got "P4") | Priority in the tracker',
    ]);
    expect(problems(PublicUpdateSchema, { at: '2026-11-02T10:10:00Z', status: 'resolved', body: '' })).toEqual(['schema/range body must not be empty']);
  });
});
