/**
 * Shared pieces of the property tests: one engine per file, small oracles written from the
 * AWS rules (never from the engine's code), and fast-check settings.
 *
 * Rules the oracles encode:
 * - "IAM JSON policy elements: Condition operators" (String section): `StringLike` honours
 *   `*` (any run of characters, including none) and `?` (exactly one character); every other
 *   character is literal; case-sensitive.
 * - "IAM JSON policy elements: Action": action names are case-insensitive, `*` and `?` allowed.
 * - "IAM JSON policy elements: Resource" and "Amazon Resource Names (ARNs)": an ARN has six
 *   colon-separated parts; only the first five colons separate, the resource part may contain
 *   more; wildcards work within a part, and a `*` in the resource part spans `/` and `:`.
 *   `"Resource": "*"` matches everything.
 * - "Condition operators" (ARN section): each of the six components is checked separately.
 */
import fc from "fast-check";
import { createEngine, type Engine } from "../../js/index.ts";

/** `FC_SEED=123 npx vitest run test/property` replays a run; otherwise fast-check picks a seed and prints it on failure. */
export function fcParams<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
  return seed === undefined ? { numRuns } : { numRuns, seed };
}

let enginePromise: Promise<Engine> | undefined;
export function getEngine(): Promise<Engine> {
  enginePromise ??= createEngine();
  return enginePromise;
}

export const PRINCIPAL = "arn:aws:iam::111122223333:user/alice";

/** Glob oracle: escape regex specials, `*` → any run of code points, `?` → one code point. */
export function globToRegExp(pattern: string, flags = ""): RegExp {
  let src = "";
  for (const ch of pattern) {
    if (ch === "*") src += "[\\s\\S]*";
    else if (ch === "?") src += "[\\s\\S]";
    else src += ch.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&");
  }
  return new RegExp(`^${src}$`, `u${flags}`);
}

export function globMatches(pattern: string, input: string, ignoreCase = false): boolean {
  return globToRegExp(pattern, ignoreCase ? "i" : "").test(input);
}

/** Splits at the first five colons; undefined when there are fewer than five. */
export function arnParts(s: string): string[] | undefined {
  const parts: string[] = [];
  let rest = s;
  for (let i = 0; i < 5; i++) {
    const at = rest.indexOf(":");
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts;
}

/**
 * Reference ARN match: `*` alone matches all; an input with fewer than six parts never
 * matches; parts 1-5 each glob-matched, the sixth (resource) as a whole. A pattern with fewer
 * than six parts is not an ARN pattern: the result is undefined and the caller decides what to
 * expect (ArnLike: no match; Resource: only the short-input rule is checked).
 */
export function arnReference(pattern: string, input: string): boolean | undefined {
  if (pattern === "*") return true;
  const s = arnParts(input);
  if (!s) return false;
  const p = arnParts(pattern);
  if (!p) return undefined;
  return p.every((part, i) => globMatches(part, s[i]));
}

/** Strings over a small alphabet with the wildcard characters and a two-byte UTF-8 letter. */
export function over(chars: string[], maxLength: number, minLength = 0): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...chars), { minLength, maxLength }).map((a) => a.join(""));
}

/** Patterns built mostly from an input plus mutations, so that matches are not vanishingly rare. */
export function patternAndInput(
  alphabet: string[],
  wild: string[],
  maxLength: number,
): fc.Arbitrary<{ pattern: string; input: string }> {
  const input = over(alphabet, maxLength);
  const independent = fc.record({ pattern: over([...alphabet, ...wild], maxLength), input });
  const derived = input.chain((s) =>
    fc
      .array(fc.tuple(fc.nat({ max: Math.max(0, [...s].length) }), fc.constantFrom("*", "?", "del", ...wild, ...alphabet)), {
        maxLength: 4,
      })
      .map((edits) => {
        const cps = [...s];
        for (const [at, op] of edits) {
          const i = Math.min(at, cps.length);
          if (op === "del") cps.splice(i, 1);
          else if (op === "*" || op === "?") cps.splice(i, 1, op);
          else cps.splice(i, 0, op);
        }
        return { pattern: cps.join(""), input: s };
      }),
  );
  return fc.oneof(independent, derived);
}
