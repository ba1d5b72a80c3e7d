import { testRule } from '../../../tests/support/rule-tester.ts';
import updateOrder from './update-order.ts';
import window from './window.ts';

const FILE = 'maintenance/2026-12-01-db.yaml';
const maintenance = (scheduled: string, updates: string[]) => ({
  [FILE]: `title: Database upgrade\ndescription: d\ncomponents: [API]\nscheduled:\n${scheduled}updates:\n${updates.map((at) => `  - { at: ${at}, status: scheduled, body: b }\n`).join('')}`,
});
const window1 = '  from: 2026-12-01T22:00:00Z\n  to: 2026-12-01T23:00:00Z\n';

testRule(window, {
  valid: [{ name: 'ends after it starts', files: maintenance(window1, ['2026-11-20T10:00:00Z']) }],
  invalid: [
    {
      name: 'ends before it starts',
      files: maintenance('  from: 2026-12-01T22:00:00Z\n  to: 2026-12-01T21:00:00Z\n', ['2026-11-20T10:00:00Z']),
      errors: [`${FILE}:6:7 error the window ends (1 Dec 2026, 21:00 UTC) 1 h before it starts (1 Dec 2026, 22:00 UTC)`],
    },
  ],
});

testRule(updateOrder, {
  valid: [{ name: 'oldest first', files: maintenance(window1, ['2026-11-20T10:00:00Z', '2026-11-21T10:00:00Z']) }],
  invalid: [
    {
      name: 'an update earlier than the one before it',
      files: maintenance(window1, ['2026-11-20T10:00:00Z', '2026-11-19T10:00:00Z']),
      errors: [`${FILE}:9:11 error update 2 (2026-11-19T10:00:00Z) is earlier than the one before it | list updates oldest first`],
    },
  ],
});

testRule(window, {
  valid: [],
  invalid: [
    {
      name: 'checked on the data as written when another field fails its schema',
      otherErrors: true,
      files: {
        [FILE]: `title: Database upgrade\ndescription: d\ncomponents: [API]\nscheduled:\n  from: 2026-12-01T22:00:00Z\n  to: 2026-12-01T21:00:00Z\nupdates:\n  - { at: 2026-11-20T10:00:00Z, status: planned, body: b }\n`,
      },
      errors: [`${FILE}:6:7 error the window ends (1 Dec 2026, 21:00 UTC) 1 h before it starts (1 Dec 2026, 22:00 UTC)`],
    },
  ],
});
