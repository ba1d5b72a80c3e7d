/**
 * Where each thing lives on the internal site: one table, so that a kind that gets a page of its
 * own changes one line and every link follows. Kinds without a page of their own (error-budget
 * policies) link to their source page under /raw/.
 */
import { slug } from '../../core/slug.ts';

const raw = (collection: string) => (id: string) => `/raw/${collection}/${encodeURIComponent(id)}/`;

export const HREF = {
  overview: '/',
  slos: '/slos/',
  services: '/services/',
  incidents: '/incidents/',
  kpis: '/kpis/',
  council: '/council/',
  councilAgenda: '/council/agenda/',
  experiments: '/experiments/',
  learning: '/learning/',
  runbooks: '/runbooks/',
  runbooksStale: '/runbooks/stale/',
  search: '/search/',
  /** An SLO objective's page: /slos/<name>/ for the SLO's first page, /slos/<name>/<objective>/ for the others. */
  slo: (name: string, objective?: string) => `/slos/${encodeURIComponent(name)}/${objective === undefined ? '' : `${encodeURIComponent(objective)}/`}`,
  service: (id: string) => `/services/${encodeURIComponent(id)}/`,
  incident: (id: string) => `/incidents/${encodeURIComponent(id)}/`,
  runbook: (id: string) => `/runbooks/${encodeURIComponent(id)}/`,
  concern: (id: string) => `/council/${encodeURIComponent(id)}/`,
  experiment: (id: string) => `/experiments/${encodeURIComponent(id)}/`,
  /** A game day's page: its name as a slug (src/projections/internal/experiments.ts keeps them apart). */
  gameDay: (key: string) => `/experiments/game-days/${encodeURIComponent(key)}/`,
  policy: raw('errorBudgetPolicies'),
} as const;

/** The path segment of an objective: its display name as a slug, else its position. */
export const objectiveKey = (objective: string | number): string => (typeof objective === 'number' ? `objective-${objective}` : slug(objective) || 'objective');
