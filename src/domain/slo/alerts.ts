/**
 * Multi-window, multi-burn-rate alerts (Google SRE Workbook, "Alerting on SLOs"), as data:
 * page when the 1 h and 5 m burn rates exceed the factor that spends 2 % of the budget in
 * the long window, page on 6 h and 30 m for 5 %, ticket on 3 d and 6 h for 10 %. Factors
 * are scaled to the SLO period as Sloth does (factor = share × period / long window: 14.4,
 * 6, 1 for 30 days; 13.44, 5.6, 0.93 for 28 days). Windows shorter than the data's
 * resolution are widened to it (to a whole number of resolution steps), and the result says
 * so. Also the backtest: the alerts evaluated at every instant of the history.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/time.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';

export type Severity = 'page' | 'ticket';

/** One alert of the Workbook's table. */
export interface AlertRule {
  readonly name: string;
  readonly severity: Severity;
  readonly longMs: number;
  readonly shortMs: number;
  /** Share of the period's budget that the long window spends at the alert's factor. */
  readonly budgetShare: number;
}

export const WORKBOOK_ALERTS: readonly AlertRule[] = [
  { name: 'page-1h', severity: 'page', longMs: HOUR_MS, shortMs: 5 * MINUTE_MS, budgetShare: 0.02 },
  { name: 'page-6h', severity: 'page', longMs: 6 * HOUR_MS, shortMs: 30 * MINUTE_MS, budgetShare: 0.05 },
  { name: 'ticket-3d', severity: 'ticket', longMs: 3 * DAY_MS, shortMs: 6 * HOUR_MS, budgetShare: 0.1 },
];

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

/** The alert table for an SLO period and data resolution. */
export function alertWindows(periodMs: number, resolutionMs: number | undefined, rules: readonly AlertRule[] = WORKBOOK_ALERTS): AlertWindow[] {
  return rules.map((rule) => {
    const evalLongMs = coarsen(rule.longMs, resolutionMs);
    const evalShortMs = coarsen(rule.shortMs, resolutionMs);
    return {
      ...rule,
      factor: (rule.budgetShare * periodMs) / rule.longMs,
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
    let open: number | null = null;
    for (let k = 0; k < points.length; k++) {
      const t = points[k]!;
      const firing = long[k]! > alert.factor && short[k]! > alert.factor;
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
