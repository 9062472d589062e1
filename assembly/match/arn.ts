/**
 * @module match/arn
 *
 * ARN matching for the Resource/NotResource elements and the ArnLike /
 * ArnEquals / ArnNotLike / ArnNotEquals condition operators.
 *
 * AWS sources:
 *   - "IAM JSON policy elements: Resource": an ARN is
 *     `arn:partition:service:region:account-id:resource`; wildcards `*` and
 *     `?` may be used "within any ARN segment (the parts separated by
 *     colons)", and `*` in the resource part may span `/` and `:`
 *     (`arn:aws:logs:...:log-group:*` covers `log-group:x:log-stream:y`).
 *     A Resource of exactly `*` matches every resource.
 *   - "IAM JSON policy elements: Condition operators", ARN condition
 *     operators: "Each of the six colon-delimited components of the ARN is
 *     checked separately and each can include multi-character match wildcards
 *     (*) or single-character match wildcards (?)." Their example: the
 *     pattern `arn:aws:someservice:*:111122223333:finance/*` must NOT match
 *     `arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/x`
 *     although StringLike would.
 *   - "Amazon Resource Names (ARNs)": the resource part may itself contain
 *     `:` and `/`, so only the first five colons are separators.
 *
 * Matching is case-sensitive (ARNs are case-sensitive per the ARN page).
 * The pattern may contain 0x00 escapes (see match/wildcard); an escaped `:`
 * is data, never a separator. The input contains no escapes.
 *
 * No allocation: segments are located by scanning and matched in place.
 */

import { globMatch } from "./wildcard";

/** ASCII `:` segment separator. */
const COLON: u32 = 0x3a;
/** ASCII `*`. */
const STAR: u32 = 0x2a;
/** Pattern escape byte (see match/wildcard). */
const ESC: u32 = 0x00;
/** Number of separators in a full ARN: arn:partition:service:region:account:resource. */
const ARN_SEPARATORS: i32 = 5;

/**
 * Index of the next separator `:` at or after `from`, or `len` if none.
 * With `escapes`, a 0x00 byte hides the byte after it (the pattern side).
 */
// @ts-ignore: decorator
@inline
function nextColon(ptr: usize, from: i32, len: i32, escapes: bool): i32 {
  let i = from;
  while (i < len) {
    // INVARIANT: from >= 0 and i < len.
    const c = <u32>load<u8>(ptr + <usize>i);
    if (c == COLON) return i;
    // Skip the escaped byte (if any). `i += 2` may reach len+1 when the
    // escape is the last byte; the loop condition and the `min` below keep us
    // from ever reading or returning past `len`.
    i += escapes && c == ESC ? 2 : 1;
  }
  return len;
}

/** Number of separators (capped at ARN_SEPARATORS) in ptr[0..len). */
function countSeparators(ptr: usize, len: i32, escapes: bool): i32 {
  let n: i32 = 0;
  let i: i32 = 0;
  while (n < ARN_SEPARATORS) {
    const at = nextColon(ptr, i, len, escapes);
    if (at >= len) break;
    n++;
    i = at + 1;
  }
  return n;
}

/**
 * Does ARN `str` match ARN pattern `pat`?
 *
 * @param shortPatternAsGlob when the pattern has fewer than six segments:
 *        true = fall back to a whole-string glob of the pattern against the
 *        input (lenient: lets e.g. `arn:aws:s3*` cover S3 ARNs), false = no
 *        match (strict: a pattern that is not a 6-part ARN matches nothing).
 *        AWS does not document this case; the caller picks the policy.
 */
export function arnMatch(pat: usize, patLen: i32, str: usize, strLen: i32, shortPatternAsGlob: bool): bool {
  if (patLen < 0 || strLen < 0) return false;
  // "Resource": "*" matches everything ("IAM JSON policy elements: Resource").
  // INVARIANT: patLen == 1, so byte 0 exists.
  if (patLen == 1 && <u32>load<u8>(pat) == STAR) return true;

  // An input that is not a 6-part ARN never matches an ARN pattern.
  if (countSeparators(str, strLen, false) < ARN_SEPARATORS) return false;

  if (countSeparators(pat, patLen, true) < ARN_SEPARATORS) {
    return shortPatternAsGlob ? globMatch(pat, patLen, str, strLen, false) : false;
  }

  // Segments 1..5 one by one: a `*` there cannot cross a colon because it
  // only ever sees its own segment.
  let ps: i32 = 0;
  let ss: i32 = 0;
  for (let k: i32 = 0; k < ARN_SEPARATORS; k++) {
    const pe = nextColon(pat, ps, patLen, true); // < patLen: counted above
    const se = nextColon(str, ss, strLen, false); // < strLen: counted above
    if (!globMatch(pat + <usize>ps, pe - ps, str + <usize>ss, se - ss, false)) return false;
    ps = pe + 1;
    ss = se + 1;
  }
  // Segment 6 (resource) as a whole: `*` spans `/` and `:` here.
  return globMatch(pat + <usize>ps, patLen - ps, str + <usize>ss, strLen - ss, false);
}

/** Separator positions of the input split by splitArn: five i32. */
const inputSeps: usize = memory.data(20, 4);
/** Separator positions of the pattern being matched by arnMatchSplit: five i32. */
const patternSeps: usize = memory.data(20, 4);
let inputIsArn = false;

/**
 * Splits the input ARN that following arnMatchSplit calls match against (a request's resource,
 * split once per request instead of once per pattern). Returns whether it is a 6-part ARN.
 */
export function splitArn(str: usize, len: i32): bool {
  let n: i32 = 0;
  for (let i: i32 = 0; i < len; i++) {
    // INVARIANT: i < len, the input's length.
    if (<u32>load<u8>(str + <usize>i) == COLON) {
      // INVARIANT: n < ARN_SEPARATORS, so the slot lies inside inputSeps.
      store<i32>(inputSeps + (<usize>n << 2), i);
      if (++n == ARN_SEPARATORS) break;
    }
  }
  inputIsArn = n == ARN_SEPARATORS;
  return inputIsArn;
}

/**
 * arnMatch(pat, patLen, str, strLen, true) for the input last given to splitArn, where the
 * pattern's first `same` bytes are already known to equal the input's and hold no wildcard or
 * escape (its literal prefix, checked by the caller): segments inside them are skipped, and a
 * `*` segment matches without a glob call. Same answers as arnMatch (tested against it).
 */
export function arnMatchSplit(pat: usize, patLen: i32, str: usize, strLen: i32, same: i32): bool {
  if (patLen < 0 || strLen < 0) return false;
  // INVARIANT: patLen == 1, so byte 0 exists.
  if (patLen == 1 && <u32>load<u8>(pat) == STAR) return true;
  if (!inputIsArn) return false;
  let n: i32 = 0;
  let i: i32 = 0;
  // Separators inside the verified prefix are the input's (equal text, no escapes there).
  while (n < ARN_SEPARATORS) {
    // INVARIANT: n < ARN_SEPARATORS; both tables hold five positions.
    const at = load<i32>(inputSeps + (<usize>n << 2));
    if (at >= same) break;
    store<i32>(patternSeps + (<usize>n << 2), at);
    n++;
    i = at + 1;
  }
  while (n < ARN_SEPARATORS) {
    const at = nextColon(pat, i, patLen, true);
    if (at >= patLen) return globMatch(pat, patLen, str, strLen, false);
    // INVARIANT: n < ARN_SEPARATORS, so the slot lies inside patternSeps.
    store<i32>(patternSeps + (<usize>n << 2), at);
    n++;
    i = at + 1;
  }
  let ps: i32 = 0;
  let ss: i32 = 0;
  for (let k: i32 = 0; k < ARN_SEPARATORS; k++) {
    // INVARIANT: k < ARN_SEPARATORS; both tables hold five positions.
    const pe = load<i32>(patternSeps + (<usize>k << 2));
    const se = load<i32>(inputSeps + (<usize>k << 2));
    // A segment that ends inside the verified prefix is equal text (and its colon is the
    // input's colon too, so se == pe and ss == ps there).
    if (pe >= same) {
      const single = pe - ps == 1 && <u32>load<u8>(pat + <usize>ps) == STAR;
      if (!single && !globMatch(pat + <usize>ps, pe - ps, str + <usize>ss, se - ss, false)) return false;
    }
    ps = pe + 1;
    ss = se + 1;
  }
  // The resource segment: its verified start (when the prefix reaches into it) is skipped.
  const skip = same > ps ? same - ps : 0;
  return globMatch(pat + <usize>(ps + skip), patLen - ps - skip, str + <usize>(ss + skip), strLen - ss - skip, false);
}
