/**
 * @module eval/explain
 * Why each statement of a policy set did or did not apply, for the playground and for
 * simulation output: every element of every statement is evaluated on its own (no short
 * circuit), with the same matchers the decision uses (statement.ts), so the explanation can
 * never disagree with the decision.
 *
 * Output, per statement in policy-set order (abi.ts "Policy set"), u32 words:
 *   flags (EX_* below), condition count, then per condition: bit 0 result, bit 1 key missing.
 * A policy the request does not evaluate (SCPs of a service or a service-linked role, RCPs on
 * an AWS managed key, every policy for sts:GetCallerIdentity) has EX_SKIPPED on each
 * statement, with the reason (SKIP_*) in the bits from EX_SKIP_SHIFT.
 */
import {
  H_STMT_COUNT, H_STMT_OFFSET, STMT_SIZE, S_FLAGS, S_ACTIONS, S_RESOURCES, S_PRINCIPALS, S_CONDS, S_EFFECT,
  SF_NOT_ACTION, SF_NOT_RESOURCE, SF_NOT_PRINCIPAL, EFFECT_DENY, LIST_HEADER, COND_SIZE, C_KEY, C_OP, OP_NULL,
  REF_SIZE, EX_SKIPPED, EX_SKIP_SHIFT, EX_ACTION, EX_RESOURCE, EX_HAS_RESOURCE, EX_PRINCIPAL, EX_HAS_PRINCIPAL, EX_APPLIES,
  SKIP_SERVICE_PRINCIPAL, SKIP_SERVICE_LINKED_ROLE, SKIP_AWS_MANAGED_KEY, SKIP_NO_PERMISSION_REQUIRED,
} from "../abi";
import { indexContext } from "./context";
import { anyAction, anyResource, prepareRequest } from "./statement";
import { matchPrincipal, notPrincipalExcludes } from "./principal";
import { evalCondition, isPresent } from "./condition";
import {
  readPolicySet, imageOf, identityAt, identityCount, boundary, sessionAt, sessionCount, resource, scpAt, scpLevels, rcpAt, rcpLevels,
} from "./policy-set";
import { readRequestFacts, accountPrincipal, noPermissionRequired } from "./request-facts";
import { isServiceLinkedRole, isAwsManagedKey } from "./service-facts";

let out: usize = 0;
let end: usize = 0;
let overflow = false;
let boundaryPresent = false;

@inline function emit(word: u32): void {
  if (out + 4 > end) {
    overflow = true;
    return;
  }
  store<u32>(out, word);
  out += 4;
}

/** EX_PRINCIPAL / EX_HAS_PRINCIPAL of a statement, with the decision's NotPrincipal rule (statement.ts). */
function principalFlags(img: usize, stmt: usize, flags: u32): u32 {
  const principals = load<u32>(stmt + S_PRINCIPALS);
  if (principals == 0) return EX_PRINCIPAL;
  if (flags & SF_NOT_PRINCIPAL) {
    const deny = load<u32>(stmt + S_EFFECT) == EFFECT_DENY;
    return (deny && boundaryPresent) || !notPrincipalExcludes(img, img + principals) ? EX_HAS_PRINCIPAL | EX_PRINCIPAL : EX_HAS_PRINCIPAL;
  }
  return matchPrincipal(img, img + principals) != 0 ? EX_HAS_PRINCIPAL | EX_PRINCIPAL : EX_HAS_PRINCIPAL;
}

/** The action, resource and principal flags of one statement. */
function elementFlags(img: usize, stmt: usize): u32 {
  const flags = load<u32>(stmt + S_FLAGS);
  let ex: u32 = 0;
  if (anyAction(img, img + load<u32>(stmt + S_ACTIONS)) != ((flags & SF_NOT_ACTION) != 0)) ex |= EX_ACTION;
  const resources = load<u32>(stmt + S_RESOURCES);
  if (resources == 0) ex |= EX_RESOURCE;
  else {
    ex |= EX_HAS_RESOURCE;
    if (anyResource(img, img + resources) != ((flags & SF_NOT_RESOURCE) != 0)) ex |= EX_RESOURCE;
  }
  return ex | principalFlags(img, stmt, flags);
}

/** Emits each condition's result; returns whether all held. */
function emitConditions(img: usize, conds: u32, count: u32): bool {
  let all = true;
  for (let c: u32 = 0; c < count; c++) {
    const cond = img + conds + LIST_HEADER + c * COND_SIZE;
    const result = evalCondition(img, cond);
    const missing = load<u32>(cond + C_OP) != OP_NULL && !isPresent(load<u32>(cond + C_KEY));
    if (!result) all = false;
    emit((result ? 1 : 0) | (missing ? 2 : 0));
  }
  return all;
}

/** Explains every statement of `img`; `skip` is why the request does not evaluate it (0: it does). */
function explainPolicy(img: usize, skip: u32): void {
  // INVARIANT: img is a live image handle the binding validated.
  const n = load<u32>(img + H_STMT_COUNT);
  let stmt = img + load<u32>(img + H_STMT_OFFSET);
  for (let i: u32 = 0; i < n; i++, stmt += STMT_SIZE) {
    const ex = elementFlags(img, stmt);
    const conds = load<u32>(stmt + S_CONDS);
    const count = conds == 0 ? <u32>0 : load<u32>(img + conds);
    const flagsAt = out;
    emit(ex);
    emit(count);
    const all = emitConditions(img, conds, count);
    if (overflow) continue;
    const matched = (ex & (EX_ACTION | EX_RESOURCE | EX_PRINCIPAL)) == (EX_ACTION | EX_RESOURCE | EX_PRINCIPAL);
    if (skip != 0) store<u32>(flagsAt, ex | EX_SKIPPED | (skip << EX_SKIP_SHIFT));
    else if (all && matched) store<u32>(flagsAt, ex | EX_APPLIES);
  }
}

/** Explains the `count` policy references from `at`. */
function explainRefs(at: usize, count: u32, skip: u32): void {
  for (let i: u32 = 0; i < count; i++) explainPolicy(imageOf(at + i * REF_SIZE), skip);
}

/** Explains organization levels from `at` (count, then references, per level). */
function explainLevels(at: usize, levels: u32, skip: u32): void {
  let q = at;
  for (let l: u32 = 0; l < levels; l++) {
    const count = load<u32>(q); q += 4;
    explainRefs(q, count, skip);
    q += count * REF_SIZE;
  }
}

/** Why SCPs are not evaluated (authorizer.ts): a service principal or a service-linked role. */
function scpSkip(): u32 {
  if (!accountPrincipal()) return SKIP_SERVICE_PRINCIPAL;
  return scpLevels > 0 && isServiceLinkedRole() ? SKIP_SERVICE_LINKED_ROLE : 0;
}

/**
 * Explains the request at `scratch` into `dst` (at most `cap` bytes). Returns the bytes
 * written, or 0xffffffff when `cap` was too small (the binding grows the buffer and retries).
 * Policy references are (handle, selection); explaining looks at every statement, so the
 * selection is not read.
 */
export function explain(scratch: usize, dst: usize, cap: u32): u32 {
  indexContext(scratch);
  prepareRequest();
  readPolicySet(scratch);
  readRequestFacts(scratch);
  out = dst;
  end = dst + cap;
  overflow = false;
  boundaryPresent = boundary != 0;
  // sts:GetCallerIdentity evaluates no policy (decision-table.ts).
  const all = noPermissionRequired() ? SKIP_NO_PERMISSION_REQUIRED : 0;
  explainRefs(identityAt(), identityCount, all);
  if (boundaryPresent) explainPolicy(boundary, all);
  explainRefs(sessionAt(), sessionCount, all);
  if (resource != 0) explainPolicy(resource, all);
  explainLevels(scpAt, scpLevels, all != 0 ? all : scpSkip());
  explainLevels(rcpAt, rcpLevels, all != 0 ? all : rcpLevels > 0 && isAwsManagedKey() ? SKIP_AWS_MANAGED_KEY : 0);
  return overflow ? 0xffffffff : <u32>(out - dst);
}
