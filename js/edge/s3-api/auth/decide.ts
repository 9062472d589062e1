/**
 * @module edge/s3-api/auth/decide
 * S3's authorization of one request ("How Amazon S3 authorizes a request", S3 User Guide): one
 * engine decision per authorization the request needs (js/edge/s3's table), with the caller's
 * policies, the bucket policy as the resource policy and the bucket owner's account as the
 * resource's account (another account needs both sides to allow: "Cross-account policy
 * evaluation logic"; anonymous callers are decided on the bucket policy, within the owner's RCPs), and the
 * context with `aws:ResourceAccount` and `s3:ResourceAccount` (the bucket owner). The
 * organizations decide too (js/edge/authorize/decide.ts), each from its own side:
 * - the caller's account's SCP levels bound every decision of a signed caller ("SCP
 *   evaluation", AWS Organizations User Guide), except where js/org exempts it (the management
 *   account; service-linked roles, by the engine);
 * - the bucket owner's account's RCP levels bound every request on its buckets, the caller's
 *   own, another account's and anonymous ones alike ("RCP evaluation"; "Resource control
 *   policies (RCPs)": S3 is among the services they cover, and they do not apply to the
 *   management account's resources). With no bucket (ListBuckets, CreateBucket, S3 Control) the
 *   resource is the caller's account's;
 * - `aws:PrincipalOrgID` / `aws:PrincipalOrgPaths` from the caller's organization and
 *   `aws:ResourceOrgID` / `aws:ResourceOrgPaths` from the owner's ("AWS global condition context
 *   keys"), so a bucket policy may grant by `aws:PrincipalOrgID`.
 * Then S3's own rules:
 * - Block Public Access, RestrictPublicBuckets: a public bucket policy grants nothing to
 *   anonymous or other accounts' callers ("Block public access settings": it "blocks all
 *   cross-account access ... while still allowing users within the account to manage" the
 *   bucket; "Amazon S3 blocks public and cross-account access derived from any public ...
 *   bucket policy, including non-public delegation to specific accounts");
 * - the bucket owner's root user may always get, put and delete the bucket policy, even when it
 *   denies them ("PutBucketPolicy", S3 API Reference: "the root principal of the bucket owner's
 *   account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API
 *   actions, even if their bucket policy explicitly denies the root principal's access").
 */
import type { CompiledPolicy, Engine } from "../../../engine/engine.ts";
import type { ContextValue } from "../../../engine/request.ts";
import type { OrganizationGuardrails } from "../../../iam/resolve/organization.ts";
import { decideAll, type AuthorizationDecision, type AuthorizationInput } from "../../authorize/decide.ts";
import type { DecisionRecord } from "../../authorize/decision-record.ts";
import { denialMessage } from "../../authorize/denial-message.ts";
import type { S3Caller } from "./caller.ts";

export const BUCKET_POLICY_OPERATIONS = new Set(["GetBucketPolicy", "PutBucketPolicy", "DeleteBucketPolicy"]);

export interface S3Decision extends AuthorizationDecision {
  allowed: boolean;
  /** A rule of S3's that replaced the engine's decision. */
  rule?: "RestrictPublicBuckets" | "BucketOwnerRoot";
}

export interface BucketFacts {
  owner: string;
  policy?: CompiledPolicy;
  policyPublic: boolean;
  /** RestrictPublicBuckets of the bucket or its owner's account. */
  restrictPublic: boolean;
  /** The guardrails of the owner's account's organization (absent: in none). */
  organization?: OrganizationGuardrails;
}

/** The context keys the bucket sets. */
export function resourceContext(owner: string | undefined): Record<string, ContextValue> {
  return owner === undefined ? {} : { "aws:ResourceAccount": owner, "s3:ResourceAccount": owner };
}

/** Decides every authorization; see the module doc. */
export function decideS3(engine: Engine, caller: S3Caller, operation: string, authorizations: AuthorizationInput[], bucket: BucketFacts | undefined): S3Decision[] {
  const context = { ...caller.context, ...resourceContext(bucket?.owner) };
  const resourceOrganization = bucket === undefined ? caller.organization : bucket.organization;
  const decided = decideAll(engine, caller.resolved, authorizations, context, {
    resourcePolicy: bucket?.policy, resourceAccount: bucket?.owner, callerOrganization: caller.organization, resourceOrganization,
  });
  const foreign = caller.anonymous || (bucket !== undefined && caller.accountId !== bucket.owner);
  return decided.map((d) => {
    const allowed = d.result.decision === "Allow";
    if (allowed && bucket?.policyPublic && bucket.restrictPublic && foreign) return { ...d, allowed: false, rule: "RestrictPublicBuckets" as const };
    if (!allowed && bucket && caller.root && caller.accountId === bucket.owner && BUCKET_POLICY_OPERATIONS.has(operation)) return { ...d, allowed: true, rule: "BucketOwnerRoot" as const };
    return { ...d, allowed };
  });
}

/**
 * The AccessDenied message: AWS's detailed text for a caller of the bucket's own account (S3
 * adds it for same-account requests only), `Access Denied` for anonymous and other accounts'
 * callers, and the Block Public Access reason when that rule denied.
 */
export function s3DenialMessage(caller: S3Caller, d: S3Decision, owner: string | undefined): string {
  if (caller.anonymous || (owner !== undefined && caller.accountId !== owner)) return "Access Denied";
  if (d.rule === "RestrictPublicBuckets") return `User: ${caller.principal} is not authorized to perform: ${d.action} on resource: "${d.resource}" because public access is blocked by the RestrictPublicBuckets block public access setting`;
  return denialMessage(caller.principal, d.action, d.resource, d.result, true);
}

/** A decision as the record keeps it. */
export function recordEntry(d: S3Decision): DecisionRecord["decisions"][number] {
  const out: DecisionRecord["decisions"][number] = {
    action: d.action, resource: d.resource, decision: d.allowed ? "Allow" : d.result.decision === "Allow" ? "ImplicitDeny" : d.result.decision,
    reason: d.rule === "BucketOwnerRoot" ? "RootUser" : d.result.reason.code,
    matchedStatements: d.result.matchedStatements, missingContextValues: d.result.missingContextValues,
  };
  if (d.explanation) out.explanation = d.explanation;
  if (d.rule) out.rule = d.rule;
  return out;
}
