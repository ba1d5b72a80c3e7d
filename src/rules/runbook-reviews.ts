/** Each runbook's lastReviewed as written, whether or not the file passed its schema. */
import type { ContentIndex } from '../content/entry.ts';
import { CalendarDate } from '../schemas/common.ts';
import type { Located } from './rule.ts';

export function runbookReviews(index: ContentIndex): { entry: Located; lastReviewed: string }[] {
  const invalid = (index.invalid?.runbooks ?? []).flatMap((entry) => {
    const value = (entry.raw as { lastReviewed?: unknown } | null)?.lastReviewed;
    return CalendarDate.safeParse(value).success ? [{ entry, lastReviewed: value as string }] : [];
  });
  return [...index.collections.runbooks.map((entry) => ({ entry, lastReviewed: entry.data.lastReviewed })), ...invalid];
}
