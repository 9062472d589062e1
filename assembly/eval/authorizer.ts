/**
 * @module eval/authorizer
 * The decision: AWS's policy evaluation logic over every policy that applies to one request.
 * Sources: "Policy evaluation logic" (How AWS enforcement code logic evaluates requests),
 * "Cross-account policy evaluation logic", "Permissions boundaries for IAM entities",
 * "SCP evaluation" and "RCP evaluation" (AWS Organizations User Guide).
 *
 * 1. An applicable Deny in any policy is final (ExplicitDeny).
 * 2. SCPs (for principals of an AWS account): every level, root to account, needs an Allow.
 *    RCPs: AWS attaches RCPFullAWSAccess at every level and it cannot be detached, so a level
 *    never lacks an Allow; only their Deny statements act (docs/semantics.md).
 * 3. Same-account resource policy: an Allow naming the user, the session, a federated user or
 *    `*` is final; naming the role is limited by boundary and session policy; naming the
 *    account needs the identity path. A trust policy must allow explicitly.
 * 4. Identity path: an identity Allow, and the boundary (if any) and a session policy (if any)
 *    allow. The account root user in its own account needs no identity Allow.
 * 5. Cross-account: the resource policy and the identity path must both allow.
 */
import {
  H_KIND, H_STMT_COUNT, H_STMT_OFFSET, H_MASK, STMT_SIZE, S_EFFECT, S_INDEX, S_MASK, S_ACTION_HINT,
  EFFECT_DENY, KIND_TRUST, R_ACTION, FNV_OFFSET, FNV_PRIME,
  R_POLICIES, REF_SIZE, R_PRINCIPAL_TYPE, R_PRINCIPAL_ACCOUNT, R_RESOURCE_ACCOUNT,
  RP_USER, RP_ROLE_SESSION, RP_ROOT, RP_FEDERATED_USER,
  DECISION_ALLOW, DECISION_EXPLICIT_DENY, DECISION_IMPLICIT_DENY,
  REASON_EXPLICIT_DENY, REASON_IDENTITY_ALLOW, REASON_RESOURCE_ALLOW, REASON_ROOT, REASON_NO_ALLOW,
  REASON_SCP_NO_ALLOW, REASON_BOUNDARY_NO_ALLOW, REASON_SESSION_NO_ALLOW, REASON_TRUST_NO_ALLOW,
  REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW,
} from "../abi";
import { base, indexContext } from "./context";
import { statementApplies, prepareRequest, NOT_APPLICABLE } from "./statement";
import { MATCH_UNLIMITED, MATCH_ROLE, MATCH_ACCOUNT } from "./principal";
import { resetResult, setDecision, addMatched } from "./result";
import { bytesEqual } from "../match/wildcard";

// Groups of the statement log.
const G_IDENTITY: u32 = 0;
const G_BOUNDARY: u32 = 1;
const G_SESSION: u32 = 2;
const G_RESOURCE: u32 = 3;
const G_DENY: u32 = 4;
const G_OTHER: u32 = 5; // SCP/RCP allows: they gate but are not reported as deciding

/** Log of applicable statements: (handle, statement index, group), capped. */
const LOG_CAP: u32 = 4096;
const log: usize = memory.data(<i32>(LOG_CAP * 12), 8);
let logCount: u32 = 0;

// Per-decision state, reset by authorize().
let denies: u32 = 0;
let identityAllow = false;
let boundaryAllow = false;
let sessionAllow = false;
let resourceClass: i32 = 0;
let levelAllowed = false;
/** The request action's service bit: the byte offset of its mask word, and the bit within. */
let serviceWord: u32 = 0;
let serviceBit: u32 = 0;

/** The request action's hint bit (abi.ts S_ACTION_HINT). */
let actionBit: u32 = 0;
/** Whether hashAction ran for this request: only policies without a selection need it. */
let actionHashed = false;

/**
 * Sets serviceWord/serviceBit from the action's service prefix (text before the first `:`,
 * ASCII-lowercased): the same hash the compiler used for statement masks (abi.ts S_MASK);
 * and actionBit from the whole action, hashed on in the same way (abi.ts S_ACTION_HINT).
 */
function hashAction(scratch: usize): void {
  const p = scratch + load<u32>(scratch + R_ACTION);
  const len = <i32>load<u32>(scratch + R_ACTION + 4);
  let h = FNV_OFFSET;
  let service: u32 = 0;
  let inService = true;
  for (let i = 0; i < len; i++) {
    // INVARIANT: i < len, the action's length in the scratch.
    let c = <u32>load<u8>(p + i);
    if (c == 0x3a && inService) {
      service = h;
      inService = false;
    }
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    h = (h ^ c) * FNV_PRIME;
  }
  if (inService) service = h;
  const bit = service & 255;
  serviceWord = (bit >> 5) << 2;
  serviceBit = <u32>1 << (bit & 31);
  actionBit = <u32>1 << (h & 31);
}

function record(handle: usize, index: u32, group: u32): void {
  if (logCount >= LOG_CAP) return;
  // INVARIANT: logCount < LOG_CAP.
  const at = log + logCount * 12;
  store<u32>(at, <u32>handle);
  store<u32>(at + 4, index);
  store<u32>(at + 8, group);
  logCount++;
}

/** Logs statement `stmt` of `img` when it applies: a Deny, or an Allow of `group`. */
function consider(img: usize, stmt: usize, group: u32, boundaryPresent: bool, actionMatched: bool): void {
  const m = statementApplies(img, stmt, boundaryPresent, true, actionMatched);
  if (m == NOT_APPLICABLE) return;
  const index = load<u32>(stmt + S_INDEX);
  if (load<u32>(stmt + S_EFFECT) == EFFECT_DENY) {
    denies++;
    record(img, index, G_DENY);
    return;
  }
  record(img, index, group);
  if (group == G_IDENTITY) identityAllow = true;
  else if (group == G_BOUNDARY) boundaryAllow = true;
  else if (group == G_SESSION) sessionAllow = true;
  else if (group == G_RESOURCE) {
    if (resourceClass == 0 || (m > 0 && m < resourceClass)) resourceClass = m;
  } else levelAllowed = true;
}

/**
 * Evaluates the statements of one image, logging Denies and the Allows of `group`: every
 * statement, or when `select` is not 0 only those it lists: the binding's per-action selection
 * (abi.ts REF_SIZE), exactly the statements whose Action/NotAction matches the request's
 * action, so their actions are not matched again.
 */
function evalPolicy(img: usize, select: usize, group: u32, boundaryPresent: bool): void {
  // INVARIANT: img is a live image handle the binding validated (magic and ABI checked at load).
  const n = load<u32>(img + H_STMT_COUNT);
  const table = img + load<u32>(img + H_STMT_OFFSET);
  if (select != 0) {
    const count = load<u32>(select);
    for (let i: u32 = 0; i < count; i++) {
      const at = load<u32>(select + 4 + (i << 2));
      if (at < n) consider(img, table + <usize>at * STMT_SIZE, group, boundaryPresent, true);
    }
    return;
  }
  if (!actionHashed) {
    hashAction(base);
    actionHashed = true;
  }
  // No statement names the action's service: nothing in this policy can apply.
  if ((load<u32>(img + H_MASK + serviceWord) & serviceBit) == 0) return;
  let stmt = table;
  for (let i: u32 = 0; i < n; i++, stmt += STMT_SIZE) {
    if ((load<u32>(stmt + S_MASK + serviceWord) & serviceBit) == 0) continue;
    if ((load<u32>(stmt + S_ACTION_HINT) & actionBit) == 0) continue;
    consider(img, stmt, group, boundaryPresent, false);
  }
}

/** Start of the policy set being decided: selections are offsets from it. */
let setBase: usize = 0;

/** Evaluates the policy reference at `ref` (abi.ts: handle, selection). */
@inline function evalRef(ref: usize, group: u32, boundaryPresent: bool): void {
  const img = <usize>load<u32>(ref);
  const select = load<u32>(ref + 4);
  evalPolicy(img, select == 0 ? 0 : setBase + <usize>select, group, boundaryPresent);
}

/** Reports every logged statement of the groups in `mask`. */
function report(mask: u32): void {
  for (let i: u32 = 0; i < logCount; i++) {
    const at = log + i * 12;
    if ((1 << load<u32>(at + 8)) & mask) addMatched(<usize>load<u32>(at), load<u32>(at + 4));
  }
}

@inline function fieldEquals(a: u32, b: u32): bool {
  return bytesEqual(
    base + load<u32>(base + a), <i32>load<u32>(base + a + 4),
    base + load<u32>(base + b), <i32>load<u32>(base + b + 4), false,
  );
}

/** Decides the request in the scratch at `scratch`; the answer goes to the result block. */
export function authorize(scratch: usize): void {
  indexContext(scratch);
  prepareRequest();
  actionHashed = false;
  resetResult();
  logCount = 0;
  denies = 0;
  identityAllow = false;
  boundaryAllow = false;
  sessionAllow = false;
  resourceClass = 0;

  const rt = load<u32>(scratch + R_PRINCIPAL_TYPE);
  const awsPrincipal = rt == RP_USER || rt == RP_ROLE_SESSION || rt == RP_ROOT || rt == RP_FEDERATED_USER;
  // An empty principal account (services, web identity providers) is never cross-account.
  const sameAccount = load<u32>(scratch + R_PRINCIPAL_ACCOUNT + 4) == 0
    || load<u32>(scratch + R_RESOURCE_ACCOUNT + 4) == 0
    || fieldEquals(R_PRINCIPAL_ACCOUNT, R_RESOURCE_ACCOUNT);

  // Read the policy set (layout in abi.ts): counts, and policy references of REF_SIZE bytes.
  let p = scratch + load<u32>(scratch + R_POLICIES);
  setBase = p;
  const identityCount = load<u32>(p); p += 4;
  const identity = p; p += identityCount * REF_SIZE;
  const boundaryRef = p; p += REF_SIZE;
  const sessionCount = load<u32>(p); p += 4;
  const session = p; p += sessionCount * REF_SIZE;
  const resourceRef = p; p += REF_SIZE;
  const scpLevels = load<u32>(p); p += 4;
  const scp = p;
  for (let l: u32 = 0; l < scpLevels; l++) p += 4 + load<u32>(p) * REF_SIZE;
  const rcpLevels = load<u32>(p); p += 4;
  const rcp = p;
  const boundary = <usize>load<u32>(boundaryRef);
  const resource = <usize>load<u32>(resourceRef);
  const boundaryPresent = boundary != 0;

  for (let i: u32 = 0; i < identityCount; i++) evalRef(identity + i * REF_SIZE, G_IDENTITY, boundaryPresent);
  if (boundaryPresent) evalRef(boundaryRef, G_BOUNDARY, boundaryPresent);
  for (let i: u32 = 0; i < sessionCount; i++) evalRef(session + i * REF_SIZE, G_SESSION, boundaryPresent);
  if (resource != 0) evalRef(resourceRef, G_RESOURCE, boundaryPresent);

  // SCPs apply to principals of member accounts, not to service principals
  // ("Service control policies (SCPs)": "SCPs don't affect ... service principals").
  let missingScpLevel: i32 = -1;
  if (awsPrincipal) {
    let q = scp;
    for (let l: u32 = 0; l < scpLevels; l++) {
      const count = load<u32>(q); q += 4;
      levelAllowed = false;
      for (let i: u32 = 0; i < count; i++) evalRef(q + i * REF_SIZE, G_OTHER, boundaryPresent);
      q += count * REF_SIZE;
      if (!levelAllowed && missingScpLevel < 0) missingScpLevel = <i32>l;
    }
  }
  // RCPs: only their Deny statements can act (RCPFullAWSAccess is implicit at every level).
  let q = rcp;
  for (let l: u32 = 0; l < rcpLevels; l++) {
    const count = load<u32>(q); q += 4;
    for (let i: u32 = 0; i < count; i++) evalRef(q + i * REF_SIZE, G_OTHER, boundaryPresent);
    q += count * REF_SIZE;
  }

  if (denies > 0) {
    report(1 << G_DENY);
    setDecision(DECISION_EXPLICIT_DENY, REASON_EXPLICIT_DENY, 0);
    return;
  }
  if (missingScpLevel >= 0) {
    setDecision(DECISION_IMPLICIT_DENY, REASON_SCP_NO_ALLOW, <u32>missingScpLevel);
    return;
  }

  // The root user has every permission of its own account ("Policy evaluation logic"): that is
  // the identity side of a decision, also when a resource policy of another account grants.
  const root = rt == RP_ROOT;
  const boundaryOk = !boundaryPresent || boundaryAllow;
  const sessionOk = sessionCount == 0 || sessionAllow;
  const identityPath = (identityAllow || root) && boundaryOk && sessionOk;
  const identityGroups: u32 = (1 << G_IDENTITY) | (1 << G_BOUNDARY) | (1 << G_SESSION);
  const identityReason = root ? REASON_ROOT : REASON_IDENTITY_ALLOW;
  // Why the identity path failed, when it did.
  const identityFailure = !(identityAllow || root) ? REASON_NO_ALLOW : !boundaryOk ? REASON_BOUNDARY_NO_ALLOW : REASON_SESSION_NO_ALLOW;

  if (resource != 0) {
    const trust = load<u32>(resource + H_KIND) == KIND_TRUST;
    const cls = resourceClass;
    if (!sameAccount) {
      if (cls != 0 && identityPath) {
        report(identityGroups | (1 << G_RESOURCE));
        setDecision(DECISION_ALLOW, REASON_RESOURCE_ALLOW, 0);
      } else if (cls == 0) {
        setDecision(DECISION_IMPLICIT_DENY, trust ? REASON_TRUST_NO_ALLOW : REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, 0);
      } else {
        setDecision(DECISION_IMPLICIT_DENY, identityFailure == REASON_NO_ALLOW ? REASON_CROSS_ACCOUNT_NO_IDENTITY_ALLOW : identityFailure, 0);
      }
      return;
    }
    if (cls == MATCH_UNLIMITED || (cls == MATCH_ROLE && boundaryOk && sessionOk)) {
      report((identityPath ? identityGroups : cls == MATCH_ROLE ? (1 << G_BOUNDARY) | (1 << G_SESSION) : 0) | (1 << G_RESOURCE));
      setDecision(DECISION_ALLOW, REASON_RESOURCE_ALLOW, 0);
      return;
    }
    if (trust && cls == 0) {
      setDecision(DECISION_IMPLICIT_DENY, REASON_TRUST_NO_ALLOW, 0);
      return;
    }
    if (identityPath) {
      report(identityGroups | (cls == MATCH_ACCOUNT || cls == MATCH_ROLE ? (1 << G_RESOURCE) : 0));
      setDecision(DECISION_ALLOW, identityReason, 0);
      return;
    }
    setDecision(DECISION_IMPLICIT_DENY, cls == MATCH_ROLE ? (boundaryOk ? REASON_SESSION_NO_ALLOW : REASON_BOUNDARY_NO_ALLOW) : identityFailure, 0);
    return;
  }
  if (!sameAccount) {
    setDecision(DECISION_IMPLICIT_DENY, REASON_CROSS_ACCOUNT_NO_RESOURCE_ALLOW, 0);
    return;
  }
  if (identityPath) {
    report(identityGroups);
    setDecision(DECISION_ALLOW, identityReason, 0);
    return;
  }
  setDecision(DECISION_IMPLICIT_DENY, identityFailure, 0);
}
