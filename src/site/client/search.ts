/**
 * The search page's code (src/site/routes/internal/search.astro): loads Pagefind's own module
 * from the site (`pagefind/pagefind.js`, written by the build: src/astro/search-index.ts) the
 * first time the reader searches, then lists the pages that match with the kind and service
 * filters applied. A page whose alert name is exactly the query comes first: the runbook for
 * the alert that paged, ahead of incidents that merely mention it. Pagefind's word ranking
 * cannot promise that, so the page asks Pagefind's `alert` filter (every alert a runbook names,
 * src/site/components/internal/InternalLayout.astro) for the pages naming that alert and puts
 * them before the others.
 */

/** The parts of Pagefind's JS API (https://pagefind.app/docs/api/) this page uses. */
export interface PagefindResult {
  readonly id: string;
  data(): Promise<PagefindPage>;
}
export interface PagefindPage {
  readonly url: string;
  readonly excerpt: string;
  readonly meta: Readonly<Record<string, string | undefined>>;
  readonly filters: Readonly<Record<string, readonly string[] | undefined>>;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(term: string | null, options?: { filters?: Record<string, string> }): Promise<{ results: PagefindResult[] }>;
}

/** Pagefind's way of searching several bundles as one. */
export interface PagefindMerge {
  mergeIndex(indexPath: string, options?: Record<string, unknown>): Promise<void>;
}

/**
 * Merges the site's other bundles into the first (a large site's index is written in several:
 * src/astro/search-index.ts), as the first bundle's `keel-bundles.json` lists them. `bundle` is
 * the URL of the first bundle's `pagefind.js`; `options` are those each merged index gets.
 */
export async function mergeBundles(pagefind: PagefindMerge, bundle: string, options: Record<string, unknown> = {}): Promise<void> {
  const listed = await fetch(new URL('keel-bundles.json', bundle));
  if (!listed.ok) throw new Error(`the search bundles' list could not be loaded (${listed.status})`);
  const { merge } = (await listed.json()) as { merge: string[] };
  for (const folder of merge) await pagefind.mergeIndex(new URL(folder, bundle).href, options);
}

/** The alert name that is exactly the query: as typed, else ignoring case (a name typed on a phone). */
export function exactAlert(alerts: readonly string[], query: string): string | undefined {
  const q = query.trim();
  if (q === '') return undefined;
  return alerts.find((a) => a === q) ?? alerts.find((a) => a.toLowerCase() === q.toLowerCase());
}

/** The pages naming the exact alert first (in Pagefind's order where it found them by word), then the others, each once. */
export function exactFirst<T extends { readonly id: string }>(exact: readonly T[], found: readonly T[]): T[] {
  const byWord = new Map(found.map((r) => [r.id, r]));
  const first = [...exact].sort((a, b) => rank(found, a) - rank(found, b)).map((r) => byWord.get(r.id) ?? r);
  const ids = new Set(first.map((r) => r.id));
  return [...first, ...found.filter((r) => !ids.has(r.id))];
}

const rank = <T extends { readonly id: string }>(found: readonly T[], r: T): number => {
  const i = found.findIndex((f) => f.id === r.id);
  return i < 0 ? found.length : i;
};

/** How many results the page shows. */
const SHOWN = 30;

export interface SearchHit extends PagefindPage {
  /** The alert the query names exactly, where this page names it. */
  readonly alert: string | undefined;
}

/** One search: the pages matching `query` under the filters, the exact alert's first. */
export async function searchPages(pagefind: Pagefind, query: string, filters: Record<string, string>): Promise<SearchHit[]> {
  const alert = exactAlert(Object.keys((await pagefind.filters()).alert ?? {}), query);
  const [exact, found] = await Promise.all([
    alert === undefined ? Promise.resolve({ results: [] }) : pagefind.search(null, { filters: { ...filters, alert } }),
    pagefind.search(query, { filters }),
  ]);
  const pages = await Promise.all(
    exactFirst(exact.results, found.results)
      .slice(0, SHOWN)
      .map((r) => r.data()),
  );
  return pages.map((page) => ({ ...page, alert: alert !== undefined && page.filters.alert?.includes(alert) ? alert : undefined }));
}
