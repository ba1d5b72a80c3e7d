import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { ServiceSchema } from './service.ts';

const api = { name: 'Public API', owner: 'team-platform', tier: 1, statusPage: { component: 'API', group: 'Platform' } };

describe('ServiceSchema', () => {
  it('accepts a service on the status page and fills in the defaults', () => {
    expect(ServiceSchema.parse(api)).toEqual({ ...api, dependsOn: [], links: [] });
  });

  it('accepts a service kept off the public site, with an explicit id', () => {
    const ledger = {
      id: 'ledger',
      name: 'Ledger',
      owner: '@ana',
      tier: 3,
      statusPage: false,
      dependsOn: ['api'],
      links: [{ title: 'Repo', url: 'https://git.example.com/ledger' }],
    };
    expect(ServiceSchema.parse(ledger)).toEqual(ledger);
  });

  it('says what is missing', () => {
    expect(problems(ServiceSchema, {})).toEqual([
      'schema/required name is required | add name — human name of the service',
      'schema/required owner is required | add owner — owning team or person',
      'schema/required tier is required | add tier — criticality tier: 1 is customer-facing and critical, 3 is internal tooling',
      'schema/required statusPage is required | add statusPage — how the service appears on the public status page; `false` keeps it off the public site',
    ]);
  });

  it('rejects wrong values, each with its field', () => {
    expect(
      problems(ServiceSchema, { ...api, id: 'Public API', tier: '1', statusPage: true, dependsOn: 'web', links: [{ title: 'x', url: 'nope' }], team: 'x' }),
    ).toEqual([
      'schema/id id is not a valid id (got "Public API") | ids use lower-case letters, digits and hyphens (at most 63), e.g. "public-api"',
      'schema/enum tier must be one of 1, 2, 3 (got "1") | Criticality tier: 1 is customer-facing and critical, 3 is internal tooling.',
      'schema/type statusPage must be one of a mapping, false (got true) | How the service appears on the public status page; `false` keeps it off the public site.',
      'schema/type dependsOn must be a list (got "web") | write a list: one "- item" per line, or [a, b]',
      'schema/format links[0].url must be a valid http(s) URL (got "nope")',
      'schema/unknown-field unknown field "team" | known fields here: id, name, description, owner, tier, statusPage, dependsOn, links',
    ]);
  });

  it('reports a problem inside the statusPage mapping, not "must be false"', () => {
    expect(problems(ServiceSchema, { ...api, statusPage: { component: 'API', colour: 'red' } })).toEqual([
      'schema/unknown-field unknown field "colour" in statusPage | known fields here: component, group, description',
    ]);
    expect(problems(ServiceSchema, { ...api, statusPage: { group: 'Platform' } })).toEqual([
      'schema/required statusPage.component is required | add component — component name shown on the public status page',
    ]);
  });
});
