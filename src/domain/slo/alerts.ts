/**
 * Multi-window, multi-burn-rate alerts (Google SRE Workbook, "Alerting on SLOs"), as data:
 * ONE table of alert windows and the share of the period's budget each alert spends, read
 * by the engine (alert state, backtest), the reports and the Prometheus rule generator.
 * Factors are scaled to the SLO period as Sloth does: factor = share × period / long window
 * (14.4, 6, 3, 1 for 30 days; 13.44, 5.6, 2.8, 0.93 for 28 days). Calendar windows use the
 * real length of the period in force (October 2026 in Europe/Paris is 745 h). Windows shorter
 * than the data's resolution are widened to it (to a whole number of resolution steps), and
 * the result says so. Also the backtest: the alerts evaluated at every instant of the history.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';
import { periodLength } from './windows.ts';

export type Severity = 'page' | 'ticket';

/** One alert of a table. */
export interface AlertRule {
  readonly name: string;
  readonly severity: Severity;
  readonly longMs: number;
  readonly shortMs: number;
  /** Share of the period's budget that the long window spends at the alert's factor. */
  readonly budgetShare: number;
}

/** A table of alerts, and the SLO periods it is meant for. */
export interface AlertTable {
  readonly name: string;
  /** Where the shares come from. */
  readonly source: string;
  /** The table applies to SLO periods of at least this length (the longest applicable table wins). */
  readonly minPeriodMs: number;
  readonly rules: readonly AlertRule[];
}

/**
 * The alert tables, longest periods first. For 28 days and more: the four rows of the
 * Workbook and Sloth's `google-30d` (2 %, 5 %, 10 %, 10 %). Below 21 days: the shares of
 * Sloth's own 7-day example (8 %, 12.5 %, 20 %, 42 %; factors 13.44, 3.5, 1.4, 0.98 for
 * 7 days), because the 30-day shares would make the 3-day ticket fire at a burn rate of 0.23
 * on a 7-day SLO: while three quarters of the budget stays unspent. Every factor of both
 * tables stays near or above 1 for the periods they apply to, so no alert fires while the
 * budget is on track.
 */
export const ALERT_TABLES: readonly AlertTable[] = [
  {
    name: 'google-30d',
    source: 'Google SRE Workbook, "Alerting on SLOs"; Sloth google-30d and google-28d',
    minPeriodMs: 21 * DAY_MS,
    rules: [
      { name: 'page-1h', severity: 'page', longMs: HOUR_MS, shortMs: 5 * MINUTE_MS, budgetShare: 0.02 },
      { name: 'page-6h', severity: 'page', longMs: 6 * HOUR_MS, shortMs: 30 * MINUTE_MS, budgetShare: 0.05 },
      { name: 'ticket-1d', severity: 'ticket', longMs: DAY_MS, shortMs: 2 * HOUR_MS, budgetShare: 0.1 },
      { name: 'ticket-3d', severity: 'ticket', longMs: 3 * DAY_MS, shortMs: 6 * HOUR_MS, budgetShare: 0.1 },
    ],
  },
  {
    name: 'short-period',
    source: "Sloth's 7-day example (budget shares 8 %, 12.5 %, 20 %, 42 %)",
    minPeriodMs: 0,
    rules: [
      { name: 'page-1h', severity: 'page', longMs: HOUR_MS, shortMs: 5 * MINUTE_MS, budgetShare: 0.08 },
      { name: 'page-6h', severity: 'page', longMs: 6 * HOUR_MS, shortMs: 30 * MINUTE_MS, budgetShare: 0.125 },
      { name: 'ticket-1d', severity: 'ticket', longMs: DAY_MS, shortMs: 2 * HOUR_MS, budgetShare: 0.2 },
      { name: 'ticket-3d', severity: 'ticket', longMs: 3 * DAY_MS, shortMs: 6 * HOUR_MS, budgetShare: 0.42 },
    ],
  },
];

/**
 * The table for an SLO period (nominal length), with the rows whose long window is shorter
 * than the period: a 3-day window says nothing about a 1-day SLO.
 */
export function alertTableFor(periodMs: number): AlertTable {
  const table = ALERT_TABLES.find((t) => periodMs >= t.minPeriodMs) ?? ALERT_TABLES.at(-1)!;
  return { ...table, rules: table.rules.filter((r) => r.longMs < periodMs) };
}

/** Every look-back window any alert table reads (long and short), ascending. */
export const ALERT_LOOKBACKS_MS: readonly number[] = [...new Set(ALERT_TABLES.flatMap((t) => t.rules.flatMap((r) => [r.longMs, r.shortMs])))].sort(
  (a, b) => a - b,
);

/** The burn-rate threshold of a rule for a period: budgetShare × period / long window. */
export function factorFor(rule: AlertRule, periodMs: number): number {
  return (rule.budgetShare * periodMs) / rule.longMs;
}

/** An alert rule made concrete for one SLO period and data resolution. */
export interface AlertWindow extends AlertRule {
  /** Burn-rate threshold: budgetShare × period / long window. */
  readonly factor: number;
  /** The windows evaluated (after coarsening). */
  readonly evalLongMs: number;
  readonly evalShortMs: number;
  /** True when a window was widened to the data's resolution. */
  readonly coarsened: boolean;
}

function coarsen(windowMs: number, resolutionMs: number | undefined): number {
  if (resolutionMs === undefined || windowMs % resolutionMs === 0) return windowMs;
  return Math.ceil(windowMs / resolutionMs) * resolutionMs;
}

/**
 * The alert table for an SLO period and data resolution. `periodMs` scales the factors (for a
 * calendar window: the real length of the period in force); the table is chosen by
 * `nominalMs` (the window's nominal length), so that it does not change from month to month.
 */
export function alertWindows(periodMs: number, resolutionMs: number | undefined, nominalMs: number = periodMs): AlertWindow[] {
  return alertTableFor(nominalMs).rules.map((rule) => {
    const evalLongMs = coarsen(rule.longMs, resolutionMs);
    const evalShortMs = coarsen(rule.shortMs, resolutionMs);
    return {
      ...rule,
      factor: factorFor(rule, periodMs),
      evalLongMs,
      evalShortMs,
      coarsened: evalLongMs !== rule.longMs || evalShortMs !== rule.shortMs,
    };
  });
}

/** An alert's state at one instant: firing when both burn rates exceed the factor. */
export interface AlertState {
  readonly alert: AlertWindow;
  readonly firing: boolean;
  readonly longBurn: number | null;
  readonly shortBurn: number | null;
}

export function alertState(view: BudgetView, alert: AlertWindow, at: number): AlertState {
  const longBurn = view.burn(at, alert.evalLongMs).value;
  const shortBurn = view.burn(at, alert.evalShortMs).value;
  const firing = longBurn !== null && shortBurn !== null && longBurn > alert.factor && shortBurn > alert.factor;
  return { alert, firing, longBurn, shortBurn };
}

/** A span during which an alert would have fired: from its first firing evaluation to the first evaluation at which it no longer did (null: still firing at asOf). */
export interface Firing {
  readonly alert: string;
  readonly severity: Severity;
  readonly from: number;
  readonly to: number | null;
  /** Ids of the incidents naming the SLO whose span this firing overlaps. */
  readonly incidents: readonly string[];
}

/** What the page alerts would have done for one incident. */
export interface IncidentBacktest {
  readonly id: string;
  readonly started: number;
  readonly detected: number | null;
  /** Start of the first page firing overlapping the incident (may precede `started`); null when none. */
  readonly alertAt: number | null;
  /** detected − alertAt in minutes: positive when the alert would have come first; null when either is unknown. */
  readonly leadMinutes: number | null;
  /** alertAt − started in minutes (a possible time to detection). */
  readonly afterStartMinutes: number | null;
}

export interface Backtest {
  readonly firings: readonly Firing[];
  readonly incidents: readonly IncidentBacktest[];
  /** Firings overlapping no incident that names the SLO: budget burnt that nobody declared. */
  readonly unmatched: readonly Firing[];
}

/** The span of an incident: [started, resolved], or up to `asOf` while unresolved. */
function span(incident: Incident, asOf: number): [number, number] {
  return [incident.started, incident.resolved ?? asOf];
}

function overlaps(firing: { from: number; to: number | null }, [start, end]: [number, number]): boolean {
  return firing.from <= end && (firing.to === null || firing.to > start);
}

/**
 * Evaluates every alert at every point of the view's history (each measurement or slice
 * end up to asOf) and relates the firings to the incidents that name `sloName`.
 */
export function backtest(view: BudgetView, alerts: readonly AlertWindow[], incidents: readonly Incident[], sloName: string, asOf: number): Backtest {
  const mine = incidents.filter((i) => i.slos.includes(sloName));
  const raw: { alert: AlertWindow; from: number; to: number | null }[] = [];
  const points = view.points;
  for (const alert of alerts) {
    // alertState at every point, in two sweeps (NaN, "no burn rate", never exceeds a factor).
    const long = view.burnSweep(points, alert.evalLongMs);
    const short = view.burnSweep(points, alert.evalShortMs);
    // A calendar window's factor follows the length of the period in force at each instant.
    const factorAt = view.window.calendar === undefined ? () => alert.factor : (t: number) => factorFor(alert, periodLength(view.windowAt(t)));
    let open: number | null = null;
    for (let k = 0; k < points.length; k++) {
      const t = points[k]!;
      const factor = factorAt(t);
      const firing = long[k]! > factor && short[k]! > factor;
      if (firing && open === null) open = t;
      else if (!firing && open !== null) {
        raw.push({ alert, from: open, to: t });
        open = null;
      }
    }
    if (open !== null) raw.push({ alert, from: open, to: null });
  }
  raw.sort((a, b) => a.from - b.from || a.alert.name.localeCompare(b.alert.name));
  const firings: Firing[] = raw.map((f) => ({
    alert: f.alert.name,
    severity: f.alert.severity,
    from: f.from,
    to: f.to,
    incidents: mine.filter((i) => overlaps(f, span(i, asOf))).map((i) => i.id),
  }));
  const minutes = (ms: number) => ms / MINUTE_MS;
  const results = mine.map((incident): IncidentBacktest => {
    const page = firings.find((f) => f.severity === 'page' && f.incidents.includes(incident.id));
    const alertAt = page?.from ?? null;
    const detected = incident.detected ?? null;
    return {
      id: incident.id,
      started: incident.started,
      detected,
      alertAt,
      leadMinutes: alertAt !== null && detected !== null ? minutes(detected - alertAt) : null,
      afterStartMinutes: alertAt !== null ? minutes(alertAt - incident.started) : null,
    };
  });
  return { firings, incidents: results, unmatched: firings.filter((f) => f.incidents.length === 0) };
}
