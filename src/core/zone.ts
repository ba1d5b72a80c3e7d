/**
 * Calendar arithmetic in an IANA time zone (Luxon), so that a DST day has its real length and
 * a month starts at the zone's midnight.
 */
import { DateTime } from 'luxon';

/** Start of the calendar day holding `at`, in `zone` (a 23- or 25-hour day on DST changes). */
export function startOfDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').toMillis();
}

/** Calendar units that calendar arithmetic understands. */
export type CalendarUnit = 'days' | 'weeks' | 'months' | 'quarters' | 'years';

/** `at` moved by `amount` calendar units in `zone`: wall-clock time kept across DST changes. */
export function addCalendar(at: number, zone: string, amount: number, unit: CalendarUnit): number {
  return DateTime.fromMillis(at, { zone })
    .plus({ [unit]: amount })
    .toMillis();
}

/**
 * The instant of a wall-clock time `YYYY-MM-DD HH:MM:SS` in `zone` (OpenSLO's calendar
 * startTime), or undefined when that time does not exist there (skipped by a DST change).
 */
export function wallClockInstant(wallClock: string, zone: string): number | undefined {
  const time = DateTime.fromFormat(wallClock, 'yyyy-MM-dd HH:mm:ss', { zone });
  if (!time.isValid) return undefined;
  // Luxon moves a time inside a DST gap forward; such a time does not exist in the zone.
  return time.toFormat('yyyy-MM-dd HH:mm:ss') === wallClock ? time.toMillis() : undefined;
}

/** `YYYY-MM-DD` of the day holding `at`, in `zone`. */
export function calendarDay(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISODate()!;
}

/** RFC 3339 text of `at` with `zone`'s offset at that instant, to the second (Statuspage writes the page's zone). */
export function isoInZone(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/** Calendar units a period can start on. */
export type PeriodUnit = 'day' | 'month' | 'quarter' | 'year';

/** Start of the calendar day, month, quarter or year holding `at`, in `zone`. */
export function startOfUnit(at: number, zone: string, unit: PeriodUnit): number {
  return DateTime.fromMillis(at, { zone }).startOf(unit).toMillis();
}

/** `YYYY-MM` of the month holding `at`, in `zone`. */
export function calendarMonth(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM');
}

/** `YYYY Qn` of the quarter holding `at`, in `zone`. */
export function calendarQuarter(at: number, zone: string): string {
  const t = DateTime.fromMillis(at, { zone });
  return `${t.year} Q${t.quarter}`;
}
