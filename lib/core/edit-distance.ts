/**
 * Levenshtein distance (insertions, deletions, substitutions), with an early exit once every
 * cell of a row exceeds `limit`: suggestions only care about near misses, and the catalog has
 * hundreds of names to compare against.
 *
 * @returns the distance, or `limit + 1` when it is larger than `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > limit) {
    return limit + 1;
  }
  // Every index below is in range; `?? 0` only satisfies the checker.
  let previous = Uint32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) {
      return limit + 1;
    }
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? 0, limit + 1);
}
