/**
 * The content index as the SLO engine (src/domain/slo) reads it: each SLO with its measurement
 * series, the incidents and the policies that name it, the staleness setting; and every SLO
 * evaluated. `keel report slos`, `keel policy check`, the rules and the internal site's page
 * data all read the engine through this module, so they agree figure for figure.
 */
import { durationMs } from '../core/time.ts';
import type { ContentIndex } from '../content/entry.ts';
import { evaluateSlo, type SloEvaluation, type SloInput } from '../domain/slo/evaluate.ts';
import { engineIncident, type Incident } from '../domain/slo/series.ts';

/** keel.yaml's default for measurementStaleAfter (when there is no keel.yaml). */
const DEFAULT_STALE_AFTER = '2h';

/** The incidents as the engine sees them: instants, customer impact and the SLOs they name. */
export function engineIncidents(index: ContentIndex): Incident[] {
  return index.collections.incidents.map(({ id, data }) => engineIncident(id, data));
}

/**
 * The engine's input for every SLO of the index (or the one named), at `at`. An SLO has one
 * measurements file (measurements/<name>.csv); a composite SLO's objectives all read it.
 */
export function sloInputs(index: ContentIndex, at: number, only?: string): SloInput[] {
  const slos = index.collections.slos.filter((s) => only === undefined || s.id === only);
  const series = new Map(index.measurements.map((m) => [m.id, m.series]));
  // Each SLO sees only the incidents and policies that name it (thousands of incidents otherwise).
  const incidents = new Map<string, Incident[]>();
  for (const incident of engineIncidents(index)) {
    for (const slo of new Set(incident.slos)) {
      const list = incidents.get(slo);
      if (list) list.push(incident);
      else incidents.set(slo, [incident]);
    }
  }
  const policies = index.collections.errorBudgetPolicies.map((p) => p.data);
  const staleAfterMs = durationMs(index.settings?.data.measurementStaleAfter ?? DEFAULT_STALE_AFTER);
  return slos.map((s) => ({
    slo: s.data,
    series: series.get(s.id),
    incidents: incidents.get(s.id) ?? [],
    policies: policies.filter((p) => p.spec.slos.includes(s.id)),
    now: at,
    staleAfterMs,
  }));
}

/** Every SLO's input at `at` with its dashboard series asked for (history.ts): what the internal pages show. */
export function dashboardInputs(index: ContentIndex, at: number): SloInput[] {
  return sloInputs(index, at).map((input) => ({ ...input, history: true }));
}

/** Every SLO of the index (or the one named), evaluated at `at`. */
export function evaluateIndex(index: ContentIndex, at: number, only?: string): SloEvaluation[] {
  return sloInputs(index, at, only).map(evaluateSlo);
}
