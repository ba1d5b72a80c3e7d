/**
 * Error-budget policies (keel/v1 ErrorBudgetPolicy): which steps hold at asOf, since when,
 * and the actions in force. A step's condition holds when every field it gives holds:
 * - `remainingBudgetBelow: x`: the remaining budget of the SLO window holding the instant
 *   (data up to that instant) is below x (0: overspent); false without data.
 * - `burnRate: { above, window }`: the burn rate over the look-back window is above the
 *   threshold; false when it is not measurable or there are no data.
 * - `incidentConsumedAbove: x`: some incident naming the SLO, overlapping the SLO window
 *   holding the instant, has consumed more than x of the budget (see `incidentShare`).
 * "Since" walks back through the history (every measurement or slice end) to the start of
 * the current continuous hold.
 */
import { durationMs } from '../../core/time.ts';
import type { ErrorBudgetPolicy } from '../../schemas/error-budget-policy.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';

/** A step condition, as the schema outputs it. */
export type PolicyCondition = ErrorBudgetPolicy['spec']['steps'][number]['when'];

export interface PolicyStepInput {
  readonly name: string;
  readonly when: PolicyCondition;
  readonly actions: readonly string[];
}

/** The parts of an ErrorBudgetPolicy the engine reads (an `ErrorBudgetPolicy` is one). */
export interface PolicyInput {
  readonly metadata: { readonly name: string; readonly displayName?: string | undefined };
  readonly spec: { readonly slos: readonly string[]; readonly steps: readonly PolicyStepInput[] };
}

export interface StepInForce {
  readonly step: string;
  /** Start of the current continuous hold (the first history instant of it). */
  readonly since: number;
  /** True when the step already held at the first instant of the history: it may have held earlier. */
  readonly sinceStartOfHistory: boolean;
  readonly actions: readonly string[];
  /** incidentConsumedAbove steps: the incidents that make it hold at asOf. */
  readonly incidents?: readonly string[];
}

export interface PolicyState {
  readonly name: string;
  /** Steps that hold at asOf, in the policy's order (mildest first; the last names the state). */
  readonly inForce: readonly StepInForce[];
}

/** Ids of the incidents (naming `sloName`) over `condition.incidentConsumedAbove` at `at`. */
function incidentsAbove(view: BudgetView, incidents: readonly Incident[], threshold: number, at: number): string[] {
  const window = view.windowAt(at);
  const out: string[] = [];
  for (const incident of incidents) {
    if (incident.started > at) continue;
    const end = Math.min(incident.resolved ?? at, at);
    if (end <= window.from) continue; // Out of the window: its budget has been renewed.
    const share = view.incidentShare(incident, at);
    if (share !== null && share > threshold) out.push(incident.id);
  }
  return out;
}

/** Whether a condition holds at `at`, with the incidents that made an incident condition hold. */
export function conditionHolds(
  view: BudgetView,
  when: PolicyCondition,
  at: number,
  incidents: readonly Incident[] = [],
): { holds: boolean; incidents?: string[] } {
  let any = false;
  if (when.remainingBudgetBelow !== undefined) {
    any = true;
    const consumed = view.consumed(at);
    if (consumed === null || !(1 - consumed < when.remainingBudgetBelow)) return { holds: false };
  }
  if (when.burnRate !== undefined) {
    any = true;
    const burn = view.burn(at, durationMs(when.burnRate.window)).value;
    if (burn === null || !(burn > when.burnRate.above)) return { holds: false };
  }
  if (when.incidentConsumedAbove !== undefined) {
    const ids = incidentsAbove(view, incidents, when.incidentConsumedAbove, at);
    return { holds: ids.length > 0, incidents: ids };
  }
  return { holds: any };
}

/** The state of a policy for one SLO objective at asOf (the view's last point). */
export function evaluatePolicy(view: BudgetView, policy: PolicyInput, incidents: readonly Incident[], sloName: string): PolicyState {
  const mine = incidents.filter((i) => i.slos.includes(sloName));
  const points = view.points;
  const last = points.length - 1;
  const inForce: StepInForce[] = [];
  if (last < 0) return { name: policy.metadata.name, inForce };
  for (const step of policy.spec.steps) {
    const now = conditionHolds(view, step.when, points[last]!, mine);
    if (!now.holds) continue;
    let j = last;
    while (j > 0 && conditionHolds(view, step.when, points[j - 1]!, mine).holds) j--;
    inForce.push({
      step: step.name,
      since: points[j]!,
      sinceStartOfHistory: j === 0,
      actions: step.actions,
      ...(now.incidents ? { incidents: now.incidents } : {}),
    });
  }
  return { name: policy.metadata.name, inForce };
}
