/**
 * What the incidents teach together, for the quarterly review: contributing factors by category
 * per quarter (in the portal's zone) with the incidents behind each; services by number of
 * incidents and by the SLO budget their incidents consumed (the SLO engine's budget per incident,
 * passed in, never recomputed); follow-ups that recur in kind (same service and type, in two or
 * more incidents); incidents whose retrospective names no contributing factor.
 */
import { calendarQuarter } from '../../core/zone.ts';
import type { Severity } from '../../schemas/common.ts';
import type { Incident } from '../../schemas/incident.ts';

type Factor = Incident['contributingFactors'][number];
type FollowUp = Incident['followUps'][number];
export const FACTOR_CATEGORIES = ['technical', 'process', 'people', 'external'] as const;

export interface LearningIncident {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly started: number;
  readonly services: readonly string[];
  readonly reviewStatus: Incident['review']['status'];
  readonly contributingFactors: readonly Factor[];
  readonly followUps: readonly FollowUp[];
}

/** One incident's share of one SLO objective's budget, as the SLO engine computed it. */
export interface BudgetShare {
  readonly incident: string;
  /** The service the SLO belongs to. */
  readonly service: string;
  /** The SLO objective, as its page names it. */
  readonly slo: string;
  /** Share of the objective's budget; null without data. */
  readonly share: number | null;
}

export interface LearningRef {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
}

export interface Learning {
  /** Newest quarter first; in each, the categories with a factor, in FACTOR_CATEGORIES order. */
  readonly factorsByQuarter: readonly {
    readonly quarter: string;
    readonly incidents: number;
    readonly categories: readonly {
      readonly category: Factor['category'];
      readonly factors: readonly { readonly incident: LearningRef; readonly description: string }[];
      /** Distinct incidents behind the category's factors. */
      readonly incidents: number;
    }[];
  }[];
  /** Most incidents first, then by id. */
  readonly servicesByIncidents: readonly { readonly service: string; readonly incidents: readonly LearningRef[] }[];
  /** The service whose incidents consumed the largest share of one objective's budget first. */
  readonly servicesByBudget: readonly {
    readonly service: string;
    /** The largest summed share among its objectives. */
    readonly largest: number;
    readonly slos: readonly {
      readonly slo: string;
      /** Sum of the shares its incidents consumed. */
      readonly consumed: number;
      readonly incidents: readonly { readonly incident: LearningRef; readonly share: number }[];
    }[];
  }[];
  /** Kinds (service and type) of follow-up agreed in two or more incidents, the most frequent first. */
  readonly recurringFollowUps: readonly {
    readonly service: string;
    readonly type: FollowUp['type'];
    readonly followUps: readonly { readonly incident: LearningRef; readonly followUp: FollowUp }[];
    readonly incidents: number;
  }[];
  /** Incidents without a contributing factor, newest first. */
  readonly withoutFactors: readonly (LearningRef & { readonly reviewStatus: LearningIncident['reviewStatus'] })[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const ref = (i: LearningIncident): LearningRef => ({ id: i.id, title: i.title, severity: i.severity });
const distinct = (ids: readonly string[]): number => new Set(ids).size;

function group<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function learning(all: readonly LearningIncident[], budget: readonly BudgetShare[], zone: string): Learning {
  const incidents = [...all].sort((a, b) => b.started - a.started || byText(a.id, b.id));
  const byId = new Map(incidents.map((i) => [i.id, i]));

  const factorsByQuarter = [...group(incidents, (i) => calendarQuarter(i.started, zone))].map(([quarter, inQuarter]) => ({
    quarter,
    incidents: inQuarter.length,
    categories: FACTOR_CATEGORIES.map((category) => {
      const factors = inQuarter.flatMap((i) =>
        i.contributingFactors.filter((f) => f.category === category).map((f) => ({ incident: ref(i), description: f.description })),
      );
      return { category, factors, incidents: distinct(factors.map((f) => f.incident.id)) };
    }).filter((c) => c.factors.length > 0),
  }));

  const services = [
    ...group(
      incidents.flatMap((i) => i.services.map((service) => ({ service, incident: i }))),
      (x) => x.service,
    ),
  ]
    .map(([service, list]) => ({ service, incidents: list.map((x) => ref(x.incident)) }))
    .sort((a, b) => b.incidents.length - a.incidents.length || byText(a.service, b.service));

  const servicesByBudget = [
    ...group(
      budget.filter((b) => b.share !== null && byId.has(b.incident)),
      (b) => b.service,
    ),
  ]
    .map(([service, shares]) => {
      const slos = [...group(shares, (s) => s.slo)]
        .map(([slo, list]) => ({
          slo,
          consumed: list.reduce((sum, s) => sum + s.share!, 0),
          incidents: list.map((s) => ({ incident: ref(byId.get(s.incident)!), share: s.share! })).sort((a, b) => b.share - a.share),
        }))
        .sort((a, b) => b.consumed - a.consumed || byText(a.slo, b.slo));
      return { service, largest: slos[0]?.consumed ?? 0, slos };
    })
    .sort((a, b) => b.largest - a.largest || byText(a.service, b.service));

  const recurringFollowUps = [
    ...group(
      incidents.flatMap((i) => i.services.flatMap((service) => i.followUps.map((followUp) => ({ service, incident: ref(i), followUp })))),
      (x) => `${x.service}\u0000${x.followUp.type}`,
    ).values(),
  ]
    .map((list) => ({
      service: list[0]!.service,
      type: list[0]!.followUp.type,
      followUps: list.map(({ incident, followUp }) => ({ incident, followUp })),
      incidents: distinct(list.map((x) => x.incident.id)),
    }))
    .filter((kind) => kind.incidents >= 2)
    .sort((a, b) => b.incidents - a.incidents || byText(a.service, b.service) || byText(a.type, b.type));

  return {
    factorsByQuarter,
    servicesByIncidents: services,
    servicesByBudget,
    recurringFollowUps,
    withoutFactors: incidents.filter((i) => i.contributingFactors.length === 0).map((i) => ({ ...ref(i), reviewStatus: i.reviewStatus })),
  };
}
