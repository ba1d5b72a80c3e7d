/**
 * The JSON-ready report of one SLO objective (issue 9's `keel report slos --format json`
 * entry): times as RFC 3339 in UTC, figures unrounded, durations as shorthand (`1h`), lead
 * times in minutes.
 */
import type { PolicyAction } from '../../schemas/error-budget-policy.ts';
import type { BurnWindow } from './burn.ts';
import type { ObjectiveEvaluation, SloEvaluation, Status } from './evaluate.ts';
import { formatDurationMs } from './windows.ts';

export interface SloReportEntry {
  slo: string;
  objective: string | number;
  service: string;
  target: number;
  budgetingMethod: string;
  window: { duration: string; rolling: boolean; from: string; to: string };
  asOf: string;
  stale: boolean;
  attainment: number | null;
  errorBudget: {
    ratio: number;
    consumed: number | null;
    remaining: number | null;
    minutes?: { budget: number; consumed: number; remaining: number };
    events?: { budget: number; consumed: number; remaining: number };
  };
  burnRates: Record<BurnWindow, number | null>;
  alerts: { name: string; severity: string; firing: boolean; longWindow: string; shortWindow: string; factor: number; coarsened: boolean }[];
  backtest: {
    firings: { alert: string; from: string; to: string | null }[];
    incidents: { id: string; started: string; detected: string | null; alertAt: string | null; lead: number | null }[];
  };
  policy: { name: string; inForce: { step: string; since: string; actions: PolicyAction[] }[] } | null;
  status: Status;
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
export function rfc3339(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

const orNull = (at: number | null): string | null => (at === null ? null : rfc3339(at));

/** One report entry. Windows are the ones evaluated (after coarsening to the data's resolution; `coarsened` says so). */
export function reportEntry(e: ObjectiveEvaluation): SloReportEntry {
  const budget = e.errorBudget;
  const policy = e.policies[0];
  return {
    slo: e.slo,
    objective: e.objective,
    service: e.service,
    target: e.target,
    budgetingMethod: e.budgetingMethod,
    window: { duration: e.window.duration, rolling: e.window.rolling, from: rfc3339(e.window.from), to: rfc3339(e.window.to) },
    asOf: rfc3339(e.asOf),
    stale: e.stale,
    attainment: e.attainment,
    errorBudget: {
      ratio: budget.ratio,
      consumed: budget.consumed,
      remaining: budget.remaining,
      ...(budget.minutes ? { minutes: { ...budget.minutes } } : {}),
      ...(budget.events ? { events: { ...budget.events } } : {}),
    },
    burnRates: Object.fromEntries(Object.entries(e.burnRates).map(([k, v]) => [k, v.value])) as Record<BurnWindow, number | null>,
    alerts: e.alerts.map((a) => ({
      name: a.alert.name,
      severity: a.alert.severity,
      firing: a.firing,
      longWindow: formatDurationMs(a.alert.evalLongMs),
      shortWindow: formatDurationMs(a.alert.evalShortMs),
      factor: a.alert.factor,
      coarsened: a.alert.coarsened,
    })),
    backtest: {
      firings: e.backtest.firings.map((f) => ({ alert: f.alert, from: rfc3339(f.from), to: orNull(f.to) })),
      incidents: e.backtest.incidents.map((i) => ({
        id: i.id,
        started: rfc3339(i.started),
        detected: orNull(i.detected),
        alertAt: orNull(i.alertAt),
        lead: i.leadMinutes,
      })),
    },
    policy: policy ? { name: policy.name, inForce: policy.inForce.map((s) => ({ step: s.step, since: rfc3339(s.since), actions: [...s.actions] })) } : null,
    status: e.status,
  };
}

/** Report entries of an SLO: each objective, then the composite when there is one. */
export function reportEntries(evaluation: SloEvaluation): SloReportEntry[] {
  const entries = evaluation.objectives.map(reportEntry);
  if (evaluation.composite) entries.push(reportEntry(evaluation.composite));
  return entries;
}
