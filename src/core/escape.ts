/**
 * Text from content made safe to print: control characters, line breaks, bidirectional
 * controls and lone surrogates become visible escapes, so that a value can neither start a new
 * output line (a forged `::error` workflow command), nor drive the terminal (ANSI sequences),
 * nor reorder what a reader sees. Long values are cut to a short excerpt.
 */

/** C0 and C1 controls, DEL, line/paragraph separators, bidi controls, BOM, lone surrogates. */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what this module finds
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `a\nb` → `a\\nb`; ESC → `\\u001b`. Printable text, including other Unicode, is kept. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of text from content: runs of whitespace (line breaks too) as one space, controls escaped. */
export const oneLine = (text: string): string => escapeControls(text.replace(/\s+/g, ' ').trim());

/** Longest value a message quotes, in UTF-16 code units. */
export const MAX_EXCERPT = 100;

/** At most `max` characters of `text`, cut at a character boundary and marked with "…". */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}
