import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/** Ids whose page `/runbooks/<id>/` would be one of the runbook section's own pages (the stale list, the alert URLs' folder). */
const RESERVED_RUNBOOK_IDS: ReadonlySet<string> = new Set(['stale', 'alerts']);

export default defineIndexRule({
  meta: defineRule({
    id: 'runbook/reserved-id',
    severity: 'error',
    summary: "A runbook whose id is the name of one of the runbook section's own pages (/runbooks/stale/, /runbooks/alerts/).",
    configurable: false,
    messages: {
      reserved: {
        text: 'runbook id "{id}" is taken by the internal site\'s page /runbooks/{id}/',
        hint: 'rename the file or set another id: (e.g. "{id}-runbook"), so both pages can exist',
      },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.runbooks) {
      if (!RESERVED_RUNBOOK_IDS.has(entry.id)) continue;
      // The id was written in the file (id:), or it is the file name.
      report(placeOf(entry, entry.data.id === undefined ? [] : ['id']), { message: 'reserved', data: { id: entry.id } });
    }
  },
});
