/**
 * @module iam/resolve/access-denied
 * AWS's AccessDenied text for a decision that is not Allow ("Troubleshooting access denied error
 * messages"): which kind of policy denied, or which kind failed to allow.
 */
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { PolicyKind } from "../../policy/types.ts";

const DENY_IN: Partial<Record<PolicyKind, string>> = {
  scp: "a service control policy", rcp: "a resource control policy", identity: "an identity-based policy",
  resource: "a resource-based policy", trust: "a resource-based policy", boundary: "a permissions boundary",
  session: "a session policy",
};
const DENY_ORDER: PolicyKind[] = ["scp", "rcp", "identity", "resource", "trust", "boundary", "session"];

/** The kind of policy that failed to allow, by the engine's reason code. */
const NO_ALLOW_IN: Record<string, string> = {
  BoundaryNoAllow: "permissions boundary", SessionNoAllow: "session policy", ScpNoAllow: "service control policy",
  RcpNoAllow: "resource control policy", TrustPolicyNoAllow: "resource-based policy", CrossAccountNoResourceAllow: "resource-based policy",
};

/**
 * `User: <arn> is not authorized to perform: <action> on resource: <resource> because no
 * identity-based policy allows the <action> action`, or `... with an explicit deny in an
 * identity-based policy` (also: a permissions boundary, a session policy, a resource-based
 * policy, a service control policy, a resource control policy).
 */
export function accessDeniedMessage(caller: string, action: string, resource: string, result: Pick<AuthorizationResult, "decision" | "matchedStatements" | "reason">): string {
  const head = `User: ${caller} is not authorized to perform: ${action} on resource: ${resource}`;
  if (result.decision === "ExplicitDeny") {
    const kinds = new Set(result.matchedStatements.filter((s) => s.effect === "Deny").map((s) => s.kind));
    const kind = DENY_ORDER.find((k) => kinds.has(k)) ?? "identity";
    return `${head} with an explicit deny in ${DENY_IN[kind]}`;
  }
  return `${head} because no ${NO_ALLOW_IN[result.reason.code] ?? "identity-based policy"} allows the ${action} action`;
}
