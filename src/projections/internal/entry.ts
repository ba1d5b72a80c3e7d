/**
 * The internal page of any entry: every field as written (flattened to `path: value` rows) and
 * the Markdown body as its source text. A baseline for every kind until it has pages of its own
 * (dashboards, retrospectives, runbooks): nothing of the content is hidden from the internal site.
 */
import { kindOf, type CollectionName } from '../../kinds/index.ts';

export interface EntryView {
  collection: CollectionName;
  id: string;
  title: string | undefined;
  fields: { path: string; value: string }[];
  body: string | undefined;
}

/** `a.b[2].c: value` rows of every scalar in `data`, in the order written. */
export function flatten(data: unknown, path = ''): { path: string; value: string }[] {
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.flatMap((item, i) => flatten(item, `${path}[${i}]`));
  if (typeof data === 'object') return Object.entries(data).flatMap(([key, value]) => flatten(value, path ? `${path}.${key}` : key));
  return [{ path, value: typeof data === 'string' ? data : JSON.stringify(data) }];
}

export function entryView(collection: CollectionName, entry: { id: string; data: unknown; body?: string | undefined }): EntryView {
  const title = kindOf(collection).title as (data: unknown) => string | undefined;
  return { collection, id: entry.id, title: title(entry.data), fields: flatten(entry.data), body: entry.body };
}
