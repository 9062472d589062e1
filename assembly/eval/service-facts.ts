/**
 * @module eval/service-facts
 * Recognizes the requests that AWS services decide by rules of their own, beyond the policy
 * language (docs/semantics.md "Service rules"): from the request's action, resource, the
 * role ARN of a role session and one context key. Each recognizer reads only the request; the
 * decision table says what follows from it.
 *
 * Text comparisons are on UTF-8 bytes. Action names fold ASCII case ("IAM JSON policy
 * elements: Action": actions are case-insensitive); ARNs do not ("IAM identifiers").
 */
import {
  R_ACTION, R_RESOURCE, R_ROLE_ARN, R_PRINCIPAL_TYPE, RP_ROLE_SESSION, KEY_KMS_RESOURCE_ALIASES,
} from "../abi";
import { base, lookup, valueCount, valuePtr, valueLen } from "./context";

export const SERVICE_OTHER: u32 = 0;
export const SERVICE_IAM: u32 = 1;
export const SERVICE_KMS: u32 = 2;
export const SERVICE_STS: u32 = 3;

/**
 * The service among those with service rules of an action whose first four bytes are `head`
 * (little-endian): the OR folds the three letters' ASCII case (only A-Z/a-z map onto a-z).
 */
@inline export function serviceOfHead(head: u32): u32 {
  const folded = head | 0x00202020;
  if (folded == 0x3a6d6169) return SERVICE_IAM; // "iam:"
  if (folded == 0x3a736d6b) return SERVICE_KMS; // "kms:"
  if (folded == 0x3a737473) return SERVICE_STS; // "sts:"
  return SERVICE_OTHER;
}

/** Whether bytes [p, p+len) equal the ASCII `s` (folding ASCII letters of the bytes when `fold`). */
function equalsAscii(p: usize, len: i32, s: string, fold: bool): bool {
  if (len != s.length) return false;
  for (let i = 0; i < len; i++) {
    // INVARIANT: i < len, the byte length the caller gave.
    let c = <u32>load<u8>(p + <usize>i);
    if (fold && c >= 0x41 && c <= 0x5a) c += 0x20;
    let t = <u32>s.charCodeAt(i);
    if (fold && t >= 0x41 && t <= 0x5a) t += 0x20;
    if (c != t) return false;
  }
  return true;
}

/** Whether bytes [p, p+len) start with the ASCII `s`, case-sensitively. */
function startsWithAscii(p: usize, len: i32, s: string): bool {
  return len >= s.length && equalsAscii(p, s.length, s, false);
}

@inline function fieldPtr(off: u32): usize {
  return base + load<u32>(base + off);
}
@inline function fieldLen(off: u32): i32 {
  return <i32>load<u32>(base + off + 4);
}

// The ARN last split by splitArnField: its service, account and resource part.
let serviceAt: usize = 0;
let serviceLen: i32 = 0;
let accountAt: usize = 0;
let accountLen: i32 = 0;
let resourceAt: usize = 0;
let resourceLen: i32 = 0;

/**
 * Splits the ARN in request field `off` ("Amazon Resource Names (ARNs)":
 * arn:partition:service:region:account-id:resource, only the first five colons separate).
 * Returns false when the field is not a 6-part ARN.
 */
function splitArnField(off: u32): bool {
  const p = fieldPtr(off);
  const len = fieldLen(off);
  if (!startsWithAscii(p, len, "arn:")) return false;
  let start = 4;
  let segment = 1;
  for (let i = 4; i < len && segment < 5; i++) {
    // INVARIANT: i < len.
    if (load<u8>(p + <usize>i) != 0x3a) continue;
    if (segment == 2) { serviceAt = p + <usize>start; serviceLen = i - start; }
    if (segment == 4) { accountAt = p + <usize>start; accountLen = i - start; }
    segment++;
    start = i + 1;
  }
  if (segment < 5) return false;
  resourceAt = p + <usize>start;
  resourceLen = len - start;
  return true;
}

/** The action's name after `service:` when its service prefix is `service` (ASCII case folded), else -1. */
function actionNameAt(service: string): i32 {
  const p = fieldPtr(R_ACTION);
  const len = fieldLen(R_ACTION);
  const n = service.length;
  if (len <= n || load<u8>(p + <usize>n) != 0x3a || !equalsAscii(p, n, service, true)) return -1;
  return n + 1;
}

/** Whether the action is `service:` followed by one of `names` (ASCII case folded). */
function actionIs(service: string, names: StaticArray<string>): bool {
  const at = actionNameAt(service);
  if (at < 0) return false;
  const p = fieldPtr(R_ACTION) + <usize>at;
  const len = fieldLen(R_ACTION) - at;
  for (let i = 0; i < names.length; i++) if (equalsAscii(p, len, names[i], true)) return true;
  return false;
}

/**
 * `sts:GetCallerIdentity`: "No permissions are required to perform this operation" (AWS STS
 * API Reference, GetCallerIdentity); it is allowed even under an explicit deny.
 */
export function isGetCallerIdentity(): bool {
  return fieldLen(R_ACTION) == 21 && equalsAscii(fieldPtr(R_ACTION), 21, "sts:GetCallerIdentity", true);
}

/** The resource is a KMS key ARN, `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` ("AWS KMS ARNs"). */
export function isKmsKey(): bool {
  return splitArnField(R_RESOURCE) && equalsAscii(serviceAt, serviceLen, "kms", false) && startsWithAscii(resourceAt, resourceLen, "key/");
}

/**
 * The resource is an AWS managed key: a KMS key with an `alias/aws/` alias among its
 * kms:ResourceAliases ("the alias/aws/ prefix is reserved for AWS managed keys", AWS KMS API
 * Reference, CreateAlias). RCPs do not apply to them ("Resource control policies in AWS KMS").
 */
export function isAwsManagedKey(): bool {
  if (!isKmsKey()) return false;
  const entry = lookup(KEY_KMS_RESOURCE_ALIASES);
  if (entry == 0) return false;
  const n = valueCount(entry);
  for (let i: u32 = 0; i < n; i++) if (startsWithAscii(valuePtr(entry, i), valueLen(entry, i), "alias/aws/")) return true;
  return false;
}

/**
 * The principal is a session of a service-linked role: its role ARN (aws:PrincipalArn, or the
 * role ARN given as the principal) has the path `/aws-service-role/` ("Using service-linked
 * roles"; "IAM identifiers"). A session ARN alone drops the path, so it is not recognized.
 */
export function isServiceLinkedRole(): bool {
  return isRoleUnder("role/aws-service-role/");
}

/** The principal is a session of a role whose ARN's resource part starts with `path`. */
function isRoleUnder(path: string): bool {
  if (load<u32>(base + R_PRINCIPAL_TYPE) != RP_ROLE_SESSION) return false;
  return splitArnField(R_ROLE_ARN) && equalsAscii(serviceAt, serviceLen, "iam", false) && startsWithAscii(resourceAt, resourceLen, path);
}

/** IAM actions that change a managed policy (issue 12; IAM API Reference, UnmodifiableEntity). */
const POLICY_CHANGES: StaticArray<string> = [
  "CreatePolicyVersion", "DeletePolicy", "DeletePolicyVersion", "SetDefaultPolicyVersion", "TagPolicy", "UntagPolicy",
];
/** IAM actions that change a role's permissions, trust or existence. */
const ROLE_CHANGES: StaticArray<string> = [
  "DeleteRole", "UpdateAssumeRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
  "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary",
];
/**
 * IAM Identity Center roles: the role changes, and also UpdateRole and UpdateRoleDescription,
 * all of which IAM Identity Center makes through its service-linked role ("Using
 * service-linked roles for IAM Identity Center"); IAM refuses them to anyone else ("this role
 * is only modifiable by AWS").
 */
const IDENTITY_CENTER_ROLE_CHANGES: StaticArray<string> = [
  "DeleteRole", "UpdateAssumeRolePolicy", "PutRolePolicy", "DeleteRolePolicy", "AttachRolePolicy", "DetachRolePolicy",
  "PutRolePermissionsBoundary", "DeleteRolePermissionsBoundary", "UpdateRole", "UpdateRoleDescription",
];
/** KMS alias operations. */
const ALIAS_CHANGES: StaticArray<string> = ["CreateAlias", "UpdateAlias", "DeleteAlias"];

export const PROTECTED_NONE: u32 = 0;
/** An IAM entity IAM refuses to change: IAM's UnmodifiableEntity. */
export const PROTECTED_IAM_ENTITY: u32 = 1;
/** An `alias/aws/` KMS alias: reserved for AWS managed keys. */
export const PROTECTED_ALIAS: u32 = 2;

/** Whether the IAM request changes what IAM protects (see docs/semantics.md "Service rules"). */
function protectedIamEntity(): bool {
  if (!splitArnField(R_RESOURCE) || !equalsAscii(serviceAt, serviceLen, "iam", false)) return false;
  // AWS managed policies: arn:aws:iam::aws:policy/... ("AWS managed policies": you cannot change them).
  if (equalsAscii(accountAt, accountLen, "aws", false) && startsWithAscii(resourceAt, resourceLen, "policy/")) return actionIs("iam", POLICY_CHANGES);
  // Service-linked roles: "Only the service that depends on the service-linked role can modify or delete the role".
  if (startsWithAscii(resourceAt, resourceLen, "role/aws-service-role/")) return actionIs("iam", ROLE_CHANGES);
  // IAM Identity Center roles: changed only by IAM Identity Center, through its service-linked role AWSServiceRoleForSSO.
  if (startsWithAscii(resourceAt, resourceLen, "role/aws-reserved/sso.amazonaws.com/")) {
    return actionIs("iam", IDENTITY_CENTER_ROLE_CHANGES) && !isRoleUnder("role/aws-service-role/sso.amazonaws.com/");
  }
  return false;
}

/** What nobody may change through its API, whatever the policies say: PROTECTED_*. */
export function protectedTarget(): u32 {
  if (actionNameAt("iam") > 0) return protectedIamEntity() ? PROTECTED_IAM_ENTITY : PROTECTED_NONE;
  if (!actionIs("kms", ALIAS_CHANGES) || !splitArnField(R_RESOURCE)) return PROTECTED_NONE;
  return equalsAscii(serviceAt, serviceLen, "kms", false) && startsWithAscii(resourceAt, resourceLen, "alias/aws/") ? PROTECTED_ALIAS : PROTECTED_NONE;
}
