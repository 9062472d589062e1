/**
 * @module eval/request-facts
 * What the decision table needs to know about the request itself, read once per decision
 * from the scratch header: who the principal is (an AWS account's principal, the root user,
 * a federated user), whether the request crosses accounts, and which service rules it meets
 * (service-facts.ts). Call after indexContext and readPolicySet.
 */
import { R_PRINCIPAL_TYPE, R_PRINCIPAL_ACCOUNT, R_RESOURCE_ACCOUNT, R_ACTION, RP_USER, RP_ROLE_SESSION, RP_ROOT, RP_FEDERATED_USER } from "../abi";
import { bytesEqual } from "../match/wildcard";
import { resource, trust } from "./policy-set";
import { serviceOfHead, isGetCallerIdentity, isKmsKey, SERVICE_OTHER, SERVICE_STS, SERVICE_KMS } from "./service-facts";

// The facts, one bit each in one word (one store per request), read through the functions below.
const ACCOUNT_PRINCIPAL: u32 = 1;
const ROOT: u32 = 2;
const FEDERATED_USER: u32 = 4;
const CROSS_ACCOUNT: u32 = 8;
const NO_PERMISSION_REQUIRED: u32 = 16;
const KEY_POLICY: u32 = 32;
/** Bits 8-15: the action's service among those with service rules (service-facts.ts SERVICE_*). */
const SERVICE_SHIFT: u32 = 8;
let facts: u32 = 0;

/**
 * A principal of an AWS account (user, role session, root, federated user): SCPs apply to
 * them ("Service control policies (SCPs)": SCPs don't affect service principals).
 */
@inline export function accountPrincipal(): bool {
  return (facts & ACCOUNT_PRINCIPAL) != 0;
}
/** The account root user ("Policy evaluation logic": it needs no identity Allow). */
@inline export function isRoot(): bool {
  return (facts & ROOT) != 0;
}
/** A GetFederationToken session ("Session policies": it needs a session policy). */
@inline export function federatedUser(): bool {
  return (facts & FEDERATED_USER) != 0;
}
/** The resource's account differs from the principal's ("Cross-account policy evaluation logic"). */
@inline export function crossAccount(): bool {
  return (facts & CROSS_ACCOUNT) != 0;
}
/** sts:GetCallerIdentity from an authenticated principal: no permission is required. */
@inline export function noPermissionRequired(): bool {
  return (facts & NO_PERMISSION_REQUIRED) != 0;
}
/**
 * The resource policy is a KMS key policy: it must allow explicitly, as a trust policy must
 * ("Key policies in AWS KMS": "Unless the key policy explicitly allows it, you cannot use IAM
 * policies to allow access to a KMS key").
 */
@inline export function keyPolicy(): bool {
  return (facts & KEY_POLICY) != 0;
}
/** The action's service among those with service rules (service-facts.ts SERVICE_*). */
@inline export function actionServiceOf(): u32 {
  return facts >> SERVICE_SHIFT;
}

@inline function fieldEquals(scratch: usize, a: u32, b: u32): bool {
  return bytesEqual(
    scratch + load<u32>(scratch + a), <i32>load<u32>(scratch + a + 4),
    scratch + load<u32>(scratch + b), <i32>load<u32>(scratch + b + 4), false,
  );
}

/** Reads the facts of the request at `scratch`. */
@inline export function readRequestFacts(scratch: usize): void {
  const rt = load<u32>(scratch + R_PRINCIPAL_TYPE);
  const account = rt == RP_USER || rt == RP_ROLE_SESSION || rt == RP_ROOT || rt == RP_FEDERATED_USER;
  // An empty principal account (services, web identity providers) is never cross-account.
  const cross = load<u32>(scratch + R_PRINCIPAL_ACCOUNT + 4) != 0
    && load<u32>(scratch + R_RESOURCE_ACCOUNT + 4) != 0
    && !fieldEquals(scratch, R_PRINCIPAL_ACCOUNT, R_RESOURCE_ACCOUNT);
  // INVARIANT: the action has at least four bytes when its first word is read.
  const service = load<u32>(scratch + R_ACTION + 4) < 4 ? SERVICE_OTHER : serviceOfHead(load<u32>(scratch + load<u32>(scratch + R_ACTION)));
  const free = service == SERVICE_STS && account && isGetCallerIdentity();
  // A kms: request on a key: its resource policy is the key policy (service-facts.ts).
  const key = service == SERVICE_KMS && resource != 0 && !trust && isKmsKey();
  facts = (account ? ACCOUNT_PRINCIPAL : 0) | (rt == RP_ROOT ? ROOT : 0) | (rt == RP_FEDERATED_USER ? FEDERATED_USER : 0)
    | (cross ? CROSS_ACCOUNT : 0) | (free ? NO_PERMISSION_REQUIRED : 0) | (key ? KEY_POLICY : 0) | (service << SERVICE_SHIFT);
}
