import { defineRule } from '../../core/rule.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

/** Ids whose page `/council/<id>/` would be one of the council's own pages. */
const RESERVED_CONCERN_IDS: ReadonlySet<string> = new Set(['agenda']);

export default defineIndexRule({
  meta: defineRule({
    id: 'concern/reserved-id',
    severity: 'error',
    summary: "A concern whose id is the name of one of the council's own pages (/council/agenda/).",
    configurable: false,
    messages: {
      reserved: {
        text: 'concern id "{id}" is taken by the council\'s page /council/{id}/',
        hint: 'rename the file or set another id: (e.g. "{id}-concern"), so both pages can exist',
      },
    },
  }),
  check({ index, report }) {
    for (const entry of index.collections.concerns) {
      if (!RESERVED_CONCERN_IDS.has(entry.id)) continue;
      // The id was written in the file (id:), or it is the file name.
      report(placeOf(entry, entry.data.id === undefined ? [] : ['id']), { message: 'reserved', data: { id: entry.id } });
    }
  },
});
