/**
 * @module edge/s3-api/public-policy
 * Whether a bucket policy is public, by S3's definition ("Blocking public access to your Amazon
 * S3 storage", S3 User Guide, "The meaning of public" > "Bucket policies"): S3 starts from
 * public and calls a policy non-public only when every Allow statement grants access to fixed
 * values (no wildcard, no policy variable) of a principal, or is narrowed by a fixed value of one
 * of these keys: `aws:SourceIp` (CIDRs no broader than /8 for IPv4 and /32 for IPv6, RFC 1918
 * ranges excepted), `aws:SourceArn`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:SourceOwner`,
 * `aws:SourceAccount`, `s3:x-amz-server-side-encryption-aws-kms-key-id`, `aws:userid` (outside
 * the pattern `AROLEID:*`), `s3:DataAccessPointArn`, `s3:DataAccessPointAccount`, and the
 * principal keys the page gives as its example (`aws:PrincipalOrgID`; `aws:PrincipalAccount`,
 * `aws:PrincipalArn`). Deny statements never make a policy public; `NotPrincipal` in an Allow
 * grants everyone else, so it is public.
 *
 * A narrowing condition is one that can only hold for the fixed values: `StringEquals`,
 * `StringEqualsIgnoreCase`, `ArnEquals`, `StringLike`/`ArnLike` without wildcards, `IpAddress`
 * for `aws:SourceIp` (with `ForAnyValue:` too); `...IfExists`, negated operators and
 * `ForAllValues:` hold when the key is absent or different, so they narrow nothing.
 */
import type { ConditionEntry, NormalizedPolicy, NormalizedStatement, PrincipalSet } from "../../policy/types.ts";

const FIXED_KEYS = new Set([
  "aws:sourcearn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceowner", "aws:sourceaccount",
  "s3:x-amz-server-side-encryption-aws-kms-key-id", "aws:userid", "s3:dataaccesspointarn", "s3:dataaccesspointaccount",
  "aws:principalorgid", "aws:principalaccount", "aws:principalarn",
]);
const NARROWING = new Set(["StringEquals", "StringEqualsIgnoreCase", "ArnEquals", "StringLike", "ArnLike"]);

const hasWildcard = (v: string) => /[*?]/.test(v) || v.includes("${");

function fixedPrincipal(p: PrincipalSet): boolean {
  if (p.star || p.federated.length > 0) return false;
  return [...p.aws, ...p.service, ...p.canonicalUser].every((v) => !hasWildcard(v));
}

/** RFC 1918 private ranges (10/8, 172.16/12, 192.168/16), whose CIDRs are never public. */
function privateIPv4(octets: number[]): boolean {
  return octets[0] === 10 || (octets[0] === 172 && octets[1] >= 16 && octets[1] <= 31) || (octets[0] === 192 && octets[1] === 168);
}

/** A CIDR (or address) no broader than /8 (IPv4) or /32 (IPv6). */
export function narrowCidr(value: string): boolean {
  const [address, bits] = value.split("/");
  if (address.includes(":")) return bits === undefined || Number(bits) >= 32;
  const octets = address.split(".").map(Number);
  if (bits === undefined || Number(bits) >= 8) return true;
  return privateIPv4(octets);
}

function narrows(c: ConditionEntry): boolean {
  if (c.ifExists || c.qualifier === "ForAllValues" || c.values.length === 0) return false;
  const key = c.key.toLowerCase();
  if (key === "aws:sourceip") return c.base === "IpAddress" && c.values.every(narrowCidr);
  if (!FIXED_KEYS.has(key) || !NARROWING.has(c.base)) return false;
  if (key === "aws:userid") return c.values.every((v) => !hasWildcard(v));
  // "s3:DataAccessPointArn ... can contain a wildcard for the access point name ... as long as the account id is fixed".
  if (key === "s3:dataaccesspointarn") return c.values.every((v) => !hasWildcard(v.split(":accesspoint/")[0] ?? v));
  return c.values.every((v) => !hasWildcard(v));
}

/** Whether one statement grants public access. */
export function isPublicStatement(s: NormalizedStatement): boolean {
  if (s.effect !== "Allow") return false;
  if (s.notPrincipal) return true;
  if (s.principal && fixedPrincipal(s.principal)) return false;
  return !s.conditions.some(narrows);
}

/** Whether a (validated) bucket policy is public. */
export function isPublicPolicy(policy: NormalizedPolicy): boolean {
  return policy.statements.some(isPublicStatement);
}
