import { defineRule } from '../../core/rule.ts';
import type { Entry } from '../../content/entry.ts';
import { KINDS } from '../../kinds/index.ts';
import { defineIndexRule, placeOf } from '../rule.ts';

export default defineIndexRule({
  meta: defineRule({
    id: 'id/duplicate',
    severity: 'error',
    summary: 'Two entries of one kind with the same id.',
    configurable: false,
    messages: {
      duplicate: { text: 'duplicate {kind} id "{id}" (first defined at {first})', hint: 'ids are unique per kind; rename one of them' },
    },
  }),
  check({ index, report }) {
    for (const kind of KINDS) {
      const first = new Map<string, Entry<unknown>>();
      for (const entry of index.collections[kind.name] as Entry<unknown>[]) {
        const previous = first.get(entry.id);
        if (!previous) {
          first.set(entry.id, entry);
          continue;
        }
        // The id was written in the file, or it is the file name.
        const given = kind.idPath.reduce<unknown>((data, key) => (data as Record<string, unknown> | undefined)?.[key], entry.data) !== undefined;
        const idPath = given ? kind.idPath : [];
        const where = `${previous.file}:${previous.locate(idPath).line}`;
        report(placeOf(entry, idPath), { message: 'duplicate', data: { kind: kind.label, id: entry.id, first: where } });
      }
    }
  },
});
