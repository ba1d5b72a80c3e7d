/**
 * The JSON-ready report of one SLO objective (issue 9's `keel report slos --format json`
 * entry): times as RFC 3339 in UTC, figures unrounded, durations as shorthand (`1h`), lead
 * times in minutes.
 */
import type { BurnWindow } from './burn.ts';
import type { ObjectiveEvaluation, SloEvaluation, Status } from './evaluate.ts';
import { HOUR_MS } from '../../core/time.ts';
import type { PolicyAction, PolicyCondition } from './policy.ts';
import { formatDurationMs } from './windows.ts';

export interface SloReportEntry {
  slo: string;
  objective: string | number;
  composite: boolean;
  service: string;
  target: number;
  budgetingMethod: string;
  window: { duration: string; rolling: boolean; from: string; to: string };
  asOf: string;
  stale: boolean;
  lastMeasurement: string | null;
  attainment: number | null;
  /** Rows or slices of the window so far without data, and the share of the window that has data. */
  noData: { count: number; unit: 'rows' | 'slices' } | null;
  coverage: number | null;
  errorBudget: {
    ratio: number;
    consumed: number | null;
    remaining: number | null;
    minutes?: { budget: number; consumed: number; remaining: number };
    events?: { budget: number; consumed: number; remaining: number };
    exhaustion: { at: string | null; hours: number | null; basis: string; burnRate: number | null; periodEndsFirst: boolean; periodEnd: string };
  };
  burnRates: Record<BurnWindow, number | null>;
  /** The alert table evaluated: every row with its windows (as written and as evaluated), factor and state. */
  alerts: {
    name: string;
    severity: string;
    firing: boolean;
    longWindow: string;
    shortWindow: string;
    /** The Workbook's windows before widening to the data's resolution. */
    table: { longWindow: string; shortWindow: string; budgetShare: number };
    factor: number;
    coarsened: boolean;
    longBurn: number | null;
    shortBurn: number | null;
  }[];
  backtest: {
    firings: { alert: string; severity: string; from: string; to: string | null; incidents: string[] }[];
    incidents: { id: string; started: string; detected: string | null; alertAt: string | null; lead: number | null }[];
    unmatched: number;
  };
  /** Every policy governing the SLO, each step in force with its since. */
  policies: {
    name: string;
    inForce: { step: string; since: string; sinceStartOfHistory: boolean; actions: PolicyAction[]; incidents?: string[] }[];
    steps: { name: string; when: PolicyCondition; actions: PolicyAction[]; inForce: boolean }[];
  }[];
  /** Budget per incident, over its customer-impact intervals, of a full window's budget. */
  incidents: {
    id: string;
    started: string;
    end: string;
    resolved: boolean;
    intervals: { from: string; to: string }[];
    reference: string;
    share: number | null;
    baselineShare: number | null;
  }[];
  status: Status;
  problem?: string;
}

/** RFC 3339 in UTC, without milliseconds when they are zero. */
export function rfc3339(at: number): string {
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

const orNull = (at: number | null): string | null => (at === null ? null : rfc3339(at));

/** One report entry. Windows are the ones evaluated (after coarsening to the data's resolution; `coarsened` says so). */
export function reportEntry(e: ObjectiveEvaluation): SloReportEntry {
  const budget = e.errorBudget;
  const exhaustion = budget.exhaustion;
  return {
    slo: e.slo,
    objective: e.objective,
    composite: e.composite,
    service: e.service,
    target: e.target,
    budgetingMethod: e.budgetingMethod,
    window: { duration: e.window.duration, rolling: e.window.rolling, from: rfc3339(e.window.from), to: rfc3339(e.window.to) },
    asOf: rfc3339(e.asOf),
    stale: e.stale,
    lastMeasurement: orNull(e.lastMeasurement),
    attainment: e.attainment,
    noData: e.noData ? { ...e.noData } : null,
    coverage: e.coverage ?? null,
    errorBudget: {
      ratio: budget.ratio,
      consumed: budget.consumed,
      remaining: budget.remaining,
      ...(budget.minutes ? { minutes: { ...budget.minutes } } : {}),
      ...(budget.events ? { events: { ...budget.events } } : {}),
      exhaustion: {
        at: exhaustion.ms === null ? null : rfc3339(e.asOf + exhaustion.ms),
        hours: exhaustion.ms === null ? null : exhaustion.ms / HOUR_MS,
        basis: formatDurationMs(exhaustion.basisMs),
        burnRate: exhaustion.burnRate,
        periodEndsFirst: exhaustion.periodEndsFirst,
        periodEnd: rfc3339(exhaustion.periodEnd),
      },
    },
    burnRates: Object.fromEntries(Object.entries(e.burnRates).map(([k, v]) => [k, v.value])),
    alerts: e.alerts.map((a) => ({
      name: a.alert.name,
      severity: a.alert.severity,
      firing: a.firing,
      longWindow: formatDurationMs(a.alert.evalLongMs),
      shortWindow: formatDurationMs(a.alert.evalShortMs),
      table: { longWindow: formatDurationMs(a.alert.longMs), shortWindow: formatDurationMs(a.alert.shortMs), budgetShare: a.alert.budgetShare },
      factor: a.alert.factor,
      coarsened: a.alert.coarsened,
      longBurn: a.longBurn,
      shortBurn: a.shortBurn,
    })),
    backtest: {
      firings: e.backtest.firings.map((f) => ({ alert: f.alert, severity: f.severity, from: rfc3339(f.from), to: orNull(f.to), incidents: [...f.incidents] })),
      incidents: e.backtest.incidents.map((i) => ({
        id: i.id,
        started: rfc3339(i.started),
        detected: orNull(i.detected),
        alertAt: orNull(i.alertAt),
        lead: i.leadMinutes,
      })),
      unmatched: e.backtest.unmatched.length,
    },
    policies: e.policies.map((p) => ({
      name: p.name,
      inForce: p.inForce.map((s) => ({
        step: s.step,
        since: rfc3339(s.since),
        sinceStartOfHistory: s.sinceStartOfHistory,
        actions: [...s.actions],
        ...(s.incidents ? { incidents: [...s.incidents] } : {}),
      })),
      steps: p.steps.map((s) => ({ name: s.name, when: s.when, actions: [...s.actions], inForce: s.inForce })),
    })),
    incidents: e.incidents.map((i) => ({
      id: i.id,
      started: rfc3339(i.started),
      end: rfc3339(i.end),
      resolved: i.resolved,
      intervals: i.intervals.map((v) => ({ from: rfc3339(v.from), to: rfc3339(v.to) })),
      reference: formatDurationMs(i.referenceMs),
      share: i.share,
      baselineShare: i.baselineShare,
    })),
    status: e.status,
    ...(e.problem === undefined ? {} : { problem: e.problem }),
  };
}

/** Report entries of an SLO: each objective, then the composite when there is one. */
export function reportEntries(evaluation: SloEvaluation): SloReportEntry[] {
  const entries = evaluation.objectives.map(reportEntry);
  if (evaluation.composite) entries.push(reportEntry(evaluation.composite));
  return entries;
}
