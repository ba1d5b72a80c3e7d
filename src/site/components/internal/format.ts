/** How the internal pages word numbers and times: one place, the same words on every page. */
import { formatDuration, wallClockText } from '../../../core/time.ts';
import { burnFactor, fixed, percent } from '../../../domain/slo/format.ts';

export { formatDuration as duration };

/** A ratio in percent, or the reason there is none ("no data"). */
export const pct = (ratio: number | null | undefined, decimals = 3, none = 'no data'): string =>
  ratio === null || ratio === undefined ? none : percent(ratio, decimals);

/** A target as written (up to 4 decimals). */
export const target = (ratio: number): string => percent(ratio, 4);

/** A burn rate, "n/a" without one. */
export const burn = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : burnFactor(x));

/** Instants already worded: a dashboard shows the same hours in every chart table, and Intl is slow (~0.2 ms a call). */
const worded = new Map<string, string>();

/** An instant in the portal's zone: "22 Nov 2026, 13:00 CET". */
export function at(ms: number, zone: string): string {
  const key = `${zone} ${ms}`;
  let text = worded.get(key);
  if (text === undefined) {
    if (worded.size > 100_000) worded.clear();
    text = wallClockText(ms, zone);
    worded.set(key, text);
  }
  return text;
}

/** RFC 3339 in UTC, for `datetime` attributes. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * {@link iso} without the seconds when they are zero ("2026-10-23T13:00Z", a valid HTML datetime
 * that Date.parse reads): a chart table's rows fall on whole minutes, and an SLO page has thousands.
 */
export function isoMinute(ms: number): string {
  const text = iso(ms);
  return text.endsWith(':00.000Z') ? `${text.slice(0, -8)}Z` : text;
}

/**
 * A chart value as the chart script reads it (data-v): seven significant digits, more than a
 * canvas or the tooltip shows (99.935812 % is drawn and labelled as 99.936 %), and less than
 * half the characters of the full double on the corpus's 3.6 million cells.
 */
export const chartValue = (v: number): string => (Number.isInteger(v) && Math.abs(v) < 1e7 ? (v === 0 ? '0' : String(v)) : String(Number(v.toPrecision(7))));

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' };
/** Text escaped for HTML as Astro escapes an expression. */
export const escapeHtml = (s: string): string => s.replace(/[&<>'"]/g, (c) => ENTITIES[c]!);

/** Row headers already written, per zone: every chart of a dashboard repeats the same hours. */
const rowHeads = new Map<string, Map<number, string>>();

/**
 * A chart table's row header for an instant, as HTML: `<th scope="row"><time datetime="…">…</time></th>`.
 * The corpus's SLO pages have about 3.6 million such rows; each is worded once per build.
 */
export function timeRowHeader(ms: number, zone: string): string {
  let heads = rowHeads.get(zone);
  if (heads === undefined) rowHeads.set(zone, (heads = new Map<number, string>()));
  let head = heads.get(ms);
  if (head === undefined) {
    if (heads.size > 200_000) heads.clear();
    head = `<th scope="row"><time datetime="${isoMinute(ms)}">${escapeHtml(wallClockText(ms, zone))}</time></th>`;
    heads.set(ms, head);
  }
  return head;
}

/** A count or amount: whole numbers grouped, small amounts with one decimal. */
export const amount = (x: number): string => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-GB') : fixed(x, 1));

/** The words for an SLO state. */
export const STATE_TEXT: Record<string, string> = { ok: 'OK', 'at-risk': 'At risk', exhausted: 'Exhausted', 'no-data': 'No data' };
