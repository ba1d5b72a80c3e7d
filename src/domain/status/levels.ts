/**
 * The vocabulary of the status page: Statuspage's component statuses, the impact levels an
 * incident records per component, their order ("worst wins"), the plain input shapes the
 * status logic reads, and the uptime weights of Statuspage's showcase rule.
 *
 * Plain TypeScript: instants are epoch milliseconds, intervals are half-open [from, to).
 */

/** Impact an incident records for one component; `operational` = named but not impaired. */
export type ImpactLevel = 'operational' | 'degraded_performance' | 'partial_outage' | 'major_outage';

/** A component's status as Statuspage spells it. */
export type ComponentStatus = 'operational' | 'under_maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage';

/** Incident status as Statuspage spells it. */
export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved' | 'postmortem';

/** One component at one impact level during [from, to); `to` absent = ongoing. */
export interface ImpactInterval {
  readonly component: string;
  readonly level: ImpactLevel;
  readonly from: number;
  readonly to?: number;
}

/** What the status logic needs from an incident. */
export interface IncidentInput {
  readonly id: string;
  readonly impact: readonly ImpactInterval[];
  readonly started: number;
  /** Absent while the incident is open. */
  readonly resolved?: number;
  readonly status?: IncidentStatus;
}

/** A scheduled maintenance window [from, to) over some components. */
export interface MaintenanceInput {
  readonly id: string;
  readonly components: readonly string[];
  readonly from: number;
  readonly to: number;
}

/**
 * Component statuses from best to worst. Any impairment, even degraded performance, ranks
 * above maintenance: a component that is actually impaired during its window shows the
 * impairment (as Statuspage shows an outage over maintenance), so customers see that
 * something is wrong beyond the planned work.
 */
export const STATUS_ORDER: readonly ComponentStatus[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];

const RANK: Readonly<Record<ComponentStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** Position of a status in {@link STATUS_ORDER}: higher is worse. */
export function statusRank(status: ComponentStatus): number {
  return RANK[status];
}

/** The worse of two statuses (or impact levels). */
export function worse<T extends ComponentStatus>(a: T, b: T): T {
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * Statuspage's uptime rule: minutes of major outage count fully, partial outage at 0.3,
 * degraded performance (and operational) not at all. Maintenance is not downtime.
 */
export const UPTIME_WEIGHT: Readonly<Record<ImpactLevel, number>> = {
  operational: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/**
 * Where an impact interval ends when nothing else bounds it: its own `to`, else the
 * incident's resolution (an open-ended interval of a resolved incident ends with it), else
 * never (ongoing).
 */
export function intervalEnd(interval: ImpactInterval, incident: IncidentInput): number {
  return interval.to ?? incident.resolved ?? Number.POSITIVE_INFINITY;
}
