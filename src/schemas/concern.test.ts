import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { ConcernSchema } from './concern.ts';

const concern = {
  title: 'Everything runs in one region',
  raisedBy: '@ana',
  raisedOn: '2026-10-01',
  status: 'raised',
  criteria: { whySre: 'Every team depends on it.', whyImportant: 'A regional outage takes us down.', whatIsInvolved: 'A second region.' },
};

describe('ConcernSchema', () => {
  it('accepts a raised concern and fills in the defaults', () => {
    expect(ConcernSchema.parse(concern)).toEqual({ ...concern, services: [], links: { stories: [] }, slos: [], incidents: [] });
  });

  it('accepts a decided concern with assessment, decision, links and before/after', () => {
    const decided = {
      ...concern,
      status: 'addressed',
      services: ['api'],
      slos: ['api-availability'],
      incidents: ['2026-03-04-region-outage'],
      assessment: {
        value: 'high',
        effort: 'medium',
        complexity: 'high',
        risk: 'high',
        blockers: ['budget'],
        evidence: [{ title: 'March outage', url: 'https://example.com/inc/1' }],
      },
      decision: { outcome: 'accepted', date: '2026-10-15', rationale: 'Existential risk.' },
      links: { epic: 'https://jira.example.com/EPIC-1', stories: ['https://jira.example.com/S-1'] },
      beforeAfter: { before: 'One region.', after: 'Two regions, failover in 5 minutes.', changedOn: '2026-11-02' },
    };
    expect(ConcernSchema.parse(decided)).toEqual(decided);
  });

  it('needs the three questions answered', () => {
    expect(problems(ConcernSchema, { ...concern, criteria: { whySre: '  ' } })).toEqual([
      'schema/range criteria.whySre must not be empty',
      'schema/required criteria.whyImportant is required | add whyImportant — why it matters now: customer or business risk',
      'schema/required criteria.whatIsInvolved is required | add whatIsInvolved — what addressing it would take',
    ]);
  });

  it('rejects statuses and ratings outside the lists', () => {
    expect(problems(ConcernSchema, { ...concern, status: 'open', assessment: { value: 'huge', effort: 'low', complexity: 'low', risk: 'Low' } })).toEqual([
      'schema/enum status must be one of raised, accepted, rejected, epic, in-progress, addressed (got "open") | Where it stands: raised → accepted/rejected → epic → in-progress → addressed',
      'schema/enum assessment.value must be one of low, medium, high (got "huge") | Value of addressing it',
      'schema/enum assessment.risk must be one of low, medium, high (got "Low") | values are case-sensitive: write "low"',
    ]);
  });
});

describe('status and the fields tell one story', () => {
  const decided = {
    ...concern,
    assessment: { value: 'high', effort: 'medium', complexity: 'medium', risk: 'high' },
    decision: { outcome: 'accepted', date: '2026-10-10', rationale: 'Worth it.' },
  };

  it('a raised concern has no decision yet', () => {
    expect(problems(ConcernSchema, { ...decided, status: 'raised' })).toEqual([
      'concern/decision a concern with a decision is no longer "raised" | set status to accepted, or remove the decision until the council has decided',
    ]);
  });

  it('a decided concern has its assessment and decision, and a rejected one is rejected', () => {
    expect(problems(ConcernSchema, { ...concern, status: 'accepted' }).map((p) => p.split(' |')[0])).toEqual([
      'concern/decision a concern with status "accepted" needs assessment',
      'concern/decision a concern with status "accepted" needs decision',
    ]);
    expect(problems(ConcernSchema, { ...decided, status: 'rejected' }).map((p) => p.split(' |')[0])).toEqual([
      'concern/decision status "rejected" contradicts decision.outcome "accepted"',
    ]);
    expect(problems(ConcernSchema, { ...decided, status: 'accepted' })).toEqual([]);
  });

  it('work under way has an epic; an addressed concern says how things are after', () => {
    expect(problems(ConcernSchema, { ...decided, status: 'in-progress' }).map((p) => p.split(' |')[0])).toEqual([
      'concern/epic a concern with status "in-progress" needs links.epic',
    ]);
    const tracked = { ...decided, links: { epic: 'https://tracker.example.com/browse/SRE-1' } };
    expect(problems(ConcernSchema, { ...tracked, status: 'addressed', beforeAfter: { before: 'Weekly outages.' } }).map((p) => p.split(' |')[0])).toEqual([
      'concern/before-after an addressed concern needs beforeAfter.after',
    ]);
    expect(problems(ConcernSchema, { ...tracked, status: 'addressed', beforeAfter: { before: 'Weekly outages.', after: 'None for 8 weeks.' } })).toEqual([]);
  });
});
