import { editDistance } from './edit-distance';

/**
 * The candidate closest to `word` when it is a plausible typo (at most 2 edits, and fewer than
 * half the word), for "did you mean" hints. Ties go to the earliest candidate, so the result is
 * deterministic for a given candidate order.
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(2, Math.floor(word.length / 2));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(word, c, limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
