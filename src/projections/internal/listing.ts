/** What the internal home lists: every collection's entries, with the kind's own title. */
import { kindOf, type CollectionName } from '../../kinds/index.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface CollectionListing {
  name: string;
  entries: { id: string; title: string | undefined }[];
}

export function listing(name: CollectionName, entries: { id: string; data: unknown }[]): CollectionListing {
  const title = kindOf(name).title as (data: unknown) => string | undefined;
  return {
    name,
    entries: entries.map((e) => ({ id: e.id, title: title(e.data) })).sort((a, b) => byText(a.id, b.id)),
  };
}
