import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to `input`, if it is close enough to be a likely typo:
 * within a third of the longer word's length (at least 1, at most 3 edits), ignoring case.
 * When several candidates are equally close (SEV5 is one edit from SEV0 … SEV4) there is no
 * likely typo, so there is no suggestion.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  let tied = false;
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
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
