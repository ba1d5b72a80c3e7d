/**
 * What a public build lets go of once the content is validated. The validated index is kept
 * until the last page is written (the pages and the leak guard read it), but the public site
 * shows no SLO data: the measurement series (on the 10,000-file corpus 119 MiB of the index's
 * 236 MiB of heap, `scripts/bench-heap.ts`) are dropped, and with them each entry's `locate`
 * (which holds the file's text to place findings on demand, and keeps the series reachable).
 * The findings are printed by then; like an entry restored from the parse cache
 * (src/content/cache.ts), a released entry places every value at line 1, column 1.
 */
import type { Locate } from '../core/diagnostic.ts';
import type { ContentIndex } from '../content/entry.ts';

const NOWHERE: Locate = () => ({ line: 1, column: 1 });

/** Drops the measurement series and replaces every entry's `locate` by one that holds nothing. */
export function releaseForPublicBuild(index: ContentIndex): void {
  index.measurements = [];
  const entries = [...Object.values(index.collections), ...Object.values(index.invalid ?? {})].flat();
  if (index.settings) entries.push(index.settings);
  for (const entry of entries) entry.locate = NOWHERE;
}
