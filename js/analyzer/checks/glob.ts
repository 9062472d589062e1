/**
 * @module analyzer/checks/glob
 * Questions about two wildcard patterns (`*` any run, `?` one character, as in Action,
 * Resource and StringLike): whether some string matches both (an ARN against a resource type's
 * template), and whether one covers the other (a redundant item). Both are dynamic programs over
 * the two patterns' positions: O(length × length), no backtracking.
 */

/** Whether some string matches both `a` and `b`. */
export function globsIntersect(a: string, b: string): boolean {
  if (!endsAgree(a, b)) return false;
  const m = a.length;
  const n = b.length;
  const seen = new Uint8Array((m + 1) * (n + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * (n + 1) + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / (n + 1));
    const j = k % (n + 1);
    if (i === m && j === n) return true;
    const ca = i < m ? a[i] : undefined;
    const cb = j < n ? b[j] : undefined;
    if (ca === "*") {
      push(i + 1, j);
      if (cb !== undefined && cb !== "*") push(i, j + 1);
    }
    if (cb === "*") {
      push(i, j + 1);
      if (ca !== undefined && ca !== "*") push(i + 1, j);
    }
    if (ca !== undefined && cb !== undefined && ca !== "*" && cb !== "*" && (ca === cb || ca === "?" || cb === "?")) push(i + 1, j + 1);
  }
  return false;
}

/**
 * Whether the literal heads of `a` and `b` (up to a `*` in either) agree, and their literal
 * tails too: a string matching both starts with both heads and ends with both tails. Most
 * pairs (an ARN against a resource type's template) differ there, without the program below.
 */
function endsAgree(a: string, b: string): boolean {
  const same = (x: string, y: string) => x === y || x === "?" || y === "?";
  for (let i = 0; i < a.length && i < b.length && a[i] !== "*" && b[i] !== "*"; i++) if (!same(a[i], b[i])) return false;
  for (let k = 1; k <= a.length && k <= b.length && a[a.length - k] !== "*" && b[b.length - k] !== "*"; k++) {
    if (!same(a[a.length - k], b[b.length - k])) return false;
  }
  return true;
}

/** Whether every string `inner` matches is matched by `outer` (case-sensitive). */
export function globCovers(outer: string, inner: string): boolean {
  const n = inner.length;
  let prev = new Array<boolean>(n + 1).fill(false);
  prev[0] = true;
  for (const o of outer) {
    const cur = new Array<boolean>(n + 1).fill(false);
    if (o === "*") {
      cur[0] = prev[0];
      for (let j = 1; j <= n; j++) cur[j] = prev[j] || cur[j - 1];
    } else {
      for (let j = 1; j <= n; j++) {
        const c = inner[j - 1];
        cur[j] = prev[j - 1] && (o === "?" ? c !== "*" : c === o);
      }
    }
    prev = cur;
  }
  return prev[n];
}
