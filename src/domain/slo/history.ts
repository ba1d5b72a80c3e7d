/**
 * What an SLO dashboard draws, from the same budget view the evaluation reads (so the engine
 * runs once per SLO): the SLI and the remaining budget at every instant of the window in force,
 * the burn rates of every alert's two windows, the attainment of the past full windows, and when
 * each policy step came into force and left it. Series are as long as the data; the page data
 * downsample them.
 */
import type { AlertWindow } from './alerts.ts';
import { budgetRatio } from './events.ts';
import { conditionHolds, incidentThreshold, type PolicyInput } from './policy.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';
import type { Interval } from './windows.ts';

/** How many past full windows a dashboard shows. */
export const PAST_WINDOWS = 6;

/** A series of values at instants (NaN where there is no value). */
export interface TimeSeries {
  readonly time: readonly number[];
  readonly values: readonly number[];
}

export interface AlertHistory {
  readonly alert: string;
  readonly factor: number;
  readonly long: TimeSeries;
  readonly short: TimeSeries;
}

/** A full window before the current one: the share of its budget consumed, and what that makes the SLI. */
export interface PastWindow extends Interval {
  readonly consumed: number | null;
  /** 1 − consumed × (1 − target): the attainment the consumed budget stands for. */
  readonly attainment: number | null;
  readonly met: boolean | null;
}

/** A policy step entering or leaving force. */
export interface StepChange {
  readonly at: number;
  readonly step: string;
  readonly change: 'entered' | 'left';
}

export interface PolicyHistory {
  readonly policy: string;
  /** Newest first, over the instants the history covers (`from` on). */
  readonly changes: readonly StepChange[];
  readonly from: number;
}

/** An incident's share of the budget measured against each incident step of a policy (Google's 20 % rule). */
export interface IncidentStepCheck {
  readonly incident: string;
  readonly policy: string;
  readonly step: string;
  readonly threshold: number;
  /** The period whose budget the share is of (the step's `of`), or the SLO window's when undefined. */
  readonly ofMs: number | undefined;
  readonly share: number | null;
  readonly over: boolean;
}

export interface ObjectiveHistory {
  /** The SLI per data interval in the window in force: 1 − burn rate × (1 − target). */
  readonly sli: TimeSeries;
  /** Share of the budget left at each instant of the window in force (negative: overspent). */
  readonly remaining: TimeSeries;
  readonly burn: readonly AlertHistory[];
  /** Newest first, as many of the last {@link PAST_WINDOWS} as the data cover. */
  readonly pastWindows: readonly PastWindow[];
  readonly policies: readonly PolicyHistory[];
  readonly incidentSteps: readonly IncidentStepCheck[];
}

const series = (time: readonly number[], values: ArrayLike<number>): TimeSeries => ({ time, values: Array.from(values) });

/** The full windows before the one holding asOf, newest first, that start after the data do. */
function pastWindows(view: BudgetView, asOf: number, dataStart: number, target: number): PastWindow[] {
  const out: PastWindow[] = [];
  let end = view.windowAt(asOf).from;
  for (let n = 0; n < PAST_WINDOWS; n++) {
    const window = view.windowAt(end);
    if (window.from < dataStart || window.to > asOf) break;
    const consumed = view.consumed(window.to);
    out.push({
      from: window.from,
      to: window.to,
      consumed,
      attainment: consumed === null ? null : 1 - consumed * budgetRatio(target),
      met: consumed === null ? null : consumed <= 1,
    });
    end = window.from;
  }
  return out;
}

/** When each step of a policy entered and left force, at the history's instants from `from` on. */
function policyHistory(view: BudgetView, policy: PolicyInput, incidents: readonly Incident[], points: readonly number[], from: number): PolicyHistory {
  const changes: StepChange[] = [];
  for (const step of policy.spec.steps) {
    let holding = false;
    for (const at of points) {
      if (at < from) continue;
      const holds = conditionHolds(view, step.when, at, incidents).holds;
      if (holds !== holding) changes.push({ at, step: step.name, change: holds ? 'entered' : 'left' });
      holding = holds;
    }
  }
  changes.sort((a, b) => b.at - a.at || a.step.localeCompare(b.step));
  return { policy: policy.metadata.name, changes, from };
}

export interface HistoryInput {
  readonly view: BudgetView;
  readonly alerts: readonly AlertWindow[];
  readonly policies: readonly PolicyInput[];
  /** The incidents naming the SLO. */
  readonly incidents: readonly Incident[];
  readonly asOf: number;
}

/** The dashboard's series of one objective (or composite) at asOf. */
export function objectiveHistory({ view, alerts, policies, incidents, asOf }: HistoryInput): ObjectiveHistory {
  const window = view.windowAt(asOf);
  const measured = view.points.length > 1 || (view.points.length === 1 && view.consumed(asOf) !== null);
  const inWindow = measured ? view.points.filter((t) => t > window.from && t <= asOf) : [];
  const ratio = budgetRatio(view.target);
  const step = view.resolutionMs;
  const sli = step === undefined ? new Float64Array(inWindow.length).fill(Number.NaN) : view.burnSweep(inWindow, step).map((burn) => 1 - burn * ratio);
  const remaining = inWindow.map((t) => {
    const consumed = view.consumed(t);
    return consumed === null ? Number.NaN : 1 - consumed;
  });
  const burn = alerts.map((a) => ({
    alert: a.name,
    factor: a.factor,
    long: series(inWindow, view.burnSweep(inWindow, a.evalLongMs)),
    short: series(inWindow, view.burnSweep(inWindow, a.evalShortMs)),
  }));
  const dataStart = measured ? view.points[0]! - (step ?? 0) : Number.POSITIVE_INFINITY;
  const past = measured ? pastWindows(view, asOf, dataStart, view.target) : [];
  // Step changes over the windows shown: the past windows and the current one.
  const historyFrom = past.at(-1)?.from ?? window.from;
  const incidentSteps: IncidentStepCheck[] = [];
  for (const policy of policies) {
    for (const s of policy.spec.steps) {
      if (s.when.incidentConsumedAbove === undefined) continue;
      const threshold = incidentThreshold(s.when.incidentConsumedAbove);
      for (const incident of incidents) {
        if (incident.started > asOf) continue;
        const share = view.incidentShare(incident, asOf, threshold.ofMs).share;
        incidentSteps.push({
          incident: incident.id,
          policy: policy.metadata.name,
          step: s.name,
          threshold: threshold.share,
          ofMs: threshold.ofMs,
          share,
          over: share !== null && share > threshold.share,
        });
      }
    }
  }
  return {
    sli: series(inWindow, sli),
    remaining: series(inWindow, remaining),
    burn,
    pastWindows: past,
    policies: measured
      ? policies.map((p) => policyHistory(view, p, incidents, view.points, historyFrom))
      : policies.map((p) => ({ policy: p.metadata.name, changes: [], from: historyFrom })),
    incidentSteps,
  };
}
