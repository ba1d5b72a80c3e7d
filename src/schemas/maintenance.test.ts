import { describe, expect, it } from 'vitest';
import { problems } from '../../tests/support/schema-problems.ts';
import { MaintenanceSchema } from './maintenance.ts';

const upgrade = {
  title: 'Database upgrade',
  description: 'The API is read-only for ten minutes.',
  components: ['API'],
  scheduled: { from: '2026-12-01T22:00:00Z', to: '2026-12-01T23:00:00+01:00' },
  updates: [{ at: '2026-11-20T10:00:00Z', status: 'scheduled', body: 'We will upgrade the database.' }],
};

describe('MaintenanceSchema', () => {
  it('accepts a scheduled window', () => {
    expect(MaintenanceSchema.parse(upgrade)).toEqual(upgrade);
  });

  it('uses the Statuspage maintenance statuses', () => {
    for (const status of ['scheduled', 'in_progress', 'verifying', 'completed']) {
      expect(problems(MaintenanceSchema, { ...upgrade, updates: [{ ...upgrade.updates[0], status }] })).toEqual([]);
    }
    expect(problems(MaintenanceSchema, { ...upgrade, updates: [{ ...upgrade.updates[0], status: 'in-progress' }] })).toEqual([
      'schema/enum updates[0].status must be one of scheduled, in_progress, verifying, completed (got "in-progress") | did you mean "in_progress"?',
    ]);
  });

  it('needs a window with offsets and at least one update (components may be none)', () => {
    expect(problems(MaintenanceSchema, { ...upgrade, components: [], scheduled: { from: '2026-12-01 22:00' }, updates: [] })).toEqual([
      'schema/timestamp-offset scheduled.from must have a UTC offset (got "2026-12-01 22:00") | every time needs an offset so it means one instant: write "2026-12-01T22:00:00Z" for UTC or add your offset, e.g. "2026-12-01T22:00:00+01:00"',
      'schema/required scheduled.to is required | add to — end of the window',
      'schema/range updates must have at least 1 item',
    ]);
  });
});
