/**
 * Measurement files as text, pure: new rows appended after the last one, or (--rewrite) the rows
 * from an instant on replaced. The file has been validated before (ascending, well-formed), so
 * reading back a row's timestamp is safe.
 */

/** One CSV row's fields after its timestamp, e.g. [good, total] or [value]. */
export interface CsvRow {
  readonly t: number;
  readonly fields: readonly (number | string)[];
}

/** RFC 3339 in UTC, to the second when whole: 2026-11-01T00:05:00Z. */
export function timestampOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const line = (row: CsvRow) => [timestampOf(row.t), ...row.fields].join(',');

/**
 * The file's new text: `existing` (undefined: a new file with `header`) with `rows` after its
 * rows; with `replaceFrom`, its rows at or after that instant are dropped first. Undefined when
 * nothing changes, so that a run without new data writes no byte.
 */
export function mergeRows(existing: string | undefined, header: readonly string[], rows: readonly CsvRow[], replaceFrom?: number): string | undefined {
  if (existing === undefined) return rows.length === 0 ? undefined : `${header.join(',')}\n${rows.map(line).join('\n')}\n`;
  const lines = existing.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  let kept = lines;
  if (replaceFrom !== undefined) {
    // Line 0 is the header; a data line's timestamp ends at its first comma.
    kept = lines.filter((text, i) => i === 0 || text.trim() === '' || Date.parse(text.slice(0, text.indexOf(','))) < replaceFrom);
  }
  const next = `${[...kept, ...rows.map(line)].join('\n')}\n`;
  return next === existing ? undefined : next;
}
