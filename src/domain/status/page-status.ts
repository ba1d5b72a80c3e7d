/**
 * The page's overall status (Statuspage's `status` object) from its components' statuses.
 *
 * Mapping, worst first:
 * | any component in   | indicator     | description                 |
 * | major_outage       | `critical`    | Major System Outage         |
 * | partial_outage     | `major`       | Partial System Outage       |
 * | degraded_performance | `minor`     | Minor Service Outage        |
 * | under_maintenance  | `maintenance` | Service Under Maintenance   |
 * | (all operational, or no components) | `none` | All Systems Operational |
 * An impairment anywhere outranks maintenance anywhere, as for a single component.
 */
import { statusRank, type ComponentStatus } from './levels.ts';

export type PageIndicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

export type PageDescription =
  'All Systems Operational' | 'Minor Service Outage' | 'Partial System Outage' | 'Major System Outage' | 'Service Under Maintenance';

export interface PageStatus {
  readonly indicator: PageIndicator;
  readonly description: PageDescription;
}

const BY_WORST_COMPONENT: Readonly<Record<ComponentStatus, PageStatus>> = {
  operational: { indicator: 'none', description: 'All Systems Operational' },
  under_maintenance: { indicator: 'maintenance', description: 'Service Under Maintenance' },
  degraded_performance: { indicator: 'minor', description: 'Minor Service Outage' },
  partial_outage: { indicator: 'major', description: 'Partial System Outage' },
  major_outage: { indicator: 'critical', description: 'Major System Outage' },
};

/** The page status for a set of component statuses (a Map's values, an array…). */
export function pageStatus(statuses: Iterable<ComponentStatus>): PageStatus {
  let worst: ComponentStatus = 'operational';
  for (const status of statuses) if (statusRank(status) > statusRank(worst)) worst = status;
  return BY_WORST_COMPONENT[worst];
}
