/**
 * @module analyzer/checks/suggest
 * "Did you mean ...?": the closest name by edit distance (Levenshtein), for Invalid action and
 * Invalid service in action, as Access Analyzer's messages suggest one.
 */

// Two rows, reused across calls: a suggestion compares a name with every action of its service,
// and a pair of new arrays per candidate was most of the cost (allocation and young-generation GC).
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Edit distance of `a` and `b`, giving up (returning `max + 1`) once it must exceed `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let row = rowA;
  let next = rowB;
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
    const t = row;
    row = next;
    next = t;
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
