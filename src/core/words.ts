/** How Keel words counts, in every report, message and page. */

/** "1 file", "2 files": a count and its noun, with an English plural in -s. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
