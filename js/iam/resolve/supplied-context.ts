/**
 * @module iam/resolve/supplied-context
 * What an operation's caller may supply as request context (`options.context`), and nothing more.
 *
 * AWS sets every condition key itself, each from one place ("AWS global condition context keys";
 * "Actions, resources, and condition keys for AWS STS" and "... for IAM"):
 * - from the request's parameters: `sts:ExternalId`, `sts:RoleSessionName`, `sts:SourceIdentity`,
 *   `sts:TransitiveTagKeys`, `aws:RequestTag/*`, `aws:TagKeys`, `iam:PermissionsBoundary`,
 *   `iam:PolicyARN`, ...; and `aws:MultiFactorAuthPresent`/`Age` of an STS call from its
 *   `SerialNumber` and `TokenCode` or its credentials;
 * - from the principal and its credentials: `aws:PrincipalArn`, `aws:PrincipalTag/*`,
 *   `aws:userid`, `aws:SourceIdentity`, `aws:TokenIssueTime`, `aws:FederatedProvider`, ...;
 * - from the resource: `aws:ResourceTag/*`, `aws:ResourceAccount`, ...;
 * - from the transport, which only the front end that received the request knows: the keys of
 *   `TRANSPORT_KEYS` below.
 * The account derives the first three itself, so `options.context` supplies only the last: any
 * other key in it is ignored, whatever its case. A parameter the request leaves out stays absent
 * (a condition on `sts:ExternalId` fails when there is no ExternalId, as in AWS), and the caller
 * cannot add a tag, a source identity or an MFA flag its request and credentials do not carry.
 *
 * One exception, for IAM operations whose caller is named by its ARN (no credentials to read
 * it from): `aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge`, which a front end that
 * signed the user in with MFA vouches for (docs/iam.md "Common rules").
 */
import type { ContextValue } from "../../engine/request.ts";

/**
 * Global condition keys whose value comes from the request's transport: where it came from
 * (`aws:SourceIp`, `aws:SourceVpc`, `aws:SourceVpce`, `aws:VpcSourceIp`), how
 * (`aws:SecureTransport`, `aws:UserAgent`, `aws:Referer`, `aws:RequestedRegion`), when
 * (`aws:CurrentTime`, `aws:EpochTime`: STS sets both from the account's clock, which wins), and
 * which service forwarded it on whose behalf (`aws:CalledVia*`, `aws:ViaAWSService`,
 * `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceOrgPaths`: the
 * confused-deputy keys a service principal's AssumeRole carries).
 */
export const TRANSPORT_KEYS: readonly string[] = [
  "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:VpcSourceIp", "aws:SecureTransport", "aws:UserAgent", "aws:Referer",
  "aws:RequestedRegion", "aws:CurrentTime", "aws:EpochTime", "aws:CalledVia", "aws:CalledViaFirst", "aws:CalledViaLast",
  "aws:ViaAWSService", "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID", "aws:SourceOrgPaths",
];

/** The MFA keys an IAM operation's ARN-named caller may supply. */
export const VOUCHED_MFA_KEYS: readonly string[] = ["aws:MultiFactorAuthPresent", "aws:MultiFactorAuthAge"];

const TRANSPORT = new Set(TRANSPORT_KEYS.map((k) => k.toLowerCase()));
const MFA = new Set(VOUCHED_MFA_KEYS.map((k) => k.toLowerCase()));

/**
 * The part of a caller-supplied context the account reads: its own keys (never inherited ones)
 * that are transport keys, and the MFA keys when `mfa` is true. Values are kept as given.
 */
export function suppliedContext(context: unknown, options: { mfa: boolean }): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  if (context === null || typeof context !== "object") return out;
  for (const key of Object.keys(context)) {
    const lower = key.toLowerCase();
    if (TRANSPORT.has(lower) || (options.mfa && MFA.has(lower))) out[key] = (context as Record<string, ContextValue>)[key];
  }
  return out;
}
