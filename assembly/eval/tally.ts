/**
 * @module eval/tally
 * Evaluates the statements of the policies of one request and tallies what the decision table
 * reads: how many Deny statements apply, which slots have an applicable Allow, how the
 * resource policy's best Allow named the principal, and a log of every applicable statement,
 * so the statements that decided can be reported afterwards (the simulator's MatchedStatements).
 */
import {
  H_STMT_COUNT, H_STMT_OFFSET, H_MASK, STMT_SIZE, S_EFFECT, S_INDEX, S_MASK, S_ACTION_HINT,
  EFFECT_DENY, R_ACTION, FNV_OFFSET, FNV_PRIME, REF_SIZE,
} from "../abi";
import { base } from "./context";
import { statementApplies, NOT_APPLICABLE } from "./statement";
import { addMatched } from "./result";
import { imageOf, selectionOf } from "./policy-set";

// Groups of the statement log; the decision table reports groups by mask (1 << group).
export const G_IDENTITY: u32 = 0;
export const G_BOUNDARY: u32 = 1;
export const G_SESSION: u32 = 2;
export const G_RESOURCE: u32 = 3;
export const G_DENY: u32 = 4;
/** SCP/RCP Allows: they gate the decision but are not reported as deciding. */
export const G_ORGANIZATION: u32 = 5;
/**
 * SCPs or RCPs that AWS does not apply to this request (a service-linked role, an AWS managed
 * key): evaluated only to tell whether the exemption changed the decision; never reported.
 */
export const G_EXEMPT: u32 = 6;

/** Log of applicable statements: (handle, statement index, group), capped. */
const LOG_CAP: u32 = 4096;
const log: usize = memory.data(<i32>(LOG_CAP * 12), 8);
let logCount: u32 = 0;

/** Applicable Deny statements, in every slot. */
export let denies: u32 = 0;
/** The least limiting principal match of an applicable resource-policy Allow (principal.ts), 0 = none. */
export let resourceClass: i32 = 0;
/** The first SCP level (0 = root) without an applicable Allow, -1 while every level had one. */
export let missingScpLevel: i32 = -1;

/**
 * Flags of the tally in one word (one store resets them): bit `1 << group` when an Allow of
 * that group applied (for G_ORGANIZATION and G_EXEMPT: in the level being evaluated), and the
 * exemption bits below.
 */
let flags: u32 = 0;
const LEVEL_ALLOWED: u32 = (1 << G_ORGANIZATION) | (1 << G_EXEMPT);
/** An exempt policy has an applicable Deny, or an exempt SCP level lacks an Allow. */
const EXEMPT_BLOCKED: u32 = 1 << 8;
/** Exempt SCPs, or exempt RCPs, would have denied the request (closeExemption). */
const SCP_EXEMPT_BLOCKED: u32 = 1 << 9;
const RCP_EXEMPT_BLOCKED: u32 = 1 << 10;

@inline export function identityAllow(): bool {
  return (flags & (1 << G_IDENTITY)) != 0;
}
@inline export function boundaryAllow(): bool {
  return (flags & (1 << G_BOUNDARY)) != 0;
}
@inline export function sessionAllow(): bool {
  return (flags & (1 << G_SESSION)) != 0;
}
@inline export function scpExemptBlocked(): bool {
  return (flags & SCP_EXEMPT_BLOCKED) != 0;
}
@inline export function rcpExemptBlocked(): bool {
  return (flags & RCP_EXEMPT_BLOCKED) != 0;
}

/** The request action's service bit: the byte offset of its mask word, and the bit within. */
let serviceWord: u32 = 0;
let serviceBit: u32 = 0;
/** The request action's hint bit (abi.ts S_ACTION_HINT). */
let actionBit: u32 = 0;
/** Whether hashAction ran for this request: only policies without a selection need it. */
let actionHashed = false;

/** Starts the tally of a new request. */
export function resetTally(): void {
  actionHashed = false;
  logCount = 0;
  denies = 0;
  resourceClass = 0;
  missingScpLevel = -1;
  flags = 0;
}

/** Starts an SCP or RCP level. */
export function startLevel(): void {
  flags &= ~LEVEL_ALLOWED;
}

/** Ends SCP level `level` of `group`: the first level without an applicable Allow is remembered. */
export function endScpLevel(level: u32, group: u32): void {
  if (flags & LEVEL_ALLOWED) return;
  if (group == G_EXEMPT) flags |= EXEMPT_BLOCKED;
  else if (missingScpLevel < 0) missingScpLevel = <i32>level;
}

/** Ends the evaluation of exempt SCPs (`scp`) or RCPs: records whether they would have denied. */
export function closeExemption(scp: bool): void {
  if (flags & EXEMPT_BLOCKED) flags |= scp ? SCP_EXEMPT_BLOCKED : RCP_EXEMPT_BLOCKED;
  flags &= ~EXEMPT_BLOCKED;
}

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
  // Keys of exempt policies are not missing context: those policies do not decide.
  const m = statementApplies(img, stmt, boundaryPresent, group != G_EXEMPT, actionMatched);
  if (m == NOT_APPLICABLE) return;
  const index = load<u32>(stmt + S_INDEX);
  if (load<u32>(stmt + S_EFFECT) == EFFECT_DENY) {
    if (group == G_EXEMPT) {
      flags |= EXEMPT_BLOCKED;
      return;
    }
    denies++;
    record(img, index, G_DENY);
    return;
  }
  record(img, index, group);
  flags |= 1 << group;
  if (group == G_RESOURCE && (resourceClass == 0 || (m > 0 && m < resourceClass))) resourceClass = m;
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

/** Evaluates the policy reference at `ref` (abi.ts: handle, selection) into `group`. */
@inline export function evalRef(ref: usize, group: u32, boundaryPresent: bool): void {
  evalPolicy(imageOf(ref), selectionOf(ref), group, boundaryPresent);
}

/** Evaluates `count` consecutive references from `at` into `group`. */
@inline export function evalRefs(at: usize, count: u32, group: u32, boundaryPresent: bool): void {
  for (let i: u32 = 0; i < count; i++) evalRef(at + i * REF_SIZE, group, boundaryPresent);
}

/** Reports every logged statement of the groups in `mask` as a matched statement. */
export function report(mask: u32): void {
  if (mask == 0) return;
  for (let i: u32 = 0; i < logCount; i++) {
    const at = log + i * 12;
    if ((1 << load<u32>(at + 8)) & mask) addMatched(<usize>load<u32>(at), load<u32>(at + 4));
  }
}
