import { defineRule } from '../../core/rule.ts';
import { retrospectiveState } from '../retrospective-state.ts';
import { defineBodyRule } from '../rule.ts';

export default defineBodyRule({
  meta: defineRule({
    id: 'retrospective/follow-ups',
    severity: 'warning',
    summary:
      'An open follow-up without an owner or a due date in a draft or in-review retrospective of a resolved incident (once published, incident/follow-up-owner reports it as an error).',
    configurable: true,
    messages: {
      missing: {
        text: 'open follow-up "{id}" has no {missing} ({status} retrospective)',
        hint: 'give it owner: and due: before the retrospective is published (then it is an error: incident/follow-up-owner)',
      },
    },
  }),
  collections: ['incidents'],
  check(body, { data, placeOf, report }) {
    const state = retrospectiveState(data, body.text);
    // A published retrospective is incident/follow-up-owner's: one rule per finding.
    if (!state || state.status === 'published') return;
    const followUps = (data as { followUps?: unknown }).followUps;
    if (!Array.isArray(followUps)) return;
    followUps.forEach((followUp: unknown, i) => {
      if (typeof followUp !== 'object' || followUp === null) return;
      const f = followUp as Record<string, unknown>;
      if (f.status === 'done' || f.status === 'wont-do') return;
      const missing = (['owner', 'due'] as const).filter((field) => f[field] === undefined || f[field] === null || f[field] === '');
      if (missing.length === 0) return;
      const id = typeof f.id === 'string' ? f.id : `#${i + 1}`;
      report(placeOf(['followUps', i]), { message: 'missing', data: { id, status: state.status, missing: missing.join(' or ') } });
    });
  },
});
