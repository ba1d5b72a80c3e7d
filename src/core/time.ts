/**
 * Time primitives: RFC 3339 instants, calendar dates, OpenSLO durations, IANA time zone names.
 * Instants are epoch milliseconds everywhere past parsing. Calendar arithmetic in a zone is in
 * ./zone.ts (it loads Luxon, which `keel validate` does not need).
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
export const NAIVE_DATE_TIME = /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;
export const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** True for a day that exists in the proleptic Gregorian calendar. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/** True when `value` is an RFC 3339 timestamp with an explicit offset and real calendar values. */
export function isTimestamp(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  // The pattern fixed where each field is: read them without allocating.
  const num = (from: number, to: number) => Number(value.slice(from, to));
  return isRealDate(num(0, 4), num(5, 7), num(8, 10)) && num(11, 13) < 24 && num(14, 16) < 60 && num(17, 19) < 61;
}

/** True for `YYYY-MM-DD` naming a real day. */
export function isCalendarDate(value: string): boolean {
  const m = FULL_DATE.exec(value);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A duration in OpenSLO's shorthand: a positive whole number and one unit,
 * m (minute), h (hour), d (day), w (week), M (month), Q (quarter), Y (year).
 * Units are case-sensitive: `1m` is a minute, `1M` a month.
 */
export const DURATION_PATTERN = /^[1-9]\d*[mhdwMQY]$/;

/** Milliseconds in one unit of a duration; months, quarters and years as the OpenSLO go-sdk counts them. */
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
  M: 30 * 86_400_000,
  Q: 90 * 86_400_000,
  Y: 365 * 86_400_000,
};

export const MINUTE_MS = UNIT_MS.m!;
export const HOUR_MS = UNIT_MS.h!;
export const DAY_MS = UNIT_MS.d!;

/** Converts a valid duration shorthand to milliseconds (rolling-window lengths). */
export function durationMs(duration: string): number {
  const unit = duration.slice(-1);
  return Number(duration.slice(0, -1)) * (UNIT_MS[unit] ?? Number.NaN);
}

const timeZones = new Map<string, boolean>();

/** True for IANA time zone names the runtime knows (cached: Intl is slow to construct). */
export function isTimeZone(value: string): boolean {
  let known = timeZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    timeZones.set(value, known);
  }
  return known;
}

/** Midnight UTC at the start of a `YYYY-MM-DD` day (review dates, which name no zone). */
export function utcMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
