/**
 * `keel report slos`: every SLO of the index evaluated by the engine (src/domain/slo), and its
 * formatters. A module of its own so that the engine, and Luxon with it, is loaded only for
 * this report.
 */
import { durationMs } from '../core/time.ts';
import type { ContentIndex } from '../content/entry.ts';
import { evaluateSlo, type SloEvaluation } from '../domain/slo/evaluate.ts';
import { engineIncident, type Incident } from '../domain/slo/series.ts';

export { renderMarkdown, renderText } from '../domain/slo/format.ts';
export { reportEntries, rfc3339 } from '../domain/slo/report.ts';

/** keel.yaml's default for measurementStaleAfter (when there is no keel.yaml). */
const DEFAULT_STALE_AFTER = '2h';

/** The incidents as the engine sees them: instants, customer impact and the SLOs they name. */
function incidentsOf(index: ContentIndex): Incident[] {
  return index.collections.incidents.map(({ id, data }) => engineIncident(id, data));
}

/**
 * Every SLO of the index (or the one named), evaluated at `at`. An SLO has one measurements
 * file (measurements/<name>.csv); a composite SLO's objectives all read it.
 */
export function evaluateIndex(index: ContentIndex, at: number, only?: string): SloEvaluation[] {
  const slos = index.collections.slos.filter((s) => only === undefined || s.id === only);
  const series = new Map(index.measurements.map((m) => [m.id, m.series]));
  // Each SLO sees only the incidents and policies that name it (thousands of incidents otherwise).
  const incidents = new Map<string, Incident[]>();
  for (const incident of incidentsOf(index)) {
    for (const slo of new Set(incident.slos)) {
      const list = incidents.get(slo);
      if (list) list.push(incident);
      else incidents.set(slo, [incident]);
    }
  }
  const policies = index.collections.errorBudgetPolicies.map((p) => p.data);
  const staleAfterMs = durationMs(index.settings?.data.measurementStaleAfter ?? DEFAULT_STALE_AFTER);
  return slos.map((s) =>
    evaluateSlo({
      slo: s.data,
      series: series.get(s.id),
      incidents: incidents.get(s.id) ?? [],
      policies: policies.filter((p) => p.spec.slos.includes(s.id)),
      now: at,
      staleAfterMs,
    }),
  );
}
