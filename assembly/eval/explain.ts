/**
 * @module eval/explain
 * Why each statement of a policy set did or did not apply, for the playground and for
 * simulation output: every element of every statement is evaluated on its own (no short
 * circuit), with the same matchers the decision uses (statement.ts), so the explanation can
 * never disagree with the decision.
 *
 * Output, per statement in policy-set order (abi.ts "Policy set"), u32 words:
 *   flags (EX_* below), condition count, then per condition: bit 0 result, bit 1 key missing.
 */
import {
  H_STMT_COUNT, H_STMT_OFFSET, STMT_SIZE, S_FLAGS, S_ACTIONS, S_RESOURCES, S_PRINCIPALS, S_CONDS, S_EFFECT,
  SF_NOT_ACTION, SF_NOT_RESOURCE, SF_NOT_PRINCIPAL, EFFECT_DENY, LIST_HEADER, COND_SIZE, C_KEY, C_OP, OP_NULL,
  REF_SIZE, EX_SKIPPED, EX_ACTION, EX_RESOURCE, EX_HAS_RESOURCE, EX_PRINCIPAL, EX_HAS_PRINCIPAL, EX_APPLIES,
} from "../abi";
import { indexContext } from "./context";
import { anyAction, anyResource, prepareRequest } from "./statement";
import { matchPrincipal, notPrincipalExcludes } from "./principal";
import { evalCondition, isPresent } from "./condition";
import {
  readPolicySet, imageOf, identityAt, identityCount, boundary, sessionAt, sessionCount, resource, scpAt, scpLevels, rcpAt, rcpLevels,
} from "./policy-set";
import { readRequestFacts, accountPrincipal } from "./request-facts";

let out: usize = 0;
let end: usize = 0;
let overflow = false;

@inline function emit(word: u32): void {
  if (out + 4 > end) {
    overflow = true;
    return;
  }
  store<u32>(out, word);
  out += 4;
}

function explainPolicy(img: usize, boundaryPresent: bool, skipped: bool = false): void {
  // INVARIANT: img is a live image handle the binding validated.
  const n = load<u32>(img + H_STMT_COUNT);
  let stmt = img + load<u32>(img + H_STMT_OFFSET);
  for (let i: u32 = 0; i < n; i++, stmt += STMT_SIZE) {
    const flags = load<u32>(stmt + S_FLAGS);
    let ex: u32 = 0;
    if (anyAction(img, img + load<u32>(stmt + S_ACTIONS)) != ((flags & SF_NOT_ACTION) != 0)) ex |= EX_ACTION;
    const resources = load<u32>(stmt + S_RESOURCES);
    if (resources == 0) ex |= EX_RESOURCE;
    else {
      ex |= EX_HAS_RESOURCE;
      if (anyResource(img, img + resources) != ((flags & SF_NOT_RESOURCE) != 0)) ex |= EX_RESOURCE;
    }
    const principals = load<u32>(stmt + S_PRINCIPALS);
    if (principals == 0) ex |= EX_PRINCIPAL;
    else {
      ex |= EX_HAS_PRINCIPAL;
      if (flags & SF_NOT_PRINCIPAL) {
        const deny = load<u32>(stmt + S_EFFECT) == EFFECT_DENY;
        if ((deny && boundaryPresent) || !notPrincipalExcludes(img, img + principals)) ex |= EX_PRINCIPAL;
      } else if (matchPrincipal(img, img + principals) != 0) ex |= EX_PRINCIPAL;
    }
    const conds = load<u32>(stmt + S_CONDS);
    const count = conds == 0 ? <u32>0 : load<u32>(img + conds);
    let all = true;
    const flagsAt = out;
    emit(ex);
    emit(count);
    for (let c: u32 = 0; c < count; c++) {
      const cond = img + conds + LIST_HEADER + c * COND_SIZE;
      const result = evalCondition(img, cond);
      const missing = load<u32>(cond + C_OP) != OP_NULL && !isPresent(load<u32>(cond + C_KEY));
      if (!result) all = false;
      emit((result ? 1 : 0) | (missing ? 2 : 0));
    }
    if (overflow) continue;
    if (skipped) store<u32>(flagsAt, ex | EX_SKIPPED);
    else if (all && (ex & (EX_ACTION | EX_RESOURCE | EX_PRINCIPAL)) == (EX_ACTION | EX_RESOURCE | EX_PRINCIPAL)) {
      store<u32>(flagsAt, ex | EX_APPLIES);
    }
  }
}

/** Explains the `count` policy references from `at`. */
function explainRefs(at: usize, count: u32, boundaryPresent: bool, skipped: bool): void {
  for (let i: u32 = 0; i < count; i++) explainPolicy(imageOf(at + i * REF_SIZE), boundaryPresent, skipped);
}

/** Explains organization levels from `at` (count, then references, per level). */
function explainLevels(at: usize, levels: u32, boundaryPresent: bool, skipped: bool): void {
  let q = at;
  for (let l: u32 = 0; l < levels; l++) {
    const count = load<u32>(q); q += 4;
    explainRefs(q, count, boundaryPresent, skipped);
    q += count * REF_SIZE;
  }
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
  const boundaryPresent = boundary != 0;
  explainRefs(identityAt, identityCount, boundaryPresent, false);
  if (boundaryPresent) explainPolicy(boundary, boundaryPresent);
  explainRefs(sessionAt, sessionCount, boundaryPresent, false);
  if (resource != 0) explainPolicy(resource, boundaryPresent);
  // SCPs apply only to principals of an AWS account (authorizer.ts); RCPs to every request.
  explainLevels(scpAt, scpLevels, boundaryPresent, !accountPrincipal);
  explainLevels(rcpAt, rcpLevels, boundaryPresent, false);
  return overflow ? 0xffffffff : <u32>(out - dst);
}
