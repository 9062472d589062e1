/**
 * @module edge/authorize/denial-message
 * AWS's AccessDenied text for a denied authorization ("Troubleshooting access denied error
 * messages", IAM User Guide): `User: <arn> is not authorized to perform: <action> on resource:
 * <resource> because no identity-based policy allows the <action> action`, or `... with an
 * explicit deny in a service control policy | an identity-based policy | a resource-based policy
 * | a permissions boundary | a session policy`. S3 quotes the resource (`on resource:
 * "arn:aws:s3:::b/k"`).
 */
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { PolicyKind } from "../../policy/types.ts";

const KIND: Partial<Record<PolicyKind, string>> = {
  scp: "a service control policy", rcp: "a resource control policy", identity: "an identity-based policy",
  resource: "a resource-based policy", trust: "a resource-based policy", boundary: "a permissions boundary", session: "a session policy",
};
const ORDER: PolicyKind[] = ["scp", "rcp", "identity", "resource", "trust", "boundary", "session"];
const MISSING: Record<string, string> = {
  BoundaryNoAllow: "permissions boundary", SessionNoAllow: "session policy", ScpNoAllow: "service control policy",
  RcpNoAllow: "resource control policy", TrustPolicyNoAllow: "resource-based policy", CrossAccountNoResourceAllow: "resource-based policy",
};

export function denialMessage(caller: string, action: string, resource: string, result: Pick<AuthorizationResult, "decision" | "matchedStatements" | "reason">, quoteResource = false): string {
  const head = `User: ${caller} is not authorized to perform: ${action} on resource: ${quoteResource ? `"${resource}"` : resource}`;
  if (result.decision === "ExplicitDeny") {
    const kinds = new Set(result.matchedStatements.filter((s) => s.effect === "Deny").map((s) => s.kind));
    return `${head} with an explicit deny in ${KIND[ORDER.find((k) => kinds.has(k)) ?? "identity"]}`;
  }
  return `${head} because no ${MISSING[result.reason.code] ?? "identity-based policy"} allows the ${action} action`;
}
