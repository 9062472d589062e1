/**
 * @module policy/wildcard
 * The one wildcard and ARN matcher in JavaScript, with the Wasm core's semantics exactly
 * (assembly/match/wildcard.ts and assembly/match/arn.ts; docs/matching.md), for code that must
 * answer as the core would without a Wasm call: the validator, the binding's per-action
 * statement selection, the simulator's policy exclusions.
 *
 * - `*` matches any run of characters, `/` and `:` included; `?` matches exactly one
 *   character; every other character is literal ("IAM JSON policy elements: Condition
 *   operators", StringLike; "IAM JSON policy elements: Action" and "... Resource").
 * - A character is a code point. The core compares the UTF-8 that `TextEncoder` writes, which
 *   turns a lone surrogate into U+FFFD; so do we, on both sides (`prepareText`).
 * - `ignoreCase` folds ASCII letters only, as the core does for actions ("IAM JSON policy
 *   elements: Action": action names are case-insensitive; AWS defines no Unicode folding, and
 *   `toLowerCase` or a RegExp `i` flag would fold the Kelvin sign into `k`).
 * - ARNs: split at the first five colons; segments 1-5 are matched one by one (a wildcard
 *   never crosses a colon), the resource segment as a whole ("IAM JSON policy elements:
 *   Condition operators", ARN condition operators).
 *
 * Policy variables and their `${*}` escapes are the encoder's business: here `*` and `?` are
 * always wildcards. The matcher is the core's two-pointer glob that remembers only the last
 * `*`: exact, and O(pattern × text) at worst (a backtracking RegExp is exponential in the
 * number of stars).
 */

const STAR = 0x2a;
const QUESTION = 0x3f;
/** Separators in a full ARN: `arn:partition:service:region:account-id:resource`. */
const ARN_SEPARATORS = 5;

export interface WildcardOptions {
  /** Compare ASCII letters case-insensitively, as actions are (nothing else is folded). */
  ignoreCase?: boolean;
}

/**
 * A lone surrogate: what `/\p{Cs}/u` finds, spelled per code unit so that no Unicode property
 * table is built on first use (ICU's, about 1% of a cold compile's instructions: issue 17).
 * test/property/cold-compile.test.ts compares the two.
 */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");
const UPPER = /[A-Z]/;
const UPPERS = /[A-Z]+/g;

/**
 * The text the core compares: lone surrogates as U+FFFD (what `TextEncoder` writes) and, with
 * `ignoreCase`, ASCII letters lowercased. Callers that match one text against many patterns
 * prepare it once and use `WildcardPattern.testPrepared`.
 */
export function prepareText(text: string, ignoreCase = false): string {
  let out = LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, "\ufffd") : text;
  if (ignoreCase && UPPER.test(out)) out = out.replace(UPPERS, (m) => m.toLowerCase());
  return out;
}

/** UTF-16 units of the code point at `i` of well-formed text (`prepareText` output). */
function width(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/** Whether prepared `pattern` has no wildcard from `from` on. */
function isLiteralFrom(pattern: string, from: number): boolean {
  for (let i = from; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === STAR || c === QUESTION) return false;
  }
  return true;
}

/**
 * The core's globMatch on prepared strings. Both are well-formed, so comparing UTF-16 units
 * compares code points, and a wildcard is never reached in the middle of a surrogate pair.
 */
function glob(pattern: string, text: string): boolean {
  let p = 0, t = 0, starP = -1, starT = 0;
  while (t < text.length) {
    if (p < pattern.length) {
      const c = pattern.charCodeAt(p);
      if (c === STAR) {
        // A literal tail after this `*` (the common `prefix*` and `*suffix`) is decided here.
        if (isLiteralFrom(pattern, p + 1)) return text.length - t >= pattern.length - p - 1 && text.endsWith(pattern.slice(p + 1));
        starP = p++;
        starT = t;
        continue;
      }
      if (c === QUESTION) {
        t += width(text, t);
        p++;
        continue;
      }
      if (c === text.charCodeAt(t)) {
        p++;
        t++;
        continue;
      }
    }
    // Mismatch: the last `*` absorbs one more code point, and the rest of the pattern retries.
    if (starP < 0) return false;
    starT += width(text, starT);
    t = starT;
    p = starP + 1;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/**
 * A pattern prepared once for many texts, classified as the encoder classifies patterns for
 * the core (literal, `prefix*`, or a general glob).
 * @example
 * new WildcardPattern("s3:Get*", { ignoreCase: true }).test("S3:GetObject") // true
 */
export class WildcardPattern {
  readonly ignoreCase: boolean;
  /** The prepared pattern. */
  readonly #pattern: string;
  /** 0 literal, 1 `prefix*` (the usual action glob), 2 any other glob. */
  readonly #shape: 0 | 1 | 2;
  readonly #prefix: string;

  constructor(pattern: string, options: WildcardOptions = {}) {
    this.ignoreCase = options.ignoreCase === true;
    const p = prepareText(pattern, this.ignoreCase);
    this.#pattern = p;
    const star = p.indexOf("*");
    if (star < 0 && !p.includes("?")) this.#shape = 0;
    else if (star === p.length - 1 && !p.includes("?")) this.#shape = 1;
    else this.#shape = 2;
    this.#prefix = this.#shape === 1 ? p.slice(0, star) : "";
  }

  /** The pattern as prepared (`prepareText`): ASCII lowercased when it ignores case. */
  get text(): string {
    return this.#pattern;
  }

  /** Whether `text` matches. */
  test(text: string): boolean {
    return this.testPrepared(prepareText(text, this.ignoreCase));
  }

  /** Whether `text`, already `prepareText(text, this.ignoreCase)`, matches. */
  testPrepared(text: string): boolean {
    if (this.#shape === 0) return text === this.#pattern;
    if (this.#shape === 1) return text.startsWith(this.#prefix);
    return glob(this.#pattern, text);
  }
}

/**
 * Whether `text` matches the wildcard `pattern`: StringLike (case-sensitive) or, with
 * `ignoreCase`, an Action element.
 * @example
 * wildcardMatch("arn:aws:iam::*:policy/Team?", "arn:aws:iam::111122223333:policy/TeamA") // true
 * wildcardMatch("iam:Pass*", "IAM:PassRole", { ignoreCase: true }) // true
 */
export function wildcardMatch(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  const fold = options.ignoreCase === true;
  return glob(prepareText(pattern, fold), prepareText(text, fold));
}

/** Whether an Action / NotAction pattern matches `action` ("IAM JSON policy elements: Action"). */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, { ignoreCase: true });
}

/** Positions of the first five colons of `s`, or null when it has fewer. */
function separators(s: string): number[] | null {
  const out: number[] = [];
  for (let i = s.indexOf(":"); i >= 0 && out.length < ARN_SEPARATORS; i = s.indexOf(":", i + 1)) out.push(i);
  return out.length === ARN_SEPARATORS ? out : null;
}

export interface ArnMatchOptions {
  /**
   * What a pattern of fewer than six parts does: `false` (ArnLike, ArnEquals) matches nothing;
   * `true` (the Resource element) matches it as a glob against the whole ARN. AWS does not
   * document the case (docs/matching.md).
   */
  shortPatternAsGlob?: boolean;
}

/**
 * Whether `arn` matches the ARN pattern segment by segment, case-sensitively. `*` alone
 * matches anything; an `arn` of fewer than six parts matches nothing else.
 * @example
 * arnMatch("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b") // true
 * arnMatch("arn:aws:*:*:111122223333:finance/*", "arn:aws:x:r:999999999999:s:111122223333:finance/y") // false
 */
export function arnMatch(pattern: string, arn: string, options: ArnMatchOptions = {}): boolean {
  if (pattern === "*") return true;
  const text = prepareText(arn);
  const textSeps = separators(text);
  if (textSeps === null) return false;
  const pat = prepareText(pattern);
  const patSeps = separators(pat);
  if (patSeps === null) return options.shortPatternAsGlob === true && glob(pat, text);
  let ps = 0, ts = 0;
  for (let k = 0; k < ARN_SEPARATORS; k++) {
    if (!glob(pat.slice(ps, patSeps[k]), text.slice(ts, textSeps[k]))) return false;
    ps = patSeps[k] + 1;
    ts = textSeps[k] + 1;
  }
  return glob(pat.slice(ps), text.slice(ts));
}

/** Whether a Resource / NotResource pattern matches `resource` ("IAM JSON policy elements: Resource"). */
export function resourceMatches(pattern: string, resource: string): boolean {
  return arnMatch(pattern, resource, { shortPatternAsGlob: true });
}
