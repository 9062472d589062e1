/**
 * @module eval/decision-table
 * AWS's policy evaluation logic as a table: rows in order, the first row whose condition holds
 * decides. Each row names its decision, its reason code and the statement groups reported as
 * deciding, with the AWS page that states it. Inputs are the tally of applicable statements
 * (tally.ts), the policy set's slots (policy-set.ts) and facts about the request
 * (request-facts.ts); nothing here reads memory. docs/semantics.md walks the same rows.
 *
 * Pages: IAM User Guide "Policy evaluation logic" (How AWS enforcement code logic evaluates
 * requests), "Cross-account policy evaluation logic", "Permissions boundaries for IAM
 * entities", "Policies and permissions in IAM" (Session policies); AWS Organizations User
 * Guide "SCP evaluation"; and, for the rules services add (serviceRules), the STS and IAM API
 * References, the AWS KMS Developer Guide and the AWS Organizations User Guide.
 */
import {
  DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY,
  REASON_EXPLICIT_DENY, REASON_IDENTITY_ALLOW, REASON_RESOURCE_ALLOW, REASON_ROOT, REASON_NO_ALLOW,
  REASON_SCP_NO_ALLOW, REASON_BOUNDARY_NO_ALLOW, REASON_SESSION_NO_ALLOW, REASON_TRUST_NO_ALLOW,
  REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW,
  REASON_NO_PERMISSION_REQUIRED, REASON_KEY_POLICY_NO_ALLOW, REASON_FEDERATED_USER_NO_SESSION_POLICY,
  REASON_UNMODIFIABLE_ENTITY, REASON_RESERVED_ALIAS, REASON_SCP_EXEMPT_SERVICE_LINKED_ROLE, REASON_RCP_EXEMPT_AWS_MANAGED_KEY,
} from "../abi";
import {
  denies, identityAllow, boundaryAllow, sessionAllow, resourceClass, missingScpLevel, scpExemptBlocked, rcpExemptBlocked, G_IDENTITY, G_BOUNDARY, G_SESSION, G_RESOURCE, G_DENY,
} from "./tally";
import { boundary, sessionCount, trust } from "./policy-set";
import { isRoot, crossAccount, federatedUser, noPermissionRequired, keyPolicy, actionServiceOf } from "./request-facts";
import { protectedTarget, PROTECTED_NONE, PROTECTED_IAM_ENTITY, PROTECTED_ALIAS, SERVICE_IAM, SERVICE_KMS } from "./service-facts";
import { MATCH_UNLIMITED, MATCH_ROLE, MATCH_ACCOUNT } from "./principal";

// Statement groups a row reports as deciding (tally.ts groups, as masks).
const IDENTITY: u32 = 1 << G_IDENTITY;
const BOUNDARY: u32 = 1 << G_BOUNDARY;
const SESSION: u32 = 1 << G_SESSION;
const RESOURCE: u32 = 1 << G_RESOURCE;
const DENY: u32 = 1 << G_DENY;
/** The identity path's statements: identity, boundary and session Allows. */
const IDENTITY_PATH: u32 = IDENTITY | BOUNDARY | SESSION;

/** A row's outcome, packed: decision | reason << 8 | reported groups << 16. */
@inline function row(decision: u32, reason: u32, groups: u32): u32 {
  return decision | (reason << 8) | (groups << 16);
}
@inline export function outcomeDecision(outcome: u32): u32 {
  return outcome & 0xff;
}
@inline export function outcomeReason(outcome: u32): u32 {
  return (outcome >> 8) & 0xff;
}
@inline export function outcomeGroups(outcome: u32): u32 {
  return outcome >> 16;
}

/** Why the identity path (identity, boundary, session policy) did not allow. */
function identityFailure(identity: bool, boundaryOk: bool): u32 {
  if (!identity) return REASON_NO_ALLOW;
  if (!boundaryOk) return REASON_BOUNDARY_NO_ALLOW;
  return sessionCount == 0 ? REASON_FEDERATED_USER_NO_SESSION_POLICY : REASON_SESSION_NO_ALLOW;
}

/** A key policy or a role trust policy: the resource policy must allow the principal itself. */
@inline function mustAllowExplicitly(): u32 {
  return trust ? REASON_TRUST_NO_ALLOW : keyPolicy() ? REASON_KEY_POLICY_NO_ALLOW : 0;
}

/** Decides the request: the first row that holds. */
@inline export function decide(): u32 {
  // AWS STS API Reference, GetCallerIdentity: "No permissions are required to perform this operation."
  if (noPermissionRequired()) return row(DECISION_ALLOW, REASON_NO_PERMISSION_REQUIRED, 0);
  const outcome = evaluationLogic();
  return outcomeDecision(outcome) == DECISION_ALLOW ? serviceRules(outcome) : outcome;
}

/**
 * What services add to an Allow of the evaluation logic: a change nobody may make, or an
 * exemption from SCPs or RCPs that decided the outcome (its reason replaces the Allow's).
 */
function serviceRules(allow: u32): u32 {
  const service = actionServiceOf();
  const target = service == SERVICE_IAM || service == SERVICE_KMS ? protectedTarget() : PROTECTED_NONE;
  // IAM API Reference, UnmodifiableEntity: AWS managed policies, service-linked roles and
  // IAM Identity Center roles are changed only by AWS or the service that owns them.
  if (target == PROTECTED_IAM_ENTITY) return row(DECISION_IMPLICIT_DENY, REASON_UNMODIFIABLE_ENTITY, 0);
  // AWS KMS API Reference, CreateAlias: "The alias/aws/ prefix is reserved for AWS managed keys."
  if (target == PROTECTED_ALIAS) return row(DECISION_IMPLICIT_DENY, REASON_RESERVED_ALIAS, 0);
  // "Service control policies (SCPs)": SCPs don't affect service-linked roles.
  if (scpExemptBlocked()) return row(DECISION_ALLOW, REASON_SCP_EXEMPT_SERVICE_LINKED_ROLE, outcomeGroups(allow));
  // "Resource control policies in AWS KMS": RCPs don't apply to AWS managed keys.
  if (rcpExemptBlocked()) return row(DECISION_ALLOW, REASON_RCP_EXEMPT_AWS_MANAGED_KEY, outcomeGroups(allow));
  return allow;
}

/** AWS's policy evaluation logic over the tally: the first row that holds. */
function evaluationLogic(): u32 {
  const cls = resourceClass;
  // "Policy evaluation logic": the root user has full access to its own account's resources.
  const identity = identityAllow() || isRoot();
  const boundaryOk = boundary == 0 || boundaryAllow();
  // "Session policies": a GetFederationToken session without a session policy has no permissions.
  const sessionOk = sessionCount == 0 ? !federatedUser() : sessionAllow();
  const path = identity && boundaryOk && sessionOk;
  const failure = identityFailure(identity, boundaryOk);
  const explicitOnly = mustAllowExplicitly();

  // "Policy evaluation logic": an explicit deny in any policy overrides every allow.
  if (denies > 0) return row(DECISION_EXPLICIT_DENY, REASON_EXPLICIT_DENY, DENY);
  // "SCP evaluation": every level from the root to the account needs an applicable Allow.
  if (missingScpLevel >= 0) return row(DECISION_IMPLICIT_DENY, REASON_SCP_NO_ALLOW, 0);
  // "Cross-account policy evaluation logic": the resource's account must grant access ...
  if (crossAccount() && cls == 0) return row(DECISION_IMPLICIT_DENY, explicitOnly != 0 ? explicitOnly : REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, 0);
  // ... and the principal's account too (identity, boundary and session policies).
  if (crossAccount() && !path) return row(DECISION_IMPLICIT_DENY, identity ? failure : REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW, 0);
  if (crossAccount()) return row(DECISION_ALLOW, REASON_RESOURCE_ALLOW, IDENTITY_PATH | RESOURCE);
  // "Permissions boundaries for IAM entities": a same-account grant naming the user, the
  // session, a federated user or `*` is not limited by the boundary or session policy.
  if (cls == MATCH_UNLIMITED) return row(DECISION_ALLOW, REASON_RESOURCE_ALLOW, (path ? IDENTITY_PATH : 0) | RESOURCE);
  // Same page: a grant naming the role of the session is limited by both.
  if (cls == MATCH_ROLE && boundaryOk && sessionOk) return row(DECISION_ALLOW, REASON_RESOURCE_ALLOW, (path ? IDENTITY_PATH : BOUNDARY | SESSION) | RESOURCE);
  // "Policy evaluation logic": a role trust policy must allow the principal explicitly; so
  // must a key policy (AWS KMS Developer Guide, "Key policies in AWS KMS": "Unless the key
  // policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key").
  if (explicitOnly != 0 && cls == 0) return row(DECISION_IMPLICIT_DENY, explicitOnly, 0);
  // "Policy evaluation logic": the identity path allows (a grant naming the account delegates to it).
  if (path) return row(DECISION_ALLOW, isRoot() ? REASON_ROOT : REASON_IDENTITY_ALLOW, IDENTITY_PATH | (cls == MATCH_ACCOUNT || cls == MATCH_ROLE ? RESOURCE : 0));
  // "Permissions boundaries for IAM entities": the role grant was cut by the boundary or session policy.
  if (cls == MATCH_ROLE) return row(DECISION_IMPLICIT_DENY, boundaryOk ? REASON_SESSION_NO_ALLOW : REASON_BOUNDARY_NO_ALLOW, 0);
  // "Policy evaluation logic": no applicable Allow on the identity path is an implicit deny.
  return row(DECISION_IMPLICIT_DENY, failure, 0);
}
