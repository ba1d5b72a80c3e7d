/**
 * Everything the internal site shows, computed once per build from the validated content index
 * and one "now" (the way Starlight computes its route data once, in utils/routing/data.ts): the
 * SLO engine runs once per SLO, with its dashboard series, however many pages show it.
 */
import type { Diagnostic } from '../../core/diagnostic.ts';
import type { ContentIndex } from '../../content/entry.ts';
import { evaluateSlo, type SloEvaluation } from '../../domain/slo/evaluate.ts';
import { dashboardInputs } from '../../model/slos.ts';
import { councilPortal, type CouncilPortal } from './council.ts';
import { experimentsPortal, type ExperimentsPortal } from './experiments.ts';
import { kpiPages, type KpiPage } from './kpis.ts';
import { learningPage, type LearningPage } from './learning.ts';
import { incidentPages, incidentRows, type IncidentPage, type IncidentRow } from './incidents.ts';
import { overview, type Overview } from './overview.ts';
import { runbookPagesOf, type RunbookPages } from './runbooks.ts';
import { servicePages, type ServicePage, type ServiceRow } from './services.ts';
import { measuredSlosOf } from './slo-periods.ts';
import { sloPages, type SloPage, type SloRow } from './slos.ts';

export interface InternalPortal {
  readonly organisation: string;
  /** The portal's time zone (keel.yaml timeZone), for every time shown and every chart axis. */
  readonly zone: string;
  readonly now: number;
  readonly slos: readonly SloRow[];
  readonly sloPages: readonly SloPage[];
  readonly services: readonly ServiceRow[];
  readonly servicePages: readonly ServicePage[];
  readonly incidents: readonly IncidentRow[];
  readonly incidentPages: readonly IncidentPage[];
  readonly overview: Overview;
  readonly council: CouncilPortal;
  readonly experiments: ExperimentsPortal;
  /** The KPI pages, one per period, the default (last 90 days) first. */
  readonly kpiPages: readonly KpiPage[];
  readonly learning: LearningPage;
  /** The runbook index, a page per runbook, the stale list and the alert pages' targets. */
  readonly runbooks: RunbookPages;
}

/**
 * `diagnostics`: what the build's validation reported (incident pages show their file's findings);
 * `evaluations`: every SLO of the index evaluated at `now` with its dashboard series, when the
 * build has them already (src/astro/slo-evaluations.ts).
 */
export function internalPortal(
  index: ContentIndex,
  now: number,
  diagnostics: readonly Diagnostic[] = [],
  evaluations: readonly SloEvaluation[] = dashboardInputs(index, now).map(evaluateSlo),
): InternalPortal {
  const c = index.collections;
  const serviceNames = new Map(c.services.map((s) => [s.id, s.data.name]));
  const incidentTitles = new Map(c.incidents.map((i) => [i.id, i.data.title]));
  const slos = sloPages(evaluations, {
    index,
    serviceNames,
    owners: new Map(c.services.map((s) => [s.id, s.data.owner])),
    incidentTitles,
  });
  const services = servicePages(index, slos.rows, now);
  const incidents = incidentRows(index, now);
  // Each incident's budget shares, gathered in one pass over the SLO pages (not one pass per incident).
  const sharesById = new Map<string, { title: string; href: string; share: number | null }[]>();
  for (const p of slos.pages) {
    for (const i of p.incidents) {
      const share = { title: p.objective === p.title ? p.title : `${p.title} — ${p.objective}`, href: p.href, share: i.share };
      const list = sharesById.get(i.id);
      if (list === undefined) sharesById.set(i.id, [share]);
      else list.push(share);
    }
  }
  const shares = (id: string) => sharesById.get(id) ?? [];
  const measured = measuredSlosOf(index);
  const sloTitles = new Map(c.slos.map((s) => [s.id, s.data.metadata.displayName ?? s.id]));
  return {
    organisation: index.settings?.data.organisation.name ?? 'Keel',
    zone: index.settings?.data.timeZone ?? 'UTC',
    now,
    slos: slos.rows,
    sloPages: slos.pages,
    services: services.rows,
    servicePages: services.pages,
    incidents,
    incidentPages: incidentPages(index, incidents, shares, now, diagnostics),
    overview: overview(index, slos.rows, incidents, now),
    council: councilPortal(c.concerns, now, { slos: measured, serviceNames, sloTitles, incidentTitles }),
    experiments: experimentsPortal(c.experiments, { slos: measured, serviceNames, sloTitles }),
    kpiPages: kpiPages(index, now),
    learning: learningPage(index, slos.pages),
    runbooks: runbookPagesOf(
      index,
      now,
      slos.rows.map((r) => ({ id: r.href, title: r.objective === r.title ? r.title : `${r.title} — ${r.objective}`, href: r.href, service: r.service.id })),
    ),
  };
}
