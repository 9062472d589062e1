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
