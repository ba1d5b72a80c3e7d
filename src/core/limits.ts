/**
 * The bounds of one `keel validate` run, so that no file of a pull request (a fork's included)
 * can make it slow, hungry or crash: each limit, when reached, is a located finding of a
 * `limit/…` rule (src/content/rules.ts), never a crash.
 */

/** Largest YAML or Markdown file read, in bytes (read with this bound: a device cannot grow memory). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Largest measurements CSV read, in bytes (about half a million rows). */
export const MAX_MEASUREMENT_BYTES = 32 * 1024 * 1024;

/** Deepest nesting of YAML collections (mappings and lists) in one document. */
export const MAX_NESTING = 64;

/** Most items of one YAML list, or keys of one mapping (no content kind comes close). */
export const MAX_ITEMS = 10_000;

/** Most aliases (`*name`) one YAML document may use, counted as they expand. */
export const MAX_ALIASES = 100;

/** Most findings listed per file; a last finding tells how many more there are. */
export const MAX_FINDINGS_PER_FILE = 100;

/** Longest time the MDX parser may spend on one body, in milliseconds. */
export const MAX_MDX_MS = 5_000;

/** `2 MiB`, `512 KiB`: a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
