/**
 * @module eval/statement
 * Whether one statement applies to the request: Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal and every condition ("Policy evaluation logic": a statement
 * matches only when all of its elements match). Returns how the principal matched, for the
 * authorizer's resource-policy table.
 */
import {
  S_FLAGS, S_ACTIONS, S_RESOURCES, S_PRINCIPALS, S_CONDS, S_EFFECT, EFFECT_DENY, SF_NOT_ACTION, SF_NOT_RESOURCE,
  SF_NOT_PRINCIPAL, V_FLAGS, V_PTR, V_LEN, V_AUX, VALUE_SIZE, T_A, LIST_HEADER, VF_STAR, VF_LITERAL, VF_TEMPLATE,
  COND_SIZE, C_KEY, C_OP, OP_NULL, R_ACTION, R_RESOURCE,
} from "../abi";
import { base } from "./context";
import { resolve, resolvedPtr, noteUnresolved } from "./template";
import { globMatch, bytesEqual } from "../match/wildcard";
import { arnMatchSplit, splitArn } from "../match/arn";
import { evalCondition, isPresent } from "./condition";
import { matchPrincipal, notPrincipalExcludes, MATCH_UNLIMITED } from "./principal";
import { addMissing } from "./result";

export const NOT_APPLICABLE: i32 = -1;
/** The statement applies and has no Principal element (identity-side policies). */
export const APPLIES: i32 = 0;

/** Action patterns: case-insensitive ("IAM JSON policy elements: Action"). */
export function anyAction(img: usize, list: usize): bool {
  const p = base + load<u32>(base + R_ACTION);
  const len = <i32>load<u32>(base + R_ACTION + 4);
  // INVARIANT: list is a value list inside the image.
  const n = load<u32>(list);
  for (let i: u32 = 0; i < n; i++) {
    const v = list + LIST_HEADER + i * VALUE_SIZE;
    const flags = load<u32>(v + V_FLAGS);
    if (flags & VF_STAR) return true;
    const vp = img + load<u32>(v + V_PTR);
    const vl = <i32>load<u32>(v + V_LEN);
    if (flags & VF_LITERAL) {
      if (bytesEqual(vp, vl, p, len, true)) return true;
      continue;
    }
    // The literal prefix (no wildcard, no escape) first; the glob then starts after it.
    const prefix = <i32>load<u32>(v + V_AUX);
    if (prefix > len || !bytesEqual(vp, prefix, p, prefix, true)) continue;
    if (globMatch(vp + prefix, vl - prefix, p + prefix, len - prefix, true)) return true;
  }
  return false;
}

/** Whether the request's resource is a 6-part ARN; its separators are found once per request. */
let resourceIsArn = false;
/** Whether splitArn ran for this request (on the first resource pattern that needs it). */
let resourceSplit = false;

/** Per-request preparation of the matchers: call after indexContext, before any statement. */
export function prepareRequest(): void {
  resourceSplit = false;
}

@inline function splitResource(): void {
  if (resourceSplit) return;
  resourceIsArn = splitArn(base + load<u32>(base + R_RESOURCE), <i32>load<u32>(base + R_RESOURCE + 4));
  resourceSplit = true;
}

/**
 * Resource patterns: case-sensitive, matched per ARN segment with `*` in the resource part
 * spanning `/` and `:` ("IAM JSON policy elements: Resource"). A pattern whose variable cannot
 * be resolved matches nothing ("Variables and tags").
 */
export function anyResource(img: usize, list: usize): bool {
  const p = base + load<u32>(base + R_RESOURCE);
  const len = <i32>load<u32>(base + R_RESOURCE + 4);
  const n = load<u32>(list);
  for (let i: u32 = 0; i < n; i++) {
    const v = list + LIST_HEADER + i * VALUE_SIZE;
    const flags = load<u32>(v + V_FLAGS);
    if (flags & VF_STAR) return true;
    let vp = img + load<u32>(v + V_PTR);
    let vl = <i32>load<u32>(v + V_LEN);
    // The literal prefix must match before anything else (encode.ts literalPrefix); for a
    // template it is the start of its first, literal part.
    const prefix = <i32>load<u32>(v + V_AUX);
    if (prefix > 0) {
      const at = flags & VF_TEMPLATE ? img + load<u32>(vp + T_A) : vp;
      if (prefix > len || !bytesEqual(at, prefix, p, prefix, false)) continue;
    }
    if (flags & VF_TEMPLATE) {
      const parts = vp;
      const count = <u32>vl;
      vl = resolve(img, parts, count, true);
      if (vl < 0) {
        noteUnresolved(parts, count);
        continue;
      }
      vp = resolvedPtr;
    } else if (flags & VF_LITERAL) {
      // Same answer as arnMatch without its segment split: equal text, and an ARN at all.
      if (bytesEqual(vp, vl, p, len, false)) {
        splitResource();
        if (resourceIsArn) return true;
      }
      continue;
    }
    splitResource();
    if (arnMatchSplit(vp, vl, p, len, prefix)) return true;
  }
  return false;
}

/**
 * NOT_APPLICABLE, APPLIES, or the principal match class (principal.ts) when the statement
 * names principals. `boundaryPresent` makes Deny+NotPrincipal apply to everyone ("Permissions
 * boundaries for IAM entities": such a statement "will always deny any IAM principal that has
 * a permissions boundary policy attached"). `track` records absent condition keys.
 * `actionMatched` skips Action/NotAction: the binding already matched them exactly.
 */
export function statementApplies(img: usize, stmt: usize, boundaryPresent: bool, track: bool, actionMatched: bool = false): i32 {
  // INVARIANT: stmt is a statement record inside the image.
  const flags = load<u32>(stmt + S_FLAGS);
  // `actionMatched`: the binding selected the statement for this action (abi.ts REF_SIZE).
  if (!actionMatched) {
    const actionHit = anyAction(img, img + load<u32>(stmt + S_ACTIONS));
    if (actionHit == ((flags & SF_NOT_ACTION) != 0)) return NOT_APPLICABLE;
  }

  const resources = load<u32>(stmt + S_RESOURCES);
  if (resources != 0) {
    const hit = anyResource(img, img + resources);
    if (hit == ((flags & SF_NOT_RESOURCE) != 0)) return NOT_APPLICABLE;
  }

  let match = APPLIES;
  const principals = load<u32>(stmt + S_PRINCIPALS);
  if (principals != 0) {
    if (flags & SF_NOT_PRINCIPAL) {
      const deny = load<u32>(stmt + S_EFFECT) == EFFECT_DENY;
      if (!(deny && boundaryPresent) && notPrincipalExcludes(img, img + principals)) return NOT_APPLICABLE;
      match = MATCH_UNLIMITED;
    } else {
      match = matchPrincipal(img, img + principals);
      if (match == 0) return NOT_APPLICABLE;
    }
  }

  const conds = load<u32>(stmt + S_CONDS);
  if (conds == 0) return match;
  const list = img + conds;
  const n = load<u32>(list);
  if (track) {
    // MissingContextValues: every key a matching statement's conditions reference but the
    // request lacks, whether or not an earlier condition already failed.
    for (let i: u32 = 0; i < n; i++) {
      const c = list + LIST_HEADER + i * COND_SIZE;
      if (load<u32>(c + C_OP) != OP_NULL && !isPresent(load<u32>(c + C_KEY))) addMissing(load<u32>(c + C_KEY));
    }
  }
  for (let i: u32 = 0; i < n; i++) {
    if (!evalCondition(img, list + LIST_HEADER + i * COND_SIZE)) return NOT_APPLICABLE;
  }
  return match;
}
