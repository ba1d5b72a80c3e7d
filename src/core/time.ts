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

/**
 * Days that end with a leap second (23:59:60 UTC), from IERS Bulletin C. RFC 3339 allows a
 * seconds field of 60 only there.
 */
const LEAP_SECOND_DAYS = new Set([
  '1972-06-30',
  '1972-12-31',
  '1973-12-31',
  '1974-12-31',
  '1975-12-31',
  '1976-12-31',
  '1977-12-31',
  '1978-12-31',
  '1979-12-31',
  '1981-06-30',
  '1982-06-30',
  '1983-06-30',
  '1985-06-30',
  '1987-12-31',
  '1989-12-31',
  '1990-12-31',
  '1992-06-30',
  '1993-06-30',
  '1994-06-30',
  '1995-12-31',
  '1997-06-30',
  '1998-12-31',
  '2005-12-31',
  '2008-12-31',
  '2012-06-30',
  '2015-06-30',
  '2016-12-31',
]);

/** Offset of an RFC 3339 time in minutes east of UTC (`Z` is 0). */
function offsetMinutes(value: string): number {
  const tail = value.slice(-6);
  if (tail[0] !== '+' && tail[0] !== '-') return 0;
  const minutes = Number(tail.slice(1, 3)) * 60 + Number(tail.slice(4, 6));
  return tail[0] === '-' ? -minutes : minutes;
}

/**
 * True when `value` is an RFC 3339 timestamp with an explicit offset and real calendar values:
 * hours below 24, minutes below 60, an offset of at most 23:59, and a seconds field of 60 only
 * for the leap second at 23:59:60 UTC of a day that had one.
 */
export function isTimestamp(value: string): boolean {
  if (!RFC3339.test(value)) return false;
  // The pattern fixed where each field is, all digits: read them without allocating.
  const num = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) n = n * 10 + value.charCodeAt(i) - 48;
    return n;
  };
  const offset = value.length - 6;
  const hasOffset = value[offset] === '+' || value[offset] === '-';
  if (hasOffset && (num(offset + 1, offset + 3) > 23 || num(offset + 4, offset + 6) > 59)) return false;
  if (!isRealDate(num(0, 4), num(5, 7), num(8, 10)) || num(11, 13) > 23 || num(14, 16) > 59 || num(17, 19) > 60) return false;
  if (num(17, 19) < 60) return true;
  // 23:59:60 UTC, written in any offset.
  const utc = new Date(Date.UTC(num(0, 4), num(5, 7) - 1, num(8, 10), num(11, 13), num(14, 16)) - offsetMinutes(value) * 60_000);
  return utc.getUTCHours() === 23 && utc.getUTCMinutes() === 59 && LEAP_SECOND_DAYS.has(utc.toISOString().slice(0, 10));
}

/** The digit at `text[i]`, or a large negative number when it is none (so a sum of them goes negative). */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -100_000;
}

/**
 * The instant of `text`'s first 20 characters when they are a UTC timestamp of the plain form
 * `YYYY-MM-DDTHH:MM:SSZ` (a real date of year 1000 or later, no leap second), else NaN. The fast
 * path for measurement rows (millions in a repository): a timestamp of any other form, valid or
 * not, is left to {@link isTimestamp} and `Date.parse`, which agree with this one where it answers.
 */
export function plainUtcInstant(text: string): number {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return Number.NaN; // - - T
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(19) !== 90) return Number.NaN; // : : Z
  const year = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
  const month = digitAt(text, 5) * 10 + digitAt(text, 6);
  const day = digitAt(text, 8) * 10 + digitAt(text, 9);
  const hour = digitAt(text, 11) * 10 + digitAt(text, 12);
  const minute = digitAt(text, 14) * 10 + digitAt(text, 15);
  const second = digitAt(text, 17) * 10 + digitAt(text, 18);
  // Date.UTC reads years 0–99 as 1900–1999: those go the general way.
  if (year < 1000 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  if (!isRealDate(year, month, day)) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The instant of a valid RFC 3339 timestamp in epoch milliseconds. A leap second (…:60), which
 * epoch time has no room for, is the first millisecond of the next second, as POSIX clocks repeat it.
 */
export function instantOf(value: string): number {
  const leap = /:60(?=[.Zz+-])/.exec(value);
  if (!leap) return Date.parse(value);
  return Date.parse(`${value.slice(0, leap.index)}:59${value.slice(leap.index + 3)}`) + 1000;
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
  // Intl also takes a UTC offset ("+05:00") as a zone: an offset is not a zone name, and has no DST.
  if (/^[+-]/.test(value)) return false;
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

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The UTC offset of `zone` at the instant `at`, in milliseconds (Intl, so no Luxon here). */
function offsetAt(at: number, zone: string): number {
  let format = zoneFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(zone, format);
  }
  const part = (type: string) => Number(format.formatToParts(at).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/**
 * Whether a wall-clock time `YYYY-MM-DD HH:MM:SS` exists in `zone` once (`exists`), not at all
 * (`gap`: skipped by a DST change) or twice (`overlap`: repeated when the clocks go back).
 */
const wallClockAnswers = new Map<string, 'exists' | 'gap' | 'overlap'>();

export function wallClockIn(wallClock: string, zone: string): 'exists' | 'gap' | 'overlap' {
  // Many SLOs share a start and a zone: Intl is slow enough to remember the answer.
  const key = `${wallClock} ${zone}`;
  let answer = wallClockAnswers.get(key);
  if (answer === undefined) wallClockAnswers.set(key, (answer = wallClockInUncached(wallClock, zone)));
  return answer;
}

function wallClockInUncached(wallClock: string, zone: string): 'exists' | 'gap' | 'overlap' {
  // A malformed time or zone is another finding's business: say nothing about it here.
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(wallClock) || !isCalendarDate(wallClock.slice(0, 10)) || !isTimeZone(zone)) return 'exists';
  const [date = '', time = ''] = wallClock.split(' ');
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = time.split(':').map(Number) as [number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Every offset in force within a day either side: the candidates for this wall time.
  const offsets = new Set([offsetAt(asUtc - DAY_MS, zone), offsetAt(asUtc, zone), offsetAt(asUtc + DAY_MS, zone)]);
  const matches = [...offsets].filter((offset) => offsetAt(asUtc - offset, zone) === offset);
  return matches.length === 0 ? 'gap' : matches.length > 1 ? 'overlap' : 'exists';
}

export const MONTH_ABBREVIATIONS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const zoneNames = new Map<string, Intl.DateTimeFormat>();

function shortZoneName(locale: string, zone: string, at: number): string {
  const key = `${locale} ${zone}`;
  let format = zoneNames.get(key);
  if (format === undefined) zoneNames.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })));
  return format.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * The zone's short name at `at`: its abbreviation where English has one (CET, CEST, BST, EST,
 * UTC), else the offset written from UTC ("UTC+5:30", "UTC+9").
 */
export function zoneAbbreviation(at: number, zone: string): string {
  // en-GB names the European zones (CET, BST), en-US the American ones (EST, PDT).
  for (const locale of ['en-GB', 'en-US']) {
    const name = shortZoneName(locale, zone, at);
    if (name !== '' && !/^GMT[+-]/.test(name)) return name;
  }
  const offset = Math.round(offsetAt(at, zone) / 60_000);
  if (offset === 0) return 'UTC';
  const abs = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

/** An instant as people read it in a zone: "22 Nov 2026, 08:20 CET" (Intl, no Luxon). */
export function wallClockText(at: number, zone: string): string {
  const wall = new Date(Math.floor(at / 1000) * 1000 + offsetAt(at, zone));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${wall.getUTCDate()} ${MONTH_ABBREVIATIONS[wall.getUTCMonth()]} ${wall.getUTCFullYear()}, ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())} ${zoneAbbreviation(at, zone)}`;
}

/**
 * A span of time in words, the one wording of every page, report and message: days, hours and
 * minutes to the nearest minute, zero parts left out ("2 h 15 min", "1 d 2 h 30 min", "45 min",
 * "0 min"); a positive span that rounds to zero is "< 1 min". Days are 24 hours (elapsed time,
 * not calendar days). The caller says which way a span runs ("after", "overdue", "ahead").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`not a duration: ${ms}`);
  const minutes = Math.round(ms / MINUTE_MS);
  if (minutes === 0) return ms > 0 ? '< 1 min' : '0 min';
  const days = Math.floor(minutes / (DAY_MS / MINUTE_MS));
  const hours = Math.floor((minutes % (DAY_MS / MINUTE_MS)) / (HOUR_MS / MINUTE_MS));
  const rest = minutes % (HOUR_MS / MINUTE_MS);
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (rest > 0) parts.push(`${rest} min`);
  return parts.join(' ');
}
