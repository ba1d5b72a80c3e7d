/**
 * Component status at an instant, from incident impact intervals and maintenance windows.
 *
 * Rules:
 * - an impact interval applies at `at` when from <= at < end, where end is its `to`, else
 *   the incident's `resolved`, else never (ongoing);
 * - a maintenance window applies when from <= at < to: never before the window starts and
 *   never after it ends, whatever its announcement says;
 * - worst wins, in the order of {@link STATUS_ORDER}: major_outage > partial_outage >
 *   degraded_performance > under_maintenance > operational.
 */
import { intervalEnd, worse, type ComponentStatus, type IncidentInput, type MaintenanceInput } from './levels.ts';

/** True when the maintenance window holds `at` (half-open: [from, to)). */
export function inWindow(maintenance: MaintenanceInput, at: number): boolean {
  return maintenance.from <= at && at < maintenance.to;
}

/** Statuspage's maintenance phases, by the clock (no "verifying": that is a human step). */
export type MaintenancePhase = 'scheduled' | 'in_progress' | 'completed';

/** Where a maintenance window stands at `now`. */
export function maintenancePhase(maintenance: MaintenanceInput, now: number): MaintenancePhase {
  if (now < maintenance.from) return 'scheduled';
  return now < maintenance.to ? 'in_progress' : 'completed';
}

/** The status of one component at `at`. */
export function componentStatus(
  component: string,
  at: number,
  incidents: readonly IncidentInput[],
  maintenances: readonly MaintenanceInput[] = [],
): ComponentStatus {
  return componentStatuses([component], at, incidents, maintenances).get(component) ?? 'operational';
}

/**
 * The status of each named component at `at`, in the order given. Impact on components not
 * named is ignored; a named component nothing touches is operational.
 */
export function componentStatuses(
  components: Iterable<string>,
  at: number,
  incidents: readonly IncidentInput[],
  maintenances: readonly MaintenanceInput[] = [],
): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>();
  for (const component of components) statuses.set(component, 'operational');
  const raise = (component: string, status: ComponentStatus) => {
    const current = statuses.get(component);
    if (current !== undefined) statuses.set(component, worse(current, status));
  };
  for (const maintenance of maintenances) {
    if (!inWindow(maintenance, at)) continue;
    for (const component of maintenance.components) raise(component, 'under_maintenance');
  }
  for (const incident of incidents) {
    for (const interval of incident.impact) {
      if (interval.from <= at && at < intervalEnd(interval, incident)) raise(interval.component, interval.level);
    }
  }
  return statuses;
}
