/** The SLO engine: pure functions from an SLO, its measurements, incidents and policies to a report. */
export { alertState, alertWindows, backtest, WORKBOOK_ALERTS } from './alerts.ts';
export type { AlertRule, AlertState, AlertWindow, Backtest, Firing, IncidentBacktest, Severity } from './alerts.ts';
export { BURN_WINDOWS, burnRates, timeToExhaustion } from './burn.ts';
export type { BurnWindow, Exhaustion } from './burn.ts';
export { budgetPerIncident, DEFAULT_AT_RISK_BELOW, evaluateSlo, isComposite } from './evaluate.ts';
export type { BudgetAmount, ErrorBudget, IncidentBudget, ObjectiveEvaluation, SloEvaluation, SloInput, Status } from './evaluate.ts';
export { meets, objectiveRule, objectiveTarget, toEvents, totals } from './events.ts';
export type { BudgetingMethod, EventSeries, ObjectiveRule, Operator, Totals } from './events.ts';
export { conditionHolds, evaluatePolicy } from './policy.ts';
export type { PolicyCondition, PolicyInput, PolicyState, PolicyStepInput, StepInForce } from './policy.ts';
export { reportEntries, reportEntry, rfc3339 } from './report.ts';
export type { SloReportEntry } from './report.ts';
export { resolutionMs, upperBound } from './series.ts';
export type { Incident, RatioSeries, Series, ThresholdSeries } from './series.ts';
export { compositeView, NO_DATA, NOT_MEASURABLE, objectiveView } from './view.ts';
export type { BudgetView, BurnRate } from './view.ts';
export {
  DEFAULT_STALE_AFTER_MS,
  evaluationInstant,
  formatDurationMs,
  timeSliceMs,
  windowAt,
  windowCursor,
  windowSpec,
  windowSpecOf,
} from './windows.ts';
export type { EvaluationInstant, Interval, WindowSpec } from './windows.ts';
