/**
 * The alert pages' data: which runbooks each alert's page opens. The URL contract itself lives in
 * src/core/alert-url.ts, which `keel rules` also uses for the rules' runbook_url.
 */
import { alertPath, alertPathSegment } from '../../core/alert-url.ts';

/** What a runbook contributes to the alert pages. */
export interface AlertRunbookInput {
  readonly id: string;
  readonly title: string;
  readonly alerts: readonly string[];
}

/** One alert's page: the runbook it opens, or the runbooks it lists when several name it. */
export interface AlertTarget {
  readonly alert: string;
  readonly segment: string;
  readonly path: string;
  /** Every runbook naming the alert, by id; one: the page redirects to it. */
  readonly runbooks: readonly { readonly id: string; readonly title: string }[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every alert any runbook names, sorted by name, with the runbooks naming it. */
export function alertTargets(runbooks: readonly AlertRunbookInput[]): AlertTarget[] {
  const named = new Map<string, Map<string, string>>();
  for (const runbook of runbooks) {
    for (const alert of runbook.alerts) {
      const list = named.get(alert) ?? new Map<string, string>();
      list.set(runbook.id, runbook.title);
      named.set(alert, list);
    }
  }
  return [...named]
    .sort(([a], [b]) => byText(a, b))
    .map(([alert, list]) => ({
      alert,
      segment: alertPathSegment(alert),
      path: alertPath(alert),
      runbooks: [...list].sort(([a], [b]) => byText(a, b)).map(([id, title]) => ({ id, title })),
    }));
}
