/**
 * Calendar days (`YYYY-MM-DD`) for deadlines: the day an instant falls on in the portal's time
 * zone, and whole-day arithmetic between days. Intl only: `keel validate` uses these, and it does
 * not load Luxon (src/core/zone.ts).
 */
import { DAY_MS, utcMidnight } from '../../core/time.ts';

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The last answer: every deadline of a run asks for the day holding the same "now". */
let last = { at: Number.NaN, zone: '', day: '' };

/** The calendar day holding the instant `at` in `zone` (an IANA name): "2026-11-22". */
export function dayIn(at: number, zone: string): string {
  if (at === last.at && zone === last.zone) return last.day;
  const day = dayInUncached(at, zone);
  last = { at, zone, day };
  return day;
}

function dayInUncached(at: number, zone: string): string {
  let format = dayFormats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** The day `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to`: 1 from a day to the next, negative backwards. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}
