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

/** The request's principal type (abi.ts RP_*). */
export let principalType: u32 = 0;
/**
 * A principal of an AWS account (user, role session, root, federated user): SCPs apply to
 * them ("Service control policies (SCPs)": SCPs don't affect service principals).
 */
export let accountPrincipal = false;
/** The account root user ("Policy evaluation logic": it needs no identity Allow). */
export let isRoot = false;
/** The resource's account differs from the principal's ("Cross-account policy evaluation logic"). */
export let crossAccount = false;
/** The action's service among those with service rules (service-facts.ts SERVICE_*). */
export let service: u32 = 0;
/** A GetFederationToken session ("Session policies": it needs a session policy). */
export let federatedUser = false;
/** sts:GetCallerIdentity from an authenticated principal: no permission is required. */
export let noPermissionRequired = false;
/**
 * The resource policy is a KMS key policy: it must allow explicitly, as a trust policy must
 * ("Key policies in AWS KMS": "Unless the key policy explicitly allows it, you cannot use IAM
 * policies to allow access to a KMS key").
 */
export let keyPolicy = false;

@inline function fieldEquals(scratch: usize, a: u32, b: u32): bool {
  return bytesEqual(
    scratch + load<u32>(scratch + a), <i32>load<u32>(scratch + a + 4),
    scratch + load<u32>(scratch + b), <i32>load<u32>(scratch + b + 4), false,
  );
}

/** Reads the facts of the request at `scratch`. */
@inline export function readRequestFacts(scratch: usize): void {
  const rt = load<u32>(scratch + R_PRINCIPAL_TYPE);
  principalType = rt;
  accountPrincipal = rt == RP_USER || rt == RP_ROLE_SESSION || rt == RP_ROOT || rt == RP_FEDERATED_USER;
  isRoot = rt == RP_ROOT;
  federatedUser = rt == RP_FEDERATED_USER;
  // An empty principal account (services, web identity providers) is never cross-account.
  crossAccount = load<u32>(scratch + R_PRINCIPAL_ACCOUNT + 4) != 0
    && load<u32>(scratch + R_RESOURCE_ACCOUNT + 4) != 0
    && !fieldEquals(scratch, R_PRINCIPAL_ACCOUNT, R_RESOURCE_ACCOUNT);
  // INVARIANT: the action has at least four bytes when its first word is read.
  service = load<u32>(scratch + R_ACTION + 4) < 4 ? SERVICE_OTHER : serviceOfHead(load<u32>(scratch + load<u32>(scratch + R_ACTION)));
  noPermissionRequired = service == SERVICE_STS && accountPrincipal && isGetCallerIdentity();
  // A kms: request on a key: its resource policy is the key policy (service-facts.ts).
  keyPolicy = service == SERVICE_KMS && resource != 0 && !trust && isKmsKey();
}
