/**
 * The internal site's sections, in the order of its header: one line each. A new section adds its
 * line here and its route under src/site/routes/internal/; the header, the current-section mark
 * and the breadcrumbs' first step follow.
 */
export interface Section {
  readonly label: string;
  readonly href: string;
}

export const SECTIONS: readonly Section[] = [
  { label: 'Overview', href: '/' },
  { label: 'SLOs', href: '/slos/' },
  { label: 'Services', href: '/services/' },
  { label: 'Incidents', href: '/incidents/' },
  { label: 'KPIs', href: '/kpis/' },
  { label: 'Runbooks', href: '/runbooks/' },
  { label: 'Council', href: '/council/' },
  { label: 'Experiments', href: '/experiments/' },
  { label: 'Learning', href: '/learning/' },
  { label: 'Search', href: '/search/' },
];

/** The section a path belongs to: the longest section href it starts with. */
export function sectionOf(path: string): Section | undefined {
  const normalised = path.endsWith('/') ? path : `${path}/`;
  return [...SECTIONS].filter((s) => (s.href === '/' ? normalised === '/' : normalised.startsWith(s.href))).sort((a, b) => b.href.length - a.href.length)[0];
}

/** What the search page filters by (the Pagefind filter `kind` of each indexed page), with its label. */
export const SEARCH_KINDS = {
  runbook: { one: 'Runbook', many: 'Runbooks' },
  incident: { one: 'Incident', many: 'Incidents' },
  concern: { one: 'Concern', many: 'Concerns' },
  experiment: { one: 'Experiment', many: 'Experiments' },
  service: { one: 'Service', many: 'Services' },
  slo: { one: 'SLO', many: 'SLOs' },
} as const;
export type SearchKind = keyof typeof SEARCH_KINDS;
