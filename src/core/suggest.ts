/**
 * The closest candidate to `input`, if it is close enough to be a likely typo:
 * within a third of the longer word's length (at least 1, at most 3 edits), ignoring case.
 * Swapping two neighbouring letters (`tilte`) is one edit.
 * When several candidates are equally close (SEV5 is one edit from SEV0 … SEV4) there is no
 * likely typo, so there is no suggestion.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const d = editDistance(needle, candidate.toLowerCase());
    const allowed = Math.min(3, Math.max(1, Math.floor(Math.max(needle.length, candidate.length) / 3)));
    if (d > allowed || d > bestDistance) continue;
    if (d === bestDistance) {
      tied ||= candidate !== best;
      continue;
    }
    best = candidate;
    bestDistance = d;
    tied = false;
  }
  return tied ? undefined : best;
}

/** Insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
