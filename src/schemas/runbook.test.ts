import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { RUNBOOK_SECTIONS, RunbookSchema } from './runbook.ts';

const runbook = { title: 'API error rate high', services: ['api'], owner: 'team-platform', lastReviewed: '2026-10-01' };

describe('RunbookSchema', () => {
  it('accepts a runbook and fills in the defaults', () => {
    expect(RunbookSchema.parse(runbook)).toEqual({ ...runbook, alerts: [], tags: [] });
    const full = { ...runbook, id: 'api-errors', alerts: ['ApiErrorRateHigh'], severity: { default: 'SEV2', guidance: 'SEV1 above 50 %' }, tags: ['api'] };
    expect(RunbookSchema.parse(full)).toEqual(full);
  });

  it('has four sections, in order', () => {
    expect(RUNBOOK_SECTIONS).toEqual(['Meaning', 'Impact', 'Diagnosis', 'Mitigation']);
  });

  it('rejects a missing service, a timestamp as review date and an unknown severity', () => {
    expect(problems(RunbookSchema, { ...runbook, services: [], lastReviewed: '2026-10-01T10:00:00Z', severity: { default: 'high' } })).toEqual([
      'schema/range services must have at least 1 item',
      'schema/date lastReviewed must be a date YYYY-MM-DD (got "2026-10-01T10:00:00Z") | write dates as 2026-03-04',
      'schema/enum severity.default must be one of SEV0, SEV1, SEV2, SEV3, SEV4 (got "high") | Severity to declare when in doubt',
    ]);
  });

  it('requires an owner and a review date', () => {
    expect(problems(RunbookSchema, { title: 'x', services: ['api'] })).toEqual([
      'schema/required owner is required | add owner — team or person who keeps it current',
      'schema/required lastReviewed is required | add lastReviewed — day it was last checked against reality',
    ]);
  });
});
