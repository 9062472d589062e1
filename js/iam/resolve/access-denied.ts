/**
 * @module iam/resolve/access-denied
 * AWS's answer to a decision that is not Allow ("Troubleshooting access denied error
 * messages"): AccessDenied naming which kind of policy denied, or which kind failed to allow;
 * and for a change IAM refuses whatever the policies say, IAM's UnmodifiableEntity
 * (../unmodifiable.ts) instead.
 */
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { PolicyKind } from "../../policy/types.ts";
import { IamError } from "../errors.ts";
import { unmodifiableError } from "../unmodifiable.ts";

const DENY_IN: Partial<Record<PolicyKind, string>> = {
  scp: "a service control policy", rcp: "a resource control policy", identity: "an identity-based policy",
  resource: "a resource-based policy", trust: "a resource-based policy", boundary: "a permissions boundary",
  session: "a session policy",
};
const DENY_ORDER: PolicyKind[] = ["scp", "rcp", "identity", "resource", "trust", "boundary", "session"];

/**
 * The kind of policy that failed to allow, by the engine's reason code. A KMS key policy is a
 * resource-based policy: AWS KMS answers "... because no resource-based policy allows the
 * kms:Decrypt action" ("Troubleshooting key access", AWS KMS Developer Guide). A federated
 * user's session without a session policy has no session policy that allows ("Session
 * policies").
 */
const NO_ALLOW_IN: Record<string, string> = {
  BoundaryNoAllow: "permissions boundary", SessionNoAllow: "session policy", ScpNoAllow: "service control policy",
  RcpNoAllow: "resource control policy", TrustPolicyNoAllow: "resource-based policy", CrossAccountNoResourceAllow: "resource-based policy",
  KeyPolicyNoAllow: "resource-based policy", FederatedUserNoSessionPolicy: "session policy",
};

type Denied = Pick<AuthorizationResult, "decision" | "matchedStatements" | "reason">;

/**
 * `User: <arn> is not authorized to perform: <action> on resource: <resource> because no
 * identity-based policy allows the <action> action`, or `... with an explicit deny in an
 * identity-based policy` (also: a permissions boundary, a session policy, a resource-based
 * policy, a service control policy, a resource control policy). An `alias/aws/` KMS alias
 * (ReservedAlias) has no AWS text: `... because the alias/aws/ prefix is reserved for AWS
 * managed keys`.
 */
export function accessDeniedMessage(caller: string, action: string, resource: string, result: Denied): string {
  const head = `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === "ExplicitDeny") {
    const kinds = new Set(result.matchedStatements.filter((s) => s.effect === "Deny").map((s) => s.kind));
    const kind = DENY_ORDER.find((k) => kinds.has(k)) ?? "identity";
    return `${head} with an explicit deny in ${DENY_IN[kind]}`;
  }
  if (result.reason.code === "ReservedAlias") return `${head} because the alias/aws/ prefix is reserved for AWS managed keys`;
  return `${head} because no ${NO_ALLOW_IN[result.reason.code] ?? "identity-based policy"} allows the ${action} action`;
}

/**
 * The error for a decision that is not Allow: UnmodifiableEntity when IAM refuses the change
 * whatever the policies say (the policies allowed it; IAM authorized the request first), else
 * AccessDenied with AWS's text.
 */
export function denialError(caller: string, action: string, resource: string, result: Denied): IamError {
  if (result.decision === "ImplicitDeny" && result.reason.code === "UnmodifiableEntity") return unmodifiableError(resource);
  return new IamError("AccessDenied", accessDeniedMessage(caller, action, resource, result));
}
