/**
 * The bounds of one `keel validate` run, so that no file of a pull request (a fork's included)
 * can make it slow, hungry or crash: each limit, when reached, is a located finding of a
 * `limit/…` rule (src/content/rules.ts), never a crash.
 */

/** Largest YAML or Markdown file read, in bytes (read with this bound: a device cannot grow memory). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Largest measurements CSV read, in bytes (about half a million rows). */
export const MAX_MEASUREMENT_BYTES = 32 * 1024 * 1024;

/** Largest export `keel import` reads, in bytes (a Statuspage history of thousands of incidents is a few MiB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/** Longest file or folder name most file systems accept (ext4, APFS, NTFS), in bytes of UTF-8. */
export const MAX_NAME_BYTES = 255;

/** Deepest nesting of YAML collections (mappings and lists) in one document. */
export const MAX_NESTING = 64;

/** Most items of one YAML list, or keys of one mapping (no content kind comes close). */
export const MAX_ITEMS = 10_000;

/** Most aliases (`*name`) one YAML document may use, counted as they expand. */
export const MAX_ALIASES = 100;

/** Most findings listed per file; a last finding tells how many more there are. */
export const MAX_FINDINGS_PER_FILE = 100;

/** Most link openers (`[`) of an MDX body that is parsed: the parser's time grows with their square (src/content/mdx-bounds.ts). */
export const MAX_MDX_LINK_OPENERS = 4_000;

/** Deepest container nesting (lists, block quotes) of an MDX body that is parsed. */
export const MAX_MDX_NESTING = 100;

/**
 * The whole run's budget for MDX bodies that cost more than ordinary prose (many links, deep
 * nesting), in characters of prose the same parse would take: about twenty bodies at the limits.
 */
export const MAX_MDX_RUN_WORK = 1_000_000;

/**
 * A last guard only: the longest one MDX body may take to parse, in milliseconds, and the
 * longest all of a run's guarded bodies may take together. The limits above bound the work by
 * what a body holds, the same on every machine; these depend on the machine's load, and no body
 * within those limits comes near them.
 */
export const MAX_MDX_MS = 30_000;
export const MAX_MDX_RUN_MS = 120_000;

/** `2 MiB`, `512 KiB`: a byte count for messages. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}
