/**
 * How the public site writes times, days, months, durations and uptime: always in the portal's
 * time zone with the zone named ("22 Nov 2026, 08:20 CET"), and with a machine-readable value
 * for `<time datetime>` (RFC 3339 with the zone's offset at that instant).
 *
 * Month names are fixed English abbreviations (not the runtime's locale data, which writes
 * "Sept" in some English locales), so that builds are the same everywhere.
 */
import { DateTime } from 'luxon';
import { zoneAbbreviation } from '../../core/time.ts';
import { isoInZone } from '../../core/zone.ts';
import { formatDuration } from '../../domain/status/duration.ts';
import { memoized } from './memo.ts';

/** A time as the site shows it: the text, and the `datetime` attribute of its `<time>`. */
export interface ShownTime {
  readonly datetime: string;
  readonly text: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const two = (n: number) => String(n).padStart(2, '0');

/** An instant in the zone: "22 Nov 2026, 08:20 CET"; datetime "2026-11-22T08:20:00+01:00". */
export const showTime: (at: number, zone: string) => ShownTime = memoized(
  (at: number, zone: string) => `${at} ${zone}`,
  (at: number, zone: string): ShownTime => {
    const t = DateTime.fromMillis(at, { zone });
    return { datetime: isoInZone(at, zone), text: `${t.day} ${MONTHS[t.month - 1]} ${t.year}, ${two(t.hour)}:${two(t.minute)} ${zoneAbbreviation(at, zone)}` };
  },
);

/**
 * The end of a range that starts at `from`: as showTime, but only "13:41 CEST" when it falls on
 * the same day in the zone ("14 Oct 2026, 11:58 CEST to 13:41 CEST").
 */
export function showEnd(at: number, from: number, zone: string): ShownTime {
  const full = showTime(at, zone);
  const sameDay = DateTime.fromMillis(at, { zone }).toISODate() === DateTime.fromMillis(from, { zone }).toISODate();
  return sameDay ? { datetime: full.datetime, text: full.text.slice(full.text.indexOf(', ') + 2) } : full;
}

/** A calendar day `YYYY-MM-DD` (of the portal's zone): "22 Nov 2026". */
export function showDate(date: string): ShownTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { datetime: date, text: `${day} ${MONTHS[month - 1]} ${year}` };
}

/** A calendar month `YYYY-MM`: "November 2026". */
export function showMonth(month: string): ShownTime {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return { datetime: month, text: `${MONTH_NAMES[number - 1]} ${year}` };
}

/** `YYYY-MM` of the month holding `at` in the zone. */
export function monthOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM');
}

/** An elapsed time: "1 h 43 min" (see formatDuration), with `datetime` as an ISO 8601 duration ("PT1H43M"). */
export function showDuration(ms: number): ShownTime {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const datetime = `P${days ? `${days}D` : ''}T${hours ? `${hours}H` : ''}${rest || (!days && !hours) ? `${rest}M` : ''}`.replace(/T$/, '');
  return { datetime, text: formatDuration(ms) };
}

/**
 * An uptime ratio as a percentage for reading: "100%" only when nothing counted as downtime,
 * else two decimals rounded down (so that a little downtime never reads as 100.00%); "No data"
 * for null.
 */
export function formatUptime(ratio: number | null): string {
  if (ratio === null) return 'No data';
  if (ratio >= 1) return '100%';
  return `${(Math.floor(ratio * 10_000 + 1e-9) / 100).toFixed(2)}%`;
}
