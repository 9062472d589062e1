/**
 * @module cli/limits
 * The command line's input limits (docs/limits.md, "CLI"). Every input, a file or standard
 * input alike, is read in chunks and refused once it passes its limit, so `/dev/zero`, a
 * sparse 4 GiB file or an endless pipe costs at most the limit in time and memory.
 */

/** A limit on the bytes of one input, with the words its error message uses. */
export interface InputLimit {
  bytes: number;
  /** What the input is, after "the limit for": `a policy file`. */
  what: string;
}

/**
 * A policy document: 1 MiB. The largest quota AWS sets for a policy is 20,480 characters
 * without whitespace (an S3 bucket policy; "IAM and AWS STS quotas" counts no whitespace), so
 * 1 MiB leaves room for any indentation and refuses nothing AWS accepts; the engine then
 * applies the policy kind's own quota (POLICY_TOO_LARGE).
 */
export const POLICY_INPUT: InputLimit = { bytes: 1 << 20, what: "a policy file" };

/**
 * An account file, the JSON of `aws iam get-account-authorization-details`: 128 MiB. A large
 * account (5,000 users and 1,000 roles with inline and managed policies, URL-encoded, as the
 * AWS CLI prints them) is tens of MiB; 128 MiB stays well below V8's longest string (2^29 - 24
 * characters) and parses in a few hundred MiB of memory.
 */
export const ACCOUNT_INPUT: InputLimit = { bytes: 128 << 20, what: "an account file" };

/**
 * Nesting depth of an account file: 100 levels. GAAD puts a policy document 5 levels deep
 * (`Policies[].PolicyVersionList[].Document`) and the engine refuses a document deeper than 64
 * (JSON_TOO_DEEP), so no valid account is deeper than 69; deeper ones are refused before the
 * account model walks them recursively.
 */
export const ACCOUNT_MAX_DEPTH = 100;

/** `1 MiB`, `128 MiB`: a limit for messages. */
export function formatBytes(bytes: number): string {
  return bytes % (1 << 20) === 0 ? `${bytes / (1 << 20)} MiB` : `${bytes.toLocaleString("en-US")} bytes`;
}

/**
 * A requests file for `iam-edge bench` (JSON lines): 64 MiB, and at most BENCH_MAX_REQUESTS
 * requests. A benchmark's figures settle after a few thousand distinct requests; the limits
 * keep a runaway file from costing more than a few hundred MiB of memory.
 */
export const REQUESTS_INPUT: InputLimit = { bytes: 64 << 20, what: "a requests file" };
export const BENCH_MAX_REQUESTS = 100_000;
