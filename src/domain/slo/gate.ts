/**
 * The deploy gate (`keel policy check`): the freezes in force at asOf. A policy step that holds
 * and has a structured `freeze` action freezes the services it names (default: the governed
 * SLO's service). Each freeze says which SLO objective, policy and step, since when, and the
 * step's free-text actions, so that a pipeline that stops can say why and what to do.
 */
import type { FreezeScope, PolicyAction } from '../../schemas/error-budget-policy.ts';
import type { SloEvaluation } from './evaluate.ts';
import { shown, title } from './format.ts';
import { describeAction, frozenServices } from './policy.ts';

export interface FreezeInForce {
  readonly slo: string;
  /** The objective's displayName (or index); `composite` for a composite SLO's combination. */
  readonly objective: string | number;
  /** The service the SLO belongs to. */
  readonly sloService: string;
  readonly policy: string;
  readonly step: string;
  readonly since: number;
  /** The step already held at the first instant of the data: it may have held earlier. */
  readonly sinceStartOfHistory: boolean;
  /** What is frozen (the widest of the step's freezes that cover the services asked about). */
  readonly freeze: FreezeScope;
  /** The services the step's freezes cover. */
  readonly services: readonly string[];
  /** The step's free-text actions, and its other structured actions in words. */
  readonly actions: readonly string[];
}

/** Widest first: a step that freezes all changes of a service also freezes its releases. */
const SCOPE_ORDER: readonly FreezeScope[] = ['all', 'releases', 'features'];

const freezesIn = (actions: readonly PolicyAction[]) =>
  actions.filter((a) => typeof a === 'object' && 'freeze' in a) as { freeze: FreezeScope; services?: string[] }[];

/**
 * Every freeze in force at the evaluations' asOf, in SLO order; only those covering `service`
 * when one is given. One entry per objective (and composite) and policy step that holds.
 */
export function freezesInForce(evaluations: readonly SloEvaluation[], service?: string): FreezeInForce[] {
  const out: FreezeInForce[] = [];
  for (const evaluation of evaluations) {
    for (const e of shown(evaluation)) {
      for (const policy of e.policies) {
        for (const step of policy.inForce) {
          const covering = freezesIn(step.actions).filter((f) => service === undefined || frozenServices(f, e.service).includes(service));
          if (covering.length === 0) continue;
          out.push({
            slo: e.slo,
            objective: e.objective,
            sloService: e.service,
            policy: policy.name,
            step: step.step,
            since: step.since,
            sinceStartOfHistory: step.sinceStartOfHistory,
            freeze: SCOPE_ORDER.find((scope) => covering.some((f) => f.freeze === scope))!,
            services: [...new Set(covering.flatMap((f) => frozenServices(f, e.service)))],
            actions: step.actions.filter((a) => typeof a !== 'object' || !('freeze' in a)).map((a) => describeAction(a, e.service)),
          });
        }
      }
    }
  }
  return out;
}

const FROZEN: Record<FreezeScope, string> = { all: 'all changes frozen', releases: 'releases frozen', features: 'feature releases frozen' };

/** "since 2026-11-20T14:00:00Z", or "since the data begins (…)" when the step held from its first instant. */
export function sinceText(freeze: Pick<FreezeInForce, 'since' | 'sinceStartOfHistory'>, rfc3339: (at: number) => string): string {
  return freeze.sinceStartOfHistory ? `since the data begins (${rfc3339(freeze.since)})` : `since ${rfc3339(freeze.since)}`;
}

/** What a freeze stops: "settings-service: feature releases frozen". */
export const freezeHeadline = (f: FreezeInForce): string => `${f.services.join(', ')}: ${FROZEN[f.freeze]}`;

/** Why: the SLO objective, the policy step and since when. */
export const freezeCause = (f: FreezeInForce, rfc3339: (at: number) => string): string =>
  `SLO ${title(f)}: policy ${f.policy}, step "${f.step}", ${sinceText(f, rfc3339)}`;

/** One freeze as the lines of the text report. */
export function freezeLines(f: FreezeInForce, rfc3339: (at: number) => string): string[] {
  return [freezeHeadline(f), `  ${freezeCause(f, rfc3339)}`, ...f.actions.map((a) => `  - ${a}`)];
}
