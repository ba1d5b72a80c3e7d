/**
 * Error-budget policies (keel/v1 ErrorBudgetPolicy): which steps hold at asOf, since when,
 * and the actions in force. A step's condition holds when every field it gives holds:
 * - `remainingBudgetBelow: x`: the remaining budget of the SLO window holding the instant
 *   (data up to that instant) is below x (0: overspent); false without data.
 * - `burnRate: { above, window }`: the burn rate over the look-back window is above the
 *   threshold; false when it is not measurable or there are no data.
 * - `incidentConsumedAbove: x` (or `{ share: x, of: 4w }`): some incident naming the SLO,
 *   whose impact ended in the SLO window holding the instant (or in the `of` before it), has
 *   consumed more than x of a full period's budget (see `incidentShare`).
 * "Since" walks back through the history (every measurement or slice end) to the start of
 * the current continuous hold.
 */
import { durationMs } from '../../core/time.ts';
import type { ErrorBudgetPolicy } from '../../schemas/error-budget-policy.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';

/** A step condition, as the schema outputs it. */
export type PolicyCondition = ErrorBudgetPolicy['spec']['steps'][number]['when'];

/** One action of a step, as the schema outputs it (free text, or a structured action). */
export type PolicyAction = ErrorBudgetPolicy['spec']['steps'][number]['actions'][number];

/** An action in words: free text as written; a structured action as "key: value" pairs. */
export function actionText(action: PolicyAction): string {
  if (typeof action === 'string') return action;
  return Object.entries(action as Record<string, unknown>)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

export interface PolicyStepInput {
  readonly name: string;
  readonly when: PolicyCondition;
  readonly actions: readonly PolicyAction[];
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
  readonly actions: readonly PolicyAction[];
  /** incidentConsumedAbove steps: the incidents that make it hold at asOf. */
  readonly incidents?: readonly string[];
}

export interface PolicyState {
  readonly name: string;
  /** Steps that hold at asOf, in the policy's order (mildest first; the last names the state). */
  readonly inForce: readonly StepInForce[];
  /** Every step of the policy, mildest first, and whether it holds at asOf. */
  readonly steps: readonly { readonly name: string; readonly when: PolicyCondition; readonly actions: readonly PolicyAction[]; readonly inForce: boolean }[];
}

/**
 * A step's incident condition, normalised: the share, and the period whose full budget it is
 * of (`of`, e.g. 4w as Google's rule says; absent: the SLO's own window).
 */
export function incidentThreshold(value: NonNullable<PolicyCondition['incidentConsumedAbove']>): { share: number; ofMs?: number } {
  if (typeof value === 'number') return { share: value };
  return value.of === undefined ? { share: value.share } : { share: value.share, ofMs: durationMs(value.of) };
}

/**
 * Ids of the incidents (naming `sloName`) over an incident condition at `at`: those whose
 * impact ended within the period the condition measures against (the SLO window holding `at`,
 * or the `of` period before `at`) and whose share of a full period's budget is over the threshold.
 */
function incidentsAbove(view: BudgetView, incidents: readonly Incident[], condition: { share: number; ofMs?: number }, at: number): string[] {
  const from = condition.ofMs === undefined ? view.windowAt(at).from : at - condition.ofMs;
  const out: string[] = [];
  for (const incident of incidents) {
    if (incident.started > at) continue;
    const measured = view.incidentShare(incident, at, condition.ofMs);
    const end = measured.intervals.at(-1)?.to ?? incident.started;
    if (end <= from) continue; // Out of the period: its budget has been renewed.
    if (measured.share !== null && measured.share > condition.share) out.push(incident.id);
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
    const ids = incidentsAbove(view, incidents, incidentThreshold(when.incidentConsumedAbove), at);
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
  const steps = () => policy.spec.steps.map((s) => ({ name: s.name, when: s.when, actions: s.actions, inForce: inForce.some((f) => f.step === s.name) }));
  if (last < 0) return { name: policy.metadata.name, inForce, steps: steps() };
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
  return { name: policy.metadata.name, inForce, steps: steps() };
}
