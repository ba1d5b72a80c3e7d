/**
 * Uptime per calendar month of the portal's zone, from the per-day uptime of uptime.ts: a
 * month's uptime is 1 − its days' downtime / their covered time (so days without data, before
 * launch or after now, do not count), with the same rule as the days.
 */
import type { ImpactLevel } from './levels.ts';
import type { UptimeDay } from './uptime.ts';

export interface MonthUptime {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly coveredMs: number;
  readonly downtimeMs: number;
  /** 1 − downtime / covered; null when no day of the month has data. */
  readonly uptime: number | null;
  /** Worst level of its days; null when no day has data. */
  readonly worst: ImpactLevel | null;
  /** Incidents touching the component that month, in order of their first day, each once. */
  readonly incidents: readonly string[];
}

const STRENGTH: Readonly<Record<ImpactLevel, number>> = { operational: 0, degraded_performance: 1, partial_outage: 2, major_outage: 3 };

/** The months of consecutive days, oldest first (the order of the days). */
export function uptimeByMonth(days: readonly UptimeDay[]): MonthUptime[] {
  const months: { month: string; coveredMs: number; downtimeMs: number; worst: ImpactLevel | null; incidents: string[] }[] = [];
  for (const day of days) {
    const month = day.date.slice(0, 7);
    let current = months.at(-1);
    if (current?.month !== month) months.push((current = { month, coveredMs: 0, downtimeMs: 0, worst: null, incidents: [] }));
    current.coveredMs += day.coveredMs;
    current.downtimeMs += day.downtimeMs;
    if (day.worst !== null && (current.worst === null || STRENGTH[day.worst] > STRENGTH[current.worst])) current.worst = day.worst;
    for (const id of day.incidents) if (!current.incidents.includes(id)) current.incidents.push(id);
  }
  return months.map((m) => ({ ...m, uptime: m.coveredMs > 0 ? 1 - m.downtimeMs / m.coveredMs : null }));
}

/**
 * How many calendar days run from the first day of the month `months − 1` before `today`'s
 * month up to and including `today` (`YYYY-MM-DD`): the `days` option of uptimeByComponent
 * that covers `months` whole calendar months, the current one up to today.
 */
export function daysInLastMonths(today: string, months: number): number {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`months must be a positive whole number (got ${months})`);
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const first = Date.UTC(year, month - months, 1);
  return Math.round((Date.UTC(year, month - 1, day) - first) / 86_400_000) + 1;
}
