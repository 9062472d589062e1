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
  R_POLICIES, REF_SIZE, R_PRINCIPAL_TYPE, RP_USER, RP_ROLE_SESSION, RP_ROOT, RP_FEDERATED_USER, EX_SKIPPED, EX_ACTION, EX_RESOURCE, EX_HAS_RESOURCE, EX_PRINCIPAL, EX_HAS_PRINCIPAL, EX_APPLIES,
} from "../abi";
import { indexContext } from "./context";
import { anyAction, anyResource, prepareRequest } from "./statement";
import { matchPrincipal, notPrincipalExcludes } from "./principal";
import { evalCondition, isPresent } from "./condition";

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

/**
 * Explains the request at `scratch` into `dst` (at most `cap` bytes). Returns the bytes
 * written, or 0xffffffff when `cap` was too small (the binding grows the buffer and retries).
 */
export function explain(scratch: usize, dst: usize, cap: u32): u32 {
  indexContext(scratch);
  prepareRequest();
  out = dst;
  end = dst + cap;
  overflow = false;
  // Policy references are (handle, selection); explaining looks at every statement, so the
  // selection is not read.
  let p = scratch + load<u32>(scratch + R_POLICIES);
  const identityCount = load<u32>(p); p += 4;
  const identity = p; p += identityCount * REF_SIZE;
  const boundary = <usize>load<u32>(p); p += REF_SIZE;
  const boundaryPresent = boundary != 0;
  for (let i: u32 = 0; i < identityCount; i++) explainPolicy(<usize>load<u32>(identity + i * REF_SIZE), boundaryPresent);
  if (boundaryPresent) explainPolicy(boundary, boundaryPresent);
  const sessionCount = load<u32>(p); p += 4;
  for (let i: u32 = 0; i < sessionCount; i++) explainPolicy(<usize>load<u32>(p + i * REF_SIZE), boundaryPresent);
  p += sessionCount * REF_SIZE;
  const resource = <usize>load<u32>(p); p += REF_SIZE;
  if (resource != 0) explainPolicy(resource, boundaryPresent);
  // SCPs apply only to principals of an AWS account (authorizer.ts); RCPs to every request.
  const rt = load<u32>(scratch + R_PRINCIPAL_TYPE);
  const awsPrincipal = rt == RP_USER || rt == RP_ROLE_SESSION || rt == RP_ROOT || rt == RP_FEDERATED_USER;
  for (let kind = 0; kind < 2; kind++) {
    const levels = load<u32>(p); p += 4;
    const skipped = kind == 0 && !awsPrincipal;
    for (let l: u32 = 0; l < levels; l++) {
      const count = load<u32>(p); p += 4;
      for (let i: u32 = 0; i < count; i++) explainPolicy(<usize>load<u32>(p + i * REF_SIZE), boundaryPresent, skipped);
      p += count * REF_SIZE;
    }
  }
  return overflow ? 0xffffffff : <u32>(out - dst);
}
