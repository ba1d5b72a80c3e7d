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
import type { ErrorBudgetPolicy, FreezeScope, IncidentConsumedAbove, PolicyAction } from '../../schemas/error-budget-policy.ts';
import type { Incident } from './series.ts';
import type { BudgetView } from './view.ts';

/** A step condition, as the schema outputs it. */
export type PolicyCondition = ErrorBudgetPolicy['spec']['steps'][number]['when'];

export interface PolicyStepInput {
  readonly name: string;
  readonly when: PolicyCondition;
  /** Free text, or structured (freeze, pager, require): `keel policy check` gates on the freezes. */
  readonly actions: readonly PolicyAction[];
}

/** An `incidentConsumedAbove` threshold: the share, and the period whose budget it is a share of (absent: the SLO's window). */
export interface IncidentThreshold {
  readonly share: number;
  readonly ofMs?: number;
}

/** `incidentConsumedAbove` as written (a number, or `{ share, of }`) normalised: what the engine and the rules read. */
export function incidentThreshold(value: IncidentConsumedAbove): IncidentThreshold {
  return typeof value === 'number' ? { share: value } : { share: value.share, ofMs: durationMs(value.of) };
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
}

const FREEZES: Record<FreezeScope, string> = {
  releases: 'Freeze releases (only fixes and reverts ship)',
  features: 'Freeze feature releases',
  all: 'Freeze all changes',
};

/** The services a freeze covers: those it names, else the governed SLO's. */
export const frozenServices = (action: { services?: readonly string[] | undefined }, sloService: string): readonly string[] => action.services ?? [sloService];

/** An action as a sentence, for reports: free text as written, a structured action in words. */
export function describeAction(action: PolicyAction, sloService: string): string {
  if (typeof action === 'string') return action;
  if ('freeze' in action) return `${FREEZES[action.freeze]} of ${frozenServices(action, sloService).join(', ')}.`;
  if ('pager' in action) return 'The pager goes back to the developers.';
  return "The incident's retrospective has at least one P0 follow-up.";
}

/** Ids of the incidents (naming `sloName`) over `condition.incidentConsumedAbove` at `at`. */
function incidentsAbove(view: BudgetView, incidents: readonly Incident[], threshold: IncidentThreshold, at: number): string[] {
  const window = view.windowAt(at);
  const out: string[] = [];
  for (const incident of incidents) {
    if (incident.started > at) continue;
    const end = Math.min(incident.resolved ?? at, at);
    if (end <= window.from) continue; // Out of the window: its budget has been renewed.
    const share = view.incidentShare(incident, at);
    if (share !== null && share > threshold.share) out.push(incident.id);
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
