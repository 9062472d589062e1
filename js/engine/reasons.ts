/**
 * @module engine/reasons
 * Why a decision came out as it did: the stable reason codes results carry, one row per
 * `REASON_*` number the core writes into the result block (assembly/abi.ts). A reason the core
 * gains is added here, and nowhere else; test/unit/engine.test.ts fails on a `REASON_*`
 * constant without a row.
 */
import * as A from "./abi.ts";

export type ReasonCode =
  | "ExplicitDeny" | "IdentityAllow" | "ResourceAllow" | "RootUser" | "NoAllow" | "ScpNoAllow" | "RcpNoAllow"
  | "BoundaryNoAllow" | "SessionNoAllow" | "TrustPolicyNoAllow" | "CrossAccountNoResourceAllow"
  | "CrossAccountNoIdentityAllow" | "BadInput"
  // Rules services add (docs/semantics.md "Service rules").
  | "NoPermissionRequired" | "KeyPolicyNoAllow" | "FederatedUserNoSessionPolicy" | "UnmodifiableEntity"
  | "ReservedAlias" | "ScpExemptServiceLinkedRole" | "RcpExemptAwsManagedKey";

const ROWS: [number, ReasonCode][] = [
  [A.REASON_EXPLICIT_DENY, "ExplicitDeny"],
  [A.REASON_IDENTITY_ALLOW, "IdentityAllow"],
  [A.REASON_RESOURCE_ALLOW, "ResourceAllow"],
  [A.REASON_ROOT, "RootUser"],
  [A.REASON_NO_ALLOW, "NoAllow"],
  [A.REASON_SCP_NO_ALLOW, "ScpNoAllow"],
  [A.REASON_RCP_NO_ALLOW, "RcpNoAllow"],
  [A.REASON_BOUNDARY_NO_ALLOW, "BoundaryNoAllow"],
  [A.REASON_SESSION_NO_ALLOW, "SessionNoAllow"],
  [A.REASON_TRUST_NO_ALLOW, "TrustPolicyNoAllow"],
  [A.REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, "CrossAccountNoResourceAllow"],
  [A.REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW, "CrossAccountNoIdentityAllow"],
  [A.REASON_BAD_INPUT, "BadInput"],
  [A.REASON_NO_PERMISSION_REQUIRED, "NoPermissionRequired"],
  [A.REASON_KEY_POLICY_NO_ALLOW, "KeyPolicyNoAllow"],
  [A.REASON_FEDERATED_USER_NO_SESSION_POLICY, "FederatedUserNoSessionPolicy"],
  [A.REASON_UNMODIFIABLE_ENTITY, "UnmodifiableEntity"],
  [A.REASON_RESERVED_ALIAS, "ReservedAlias"],
  [A.REASON_SCP_EXEMPT_SERVICE_LINKED_ROLE, "ScpExemptServiceLinkedRole"],
  [A.REASON_RCP_EXEMPT_AWS_MANAGED_KEY, "RcpExemptAwsManagedKey"],
];

/**
 * Reason codes indexed by the core's number; a number without a row reads as `NoAllow`. Built
 * without holes (Array.from), so that the lookup each decision makes stays a packed read.
 */
export const REASONS: readonly ReasonCode[] = Array.from(
  { length: Math.max(...ROWS.map(([n]) => n)) + 1 },
  (_, n) => ROWS.find(([m]) => m === n)?.[1] ?? "NoAllow",
);
