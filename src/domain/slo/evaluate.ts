/**
 * One SLO evaluated at `asOf`: per objective (and, for a composite SLO, the composite) the
 * window, attainment, error budget, burn rates, alert state, alert backtest, policy state,
 * budget per incident and a status.
 */
import { MINUTE_MS } from '../../core/time.ts';
import type { SLO } from '../../schemas/openslo.ts';
import { alertState, alertWindows, backtest, type AlertState, type AlertWindow, type Backtest } from './alerts.ts';
import { burnRates, timeToExhaustion, type BurnWindow, type Exhaustion } from './burn.ts';
import { budgetRatio, objectiveRule, toEvents, type BudgetingMethod, type EventSeries, type Totals } from './events.ts';
import { evaluatePolicy, type PolicyInput, type PolicyState } from './policy.ts';
import type { Incident, Series } from './series.ts';
import { compositeView, objectiveView, windowTotals, type BudgetView, type BurnRate } from './view.ts';
import { DEFAULT_STALE_AFTER_MS, evaluationInstant, windowSpec, type Interval, type WindowSpec } from './windows.ts';

export type Status = 'ok' | 'at-risk' | 'exhausted' | 'no-data';

/** Default remaining-budget share below which an SLO is reported at risk. */
export const DEFAULT_AT_RISK_BELOW = 0.25;

export interface SloInput {
  readonly slo: SLO;
  /**
   * Measurements: one series for the SLO's indicator (used by every objective), or one per
   * objective, by index (composite SLOs, whose objectives have their own indicators).
   * undefined: no measurements.
   */
  readonly series: Series | undefined | readonly (Series | undefined)[];
  readonly incidents?: readonly Incident[];
  /** Policies; those whose `spec.slos` names this SLO apply. */
  readonly policies?: readonly PolicyInput[];
  readonly now: number;
  readonly staleAfterMs?: number;
  readonly atRiskBelow?: number;
}

/** A budget quantity in events (Occurrences) or minutes (time-based methods). */
export interface BudgetAmount {
  /** The budget: (1 − target) × events in the window so far, or × the window's minutes. */
  readonly budget: number;
  readonly consumed: number;
  readonly remaining: number;
}

export interface ErrorBudget {
  /** 1 − target. */
  readonly ratio: number;
  /** Share of the budget consumed: (1 − attainment) / (1 − target); null without data. */
  readonly consumed: number | null;
  /** 1 − consumed; negative when overspent. */
  readonly remaining: number | null;
  readonly events?: BudgetAmount;
  readonly minutes?: BudgetAmount;
  readonly exhaustion: Exhaustion;
}

/** Share of an SLO's budget consumed by one incident. */
export interface IncidentBudget {
  readonly id: string;
  readonly started: number;
  /** resolved, or asOf while unresolved. */
  readonly end: number;
  readonly resolved: boolean;
  readonly share: number | null;
}

export interface ObjectiveEvaluation {
  readonly slo: string;
  /** displayName, else the objective's index; `composite` for a composite SLO's combination. */
  readonly objective: string | number;
  readonly composite: boolean;
  readonly service: string;
  readonly target: number;
  readonly budgetingMethod: BudgetingMethod;
  readonly window: { readonly duration: string; readonly rolling: boolean } & Interval;
  readonly asOf: number;
  readonly stale: boolean;
  readonly lastMeasurement: number | null;
  readonly attainment: number | null;
  /** Sums over the window (objectives only). */
  readonly totals?: Totals;
  /** Rows or slices in the window without data (zero traffic, gaps, before the first row). */
  readonly noData?: { readonly count: number; readonly unit: 'rows' | 'slices' };
  /** Share of the window's expected rows or slices that have data. */
  readonly coverage?: number | null;
  readonly resolutionMs: number | undefined;
  readonly sliceMs?: number;
  readonly sliceCoarsened?: boolean;
  readonly errorBudget: ErrorBudget;
  readonly burnRates: Record<BurnWindow, BurnRate>;
  readonly alerts: readonly AlertState[];
  readonly alertWindows: readonly AlertWindow[];
  readonly backtest: Backtest;
  readonly policies: readonly PolicyState[];
  readonly incidents: readonly IncidentBudget[];
  readonly status: Status;
  /** Why the objective could not be evaluated (an objective that does not fit its data). */
  readonly problem?: string;
}

export interface SloEvaluation {
  readonly slo: string;
  readonly asOf: number;
  readonly stale: boolean;
  readonly objectives: readonly ObjectiveEvaluation[];
  /** Composite SLOs only: the weighted combination of the objectives. */
  readonly composite?: ObjectiveEvaluation;
}

const EMPTY: Series = { type: 'ratio', time: [], good: [], total: [] };

/** True when every objective has its own indicator (OpenSLO composite SLO). */
export function isComposite(slo: SLO): boolean {
  const objectives = slo.spec.objectives;
  return objectives.length > 1 && objectives.every((o) => o.indicator !== undefined || o.indicatorRef !== undefined);
}

/** Share of the budget each incident naming `sloName` consumed between started and resolved (or asOf). */
export function budgetPerIncident(view: BudgetView, incidents: readonly Incident[], sloName: string, asOf: number): IncidentBudget[] {
  return incidents
    .filter((i) => i.slos.includes(sloName) && i.started <= asOf)
    .map((i) => ({
      id: i.id,
      started: i.started,
      end: Math.min(i.resolved ?? asOf, asOf),
      resolved: i.resolved !== undefined && i.resolved <= asOf,
      share: view.incidentShare(i, asOf),
    }));
}

function statusOf(attainment: number | null, remaining: number | null, alerts: readonly AlertState[], atRiskBelow: number): Status {
  if (attainment === null || remaining === null) return 'no-data';
  if (remaining <= 0) return 'exhausted';
  if (remaining < atRiskBelow || alerts.some((a) => a.firing)) return 'at-risk';
  return 'ok';
}

interface Common {
  readonly slo: SLO;
  readonly spec: WindowSpec;
  readonly asOf: number;
  readonly stale: boolean;
  readonly lastMeasurement: number | null;
  readonly incidents: readonly Incident[];
  readonly policies: readonly PolicyInput[];
  readonly atRiskBelow: number;
}

/** The figures every evaluation shares, from a view. */
function viewFigures(view: BudgetView, c: Common) {
  const windows = alertWindows(c.spec.nominalMs, view.resolutionMs);
  const alerts = windows.map((w) => alertState(view, w, c.asOf));
  const name = c.slo.metadata.name;
  return {
    burnRates: burnRates(view, c.asOf),
    alertWindows: windows,
    alerts,
    backtest: backtest(view, windows, c.incidents, name, c.asOf),
    policies: c.policies.map((p) => evaluatePolicy(view, p, c.incidents, name)),
    incidents: budgetPerIncident(view, c.incidents, name, c.asOf),
  };
}

/** One objective's events and budget view at asOf (an objective that does not fit its data has none, and a problem). */
function objectiveEvents(slo: SLO, spec: WindowSpec, asOf: number, index: number, series: Series | undefined) {
  const objective = slo.spec.objectives[index]!;
  const rule = objectiveRule(slo.spec.budgetingMethod, objective);
  let events: EventSeries;
  let problem: string | undefined;
  try {
    events = toEvents(series ?? EMPTY, rule, spec.calendar?.start ?? 0);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    events = toEvents(EMPTY, { method: 'Occurrences', target: rule.target });
  }
  return { objective, rule, events, problem, view: objectiveView(events, rule.target, spec, asOf) };
}

function evaluateObjective(c: Common, index: number, series: Series | undefined): { evaluation: ObjectiveEvaluation; view: BudgetView } {
  const method = c.slo.spec.budgetingMethod;
  const { objective, rule, events, problem, view } = objectiveEvents(c.slo, c.spec, c.asOf, index, series);
  const window = view.windowAt(c.asOf);
  const sums = windowTotals(events, window, c.asOf);
  const attainment = sums.total > 0 ? sums.good / sums.total : null;
  const ratio = budgetRatio(rule.target);
  const consumed = attainment === null ? null : sums.bad / (sums.total * ratio);
  const remaining = consumed === null ? null : 1 - consumed;
  const amount: BudgetAmount | undefined =
    attainment === null
      ? undefined
      : events.unit === 'events'
        ? { budget: ratio * sums.total, consumed: sums.bad, remaining: ratio * sums.total - sums.bad }
        : (() => {
            const budget = (ratio * (window.to - window.from)) / MINUTE_MS;
            const spent = (sums.bad * events.sliceMs!) / MINUTE_MS;
            return { budget, consumed: spent, remaining: budget - spent };
          })();
  const figures = viewFigures(view, c);
  const evaluation: ObjectiveEvaluation = {
    slo: c.slo.metadata.name,
    objective: objective.displayName ?? index,
    composite: false,
    service: c.slo.spec.service,
    target: rule.target,
    budgetingMethod: method,
    window: { duration: c.spec.duration, rolling: c.spec.rolling, ...window },
    asOf: c.asOf,
    stale: c.stale,
    lastMeasurement: c.lastMeasurement,
    attainment,
    totals: sums,
    noData: { count: Math.max(0, sums.expected - sums.withData), unit: events.unit === 'events' ? 'rows' : 'slices' },
    coverage: sums.expected > 0 ? Math.min(1, sums.withData / sums.expected) : null,
    resolutionMs: events.resolutionMs,
    ...(events.sliceMs === undefined ? {} : { sliceMs: events.sliceMs, sliceCoarsened: events.sliceCoarsened ?? false }),
    errorBudget: {
      ratio,
      consumed,
      remaining,
      ...(amount === undefined ? {} : events.unit === 'events' ? { events: amount } : { minutes: amount }),
      exhaustion: timeToExhaustion(view, c.asOf, remaining),
    },
    ...figures,
    status: problem !== undefined ? 'no-data' : statusOf(attainment, remaining, figures.alerts, c.atRiskBelow),
    ...(problem === undefined ? {} : { problem }),
  };
  return { evaluation, view };
}

/** Each objective's series, and the SLO's one evaluation instant. */
function prepare(input: Pick<SloInput, 'slo' | 'series' | 'now' | 'staleAfterMs'>) {
  const objectives = input.slo.spec.objectives;
  const perObjective: (Series | undefined)[] = Array.isArray(input.series)
    ? objectives.map((_, i) => (input.series as readonly (Series | undefined)[])[i])
    : objectives.map(() => input.series as Series | undefined);
  const staleAfterMs = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  // One asOf for the whole SLO: the earliest of its objectives' (so a composite is consistent).
  const instants = perObjective.filter((s) => s !== undefined && s.time.length > 0).map((s) => evaluationInstant(input.now, s!.time, staleAfterMs));
  const asOf = instants.length > 0 ? Math.min(...instants.map((i) => i.asOf)) : input.now;
  const stale = instants.length === 0 || instants.length < perObjective.length || instants.some((i) => i.stale);
  const lasts = instants.map((i) => i.lastMeasurement).filter((t) => t !== null);
  return { perObjective, asOf, stale, lastMeasurement: lasts.length > 0 ? Math.min(...lasts) : null, spec: windowSpec(input.slo) };
}

/** Budget per incident of one SLO: per objective, then the composite of a composite SLO. */
export interface IncidentBudgets {
  readonly objective: string | number;
  readonly incidents: readonly IncidentBudget[];
}

/**
 * The share of the budget each incident naming the SLO consumed, per objective (and for the
 * composite), at the SLO's asOf: what evaluateSlo reports as `incidents`, without the rest
 * (no backtest, no policies), for rules that only need this.
 */
export function incidentBudgets(
  input: Pick<SloInput, 'slo' | 'series' | 'now' | 'staleAfterMs'> & { readonly incidents: readonly Incident[] },
): IncidentBudgets[] {
  const { slo, incidents } = input;
  const name = slo.metadata.name;
  if (!incidents.some((i) => i.slos.includes(name))) return [];
  const { perObjective, asOf, spec } = prepare(input);
  const parts = perObjective.map((series, i) => objectiveEvents(slo, spec, asOf, i, series));
  const out: IncidentBudgets[] = parts.map((p, i) => ({
    objective: p.objective.displayName ?? i,
    incidents: budgetPerIncident(p.view, incidents, name, asOf),
  }));
  if (isComposite(slo)) {
    const view = compositeView(
      parts.map((p) => p.view),
      slo.spec.objectives.map((o) => o.compositeWeight ?? 1),
    );
    out.push({ objective: 'composite', incidents: budgetPerIncident(view, incidents, name, asOf) });
  }
  return out;
}

/** Evaluates every objective of an SLO (and the composite of a composite SLO). */
export function evaluateSlo(input: SloInput): SloEvaluation {
  const { slo } = input;
  const objectives = slo.spec.objectives;
  const { perObjective, asOf, stale, lastMeasurement, spec } = prepare(input);
  const common: Common = {
    slo,
    spec,
    asOf,
    stale,
    lastMeasurement,
    incidents: input.incidents ?? [],
    policies: (input.policies ?? []).filter((p) => p.spec.slos.includes(slo.metadata.name)),
    atRiskBelow: input.atRiskBelow ?? DEFAULT_AT_RISK_BELOW,
  };
  const evaluated = perObjective.map((series, i) => evaluateObjective(common, i, series));
  if (!isComposite(slo)) return { slo: slo.metadata.name, asOf, stale, objectives: evaluated.map((e) => e.evaluation) };

  const weights = objectives.map((o) => o.compositeWeight ?? 1);
  const view = compositeView(
    evaluated.map((e) => e.view),
    weights,
  );
  const attainments = evaluated.map((e) => e.evaluation.attainment);
  let sum = 0;
  let weight = 0;
  attainments.forEach((a, i) => {
    if (a !== null) {
      sum += a * weights[i]!;
      weight += weights[i]!;
    }
  });
  const attainment = weight > 0 ? sum / weight : null;
  const consumed = view.consumed(asOf);
  const remaining = consumed === null ? null : 1 - consumed;
  const window = view.windowAt(asOf);
  const figures = viewFigures(view, common);
  const composite: ObjectiveEvaluation = {
    slo: slo.metadata.name,
    objective: 'composite',
    composite: true,
    service: slo.spec.service,
    target: view.target,
    budgetingMethod: slo.spec.budgetingMethod,
    window: { duration: common.spec.duration, rolling: common.spec.rolling, ...window },
    asOf,
    stale,
    lastMeasurement: common.lastMeasurement,
    attainment,
    resolutionMs: view.resolutionMs,
    errorBudget: { ratio: budgetRatio(view.target), consumed, remaining, exhaustion: timeToExhaustion(view, asOf, remaining) },
    ...figures,
    status: statusOf(attainment, remaining, figures.alerts, common.atRiskBelow),
  };
  return { slo: slo.metadata.name, asOf, stale, objectives: evaluated.map((e) => e.evaluation), composite };
}
