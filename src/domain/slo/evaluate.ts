/**
 * One SLO evaluated at `asOf`: per objective (and, for a composite SLO, the composite) the
 * window, attainment, error budget, burn rates, alert state, alert backtest, policy state,
 * budget per incident and a status.
 */
import { MINUTE_MS } from '../../core/time.ts';
import type { SLO } from '../../schemas/openslo.ts';
import { alertState, alertWindows, backtest, type AlertState, type AlertWindow, type Backtest } from './alerts.ts';
import { burnRates, timeToExhaustion, type BurnWindow, type Exhaustion } from './burn.ts';
import { timesliceComposite } from './composite.ts';
import { budgetRatio, decimal, objectiveRule, toEvents, type BudgetingMethod, type EventSeries, type Totals } from './events.ts';
import { objectiveHistory, type ObjectiveHistory } from './history.ts';
import { evaluatePolicy, type PolicyInput, type PolicyState } from './policy.ts';
import { upperBound, type Incident, type Series } from './series.ts';
import { consumedShare, objectiveView, occurrencesComposite, windowTotals, type BudgetView, type BurnRate } from './view.ts';
import { DEFAULT_STALE_AFTER_MS, evaluationInstant, periodLength, sliceGrid, windowSpec, type Interval, type WindowSpec } from './windows.ts';

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
  /** Also compute each objective's dashboard series (history.ts) from the same views. */
  readonly history?: boolean;
}

/** A budget quantity in events (Occurrences) or minutes (time-based methods). */
export interface BudgetAmount {
  /** The budget: (1 − target) × events in the window so far, or × the window's whole length in minutes. */
  readonly budget: number;
  readonly consumed: number;
  readonly remaining: number;
}

export interface ErrorBudget {
  /** 1 − target. */
  readonly ratio: number;
  /** Share of the budget consumed: the consumed amount over the budget; null without data. */
  readonly consumed: number | null;
  /** 1 − consumed; negative when overspent. */
  readonly remaining: number | null;
  readonly events?: BudgetAmount;
  readonly minutes?: BudgetAmount;
  readonly exhaustion: Exhaustion;
}

/** Share of an SLO's budget consumed by one incident, over its customer-impact intervals. */
export interface IncidentBudget {
  readonly id: string;
  readonly started: number;
  /** End of the last impact interval measured (mitigated, resolved, or asOf while ongoing). */
  readonly end: number;
  readonly resolved: boolean;
  readonly intervals: readonly Interval[];
  /** Length of the full window whose budget the share is of. */
  readonly referenceMs: number;
  readonly share: number | null;
  /** What the SLO's usual error rate (the 7 days before started) would have consumed in the same intervals. */
  readonly baselineShare: number | null;
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
  /** The dashboard's series, when the input asked for them. */
  readonly history?: ObjectiveHistory;
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

/**
 * Share of the budget each incident naming `sloName` consumed over its customer-impact
 * intervals, of the budget of a full window (`referenceMs`, default the SLO window): the
 * same figure whatever day it is computed, once the incident is over.
 */
export function budgetPerIncident(view: BudgetView, incidents: readonly Incident[], sloName: string, asOf: number, referenceMs?: number): IncidentBudget[] {
  return incidents
    .filter((i) => i.slos.includes(sloName) && i.started <= asOf)
    .map((i) => {
      const measured = view.incidentShare(i, asOf, referenceMs);
      return {
        id: i.id,
        started: i.started,
        end: measured.intervals.at(-1)?.to ?? i.started,
        resolved: i.resolved !== undefined && i.resolved <= asOf,
        intervals: measured.intervals,
        referenceMs: measured.referenceMs,
        share: measured.share,
        baselineShare: measured.baselineShare,
      };
    });
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
  readonly history: boolean;
}

/** The figures every evaluation shares, from a view. */
function viewFigures(view: BudgetView, c: Common) {
  // Factors follow the length of the period in force (a calendar month's real length).
  const windows = alertWindows(periodLength(view.windowAt(c.asOf)), view.resolutionMs, c.spec.nominalMs);
  const alerts = windows.map((w) => alertState(view, w, c.asOf));
  const name = c.slo.metadata.name;
  const history = c.history
    ? { history: objectiveHistory({ view, alerts: windows, policies: c.policies, incidents: c.incidents.filter((i) => i.slos.includes(name)), asOf: c.asOf }) }
    : {};
  return {
    ...history,
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
    events = toEvents(series ?? EMPTY, rule, (sliceMs) => sliceGrid(spec.calendar, sliceMs));
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    events = toEvents(EMPTY, { method: 'Occurrences', target: rule.target });
  }
  return { objective, rule, events, problem, view: objectiveView(events, rule.target, spec, asOf) };
}

/** What the evaluation of one event series (an objective, or a time-based composite) needs. */
interface Measured {
  readonly objective: string | number;
  readonly composite: boolean;
  readonly target: number;
  readonly events: EventSeries;
  readonly view: BudgetView;
  readonly problem?: string | undefined;
}

/** Attainment, budget and every figure of one event series in the window at asOf. */
function evaluateEvents(c: Common, m: Measured): ObjectiveEvaluation {
  const { events, view } = m;
  const window = view.windowAt(c.asOf);
  const sums = windowTotals(events, window, c.asOf);
  const attainment = sums.total > 0 ? sums.good / sums.total : null;
  const ratio = budgetRatio(m.target);
  const consumed = consumedShare(events, sums, window, ratio);
  const remaining = consumed === null ? null : 1 - consumed;
  let amount: BudgetAmount | undefined;
  if (consumed !== null) {
    // The same quantity as `consumed`, in events or in minutes.
    const budget = events.unit === 'events' ? ratio * sums.total : (ratio * periodLength(window)) / MINUTE_MS;
    const spent = events.unit === 'events' ? sums.bad : sums.badMs / MINUTE_MS;
    amount = { budget, consumed: spent, remaining: budget - spent };
  }
  const figures = viewFigures(view, c);
  return {
    slo: c.slo.metadata.name,
    objective: m.objective,
    composite: m.composite,
    service: c.slo.spec.service,
    target: m.target,
    budgetingMethod: c.slo.spec.budgetingMethod,
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
    status: m.problem !== undefined ? 'no-data' : statusOf(attainment, remaining, figures.alerts, c.atRiskBelow),
    ...(m.problem === undefined ? {} : { problem: m.problem }),
  };
}

/** Rows stamped after `now` are not real yet: the evaluation ignores them. */
function upTo(series: Series | undefined, now: number): Series | undefined {
  if (series === undefined) return undefined;
  const n = upperBound(series.time, now);
  if (n === series.time.length) return series;
  return series.type === 'ratio'
    ? { type: 'ratio', time: series.time.slice(0, n), good: series.good.slice(0, n), total: series.total.slice(0, n) }
    : { type: 'threshold', time: series.time.slice(0, n), value: series.value.slice(0, n) };
}

/** Each objective's series (up to now), and the SLO's one evaluation instant. */
function prepare(input: Pick<SloInput, 'slo' | 'series' | 'now' | 'staleAfterMs'>) {
  const objectives = input.slo.spec.objectives;
  const given: (Series | undefined)[] = Array.isArray(input.series)
    ? objectives.map((_, i) => (input.series as readonly (Series | undefined)[])[i])
    : objectives.map(() => input.series as Series | undefined);
  const perObjective = given.map((s) => upTo(s, input.now));
  const staleAfterMs = input.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  // One asOf for the whole SLO: the earliest of its objectives' (so a composite is consistent).
  const instants = perObjective.filter((s) => s !== undefined && s.time.length > 0).map((s) => evaluationInstant(input.now, s!.time, staleAfterMs));
  const asOf = instants.length > 0 ? Math.min(...instants.map((i) => i.asOf)) : input.now;
  const stale = instants.length === 0 || instants.length < perObjective.length || instants.some((i) => i.stale);
  const lasts = instants.map((i) => i.lastMeasurement).filter((t) => t !== null);
  return { perObjective, asOf, stale, lastMeasurement: lasts.length > 0 ? Math.min(...lasts) : null, spec: windowSpec(input.slo) };
}

/**
 * The target shown for a composite: its objectives' target when they share one (the case
 * the spec's sentences describe), else the strictest; the budget figures are the composite's own.
 */
function compositeTarget(targets: readonly number[]): number {
  return Math.max(...targets);
}

type Part = ReturnType<typeof objectiveEvents>;

/** The composite of a composite SLO: its view, and for the time-based methods its own event series. */
function compositeOf(slo: SLO, spec: WindowSpec, asOf: number, parts: readonly Part[]): { view: BudgetView; events?: EventSeries; target: number } {
  const weights = slo.spec.objectives.map((o) => o.compositeWeight ?? 1);
  const target = decimal(compositeTarget(parts.map((p) => p.rule.target)));
  const method = slo.spec.budgetingMethod;
  if (method === 'Occurrences' || parts.some((p) => p.events.unit !== 'slices')) {
    return {
      view: occurrencesComposite(
        parts.map((p) => p.view),
        weights,
        target,
      ),
      target,
    };
  }
  const sliceMs = Math.max(...parts.map((p) => p.events.sliceMs!));
  const events = timesliceComposite(
    method,
    parts.map((p, i) => ({ events: p.events, weight: weights[i]! })),
    sliceGrid(spec.calendar, sliceMs),
  );
  return { view: objectiveView(events, target, spec, asOf), events, target };
}

/**
 * The combination of a composite SLO at its evaluation instant: its budget view and the instants
 * it has figures at (its own slices, or every objective's rows for Occurrences). What an
 * incident's `<SloChart>` charts beside the objectives; undefined for an SLO that is not composite.
 */
export function compositeBudget(
  input: Pick<SloInput, 'slo' | 'series' | 'now' | 'staleAfterMs'>,
): { readonly view: BudgetView; readonly target: number; readonly time: readonly number[] } | undefined {
  const { slo } = input;
  if (!isComposite(slo)) return undefined;
  const { perObjective, asOf, spec } = prepare(input);
  const parts = perObjective.map((series, i) => objectiveEvents(slo, spec, asOf, i, series));
  const { view, events, target } = compositeOf(slo, spec, asOf, parts);
  const time = events !== undefined ? Array.from(events.time) : [...new Set(parts.flatMap((p) => Array.from(p.events.time)))].sort((a, b) => a - b);
  return { view, target, time };
}

/** Budget per incident of one SLO: per objective, then the composite of a composite SLO. */
export interface IncidentBudgets {
  readonly objective: string | number;
  readonly incidents: readonly IncidentBudget[];
}

/**
 * The share of the budget each incident naming the SLO consumed, per objective (and for the
 * composite), at the SLO's asOf: what evaluateSlo reports as `incidents`, without the rest
 * (no backtest, no policies), for rules that only need this. `referenceMs`: the period whose
 * full budget the share is of (a policy's `of`), default the SLO window.
 */
export function incidentBudgets(
  input: Pick<SloInput, 'slo' | 'series' | 'now' | 'staleAfterMs'> & { readonly incidents: readonly Incident[]; readonly referenceMs?: number },
): IncidentBudgets[] {
  const { slo, incidents } = input;
  const name = slo.metadata.name;
  if (!incidents.some((i) => i.slos.includes(name))) return [];
  const { perObjective, asOf, spec } = prepare(input);
  const parts = perObjective.map((series, i) => objectiveEvents(slo, spec, asOf, i, series));
  const out: IncidentBudgets[] = parts.map((p, i) => ({
    objective: p.objective.displayName ?? i,
    incidents: budgetPerIncident(p.view, incidents, name, asOf, input.referenceMs),
  }));
  if (isComposite(slo)) {
    const { view } = compositeOf(slo, spec, asOf, parts);
    out.push({ objective: 'composite', incidents: budgetPerIncident(view, incidents, name, asOf, input.referenceMs) });
  }
  return out;
}

/** Evaluates every objective of an SLO (and the composite of a composite SLO). */
export function evaluateSlo(input: SloInput): SloEvaluation {
  const { slo } = input;
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
    history: input.history ?? false,
  };
  const parts = perObjective.map((series, i) => objectiveEvents(slo, spec, asOf, i, series));
  const objectives = parts.map((p, i) =>
    evaluateEvents(common, {
      objective: p.objective.displayName ?? i,
      composite: false,
      target: p.rule.target,
      events: p.events,
      view: p.view,
      problem: p.problem,
    }),
  );
  if (!isComposite(slo)) return { slo: slo.metadata.name, asOf, stale, objectives };

  const combined = compositeOf(slo, spec, asOf, parts);
  if (combined.events !== undefined) {
    const composite = evaluateEvents(common, {
      objective: 'composite',
      composite: true,
      target: combined.target,
      events: combined.events,
      view: combined.view,
    });
    return { slo: slo.metadata.name, asOf, stale, objectives, composite };
  }
  // Occurrences: each weight multiplies the missing part of the attainment, as it multiplies the burn.
  const weights = slo.spec.objectives.map((o) => o.compositeWeight ?? 1);
  const withData = objectives.map((o, i) => [o.attainment, weights[i]!] as const).filter(([a]) => a !== null);
  const attainment = withData.length > 0 ? Math.max(0, 1 - withData.reduce((sum, [a, w]) => sum + w * (1 - a!), 0)) : null;
  const view = combined.view;
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
  return { slo: slo.metadata.name, asOf, stale, objectives, composite };
}
