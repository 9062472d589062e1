/**
 * @module analyzer/checks/suggest
 * "Did you mean ...?": the closest name by edit distance (Levenshtein), for Invalid action and
 * Invalid service in action, as Access Analyzer's messages suggest one.
 */

/** Edit distance of `a` and `b`, giving up (returning `max + 1`) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two rows, reused: a suggestion compares a name with every action of its service.
  let row = new Int32Array(b.length + 1);
  let next = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    next[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      next[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    [row, next] = [next, row];
  }
  return row[b.length];
}

/** The candidate closest to `name` (ignoring case) within a third of its length, or undefined. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const max = Math.max(2, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase(), bestDistance - 1 < 0 ? 0 : Math.min(max, bestDistance));
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
