/**
 * @module engine/request
 * Writes one request, as request-fields.ts read it, and its policy set into the scratch buffer
 * in Wasm memory, in the layout of assembly/abi.ts: a header of (offset, length) pairs, the
 * principal's UTF-8, the policy set as image references, context entries with key ids, then
 * the other strings' UTF-8. Context keys that no selected statement reads are dropped here.
 */
import * as A from "./abi.ts";
import type { RequestPrincipal } from "./principal.ts";
import type { RequestFields } from "./request-fields.ts";

export type ContextScalar = string | number | boolean;
export type ContextValue = ContextScalar | ContextScalar[];

/** One request, as the API shapes it. */
export interface AuthorizationRequest {
  principal: string;
  action: string;
  /** Defaults to `*` (actions without resource-level permissions). */
  resource?: string;
  context?: Record<string, ContextValue | undefined | null>;
  /** The account that owns the resource; defaults to the principal's account. */
  resourceAccount?: string;
}

/** Handles of a policy set, grouped as the core reads them. */
export interface HandleSet {
  identity: number[];
  boundary: number;
  session: number[];
  resource: number;
  scp: number[][];
  rcp: number[][];
}

/**
 * The policy-set section of a request, as the core reads it (docs/abi.md "Policy set"):
 * computed once per set (and kept by bundles), copied into each request with one `set`.
 * Each policy is referenced by its handle and a selection: `select(handle)` returns the
 * positions of the only statements to evaluate, or null for all of them.
 */
export function flattenHandles(set: HandleSet, select?: (handle: number) => readonly number[] | null): Uint32Array {
  const words: number[] = [];
  const lists: [slot: number, positions: readonly number[]][] = [];
  const ref = (handle: number): void => {
    words.push(handle, 0);
    const positions = handle !== 0 && select ? select(handle) : null;
    if (positions) lists.push([words.length - 1, positions]);
  };
  words.push(set.identity.length);
  set.identity.forEach(ref);
  ref(set.boundary);
  words.push(set.session.length);
  set.session.forEach(ref);
  ref(set.resource);
  for (const levels of [set.scp, set.rcp]) {
    words.push(levels.length);
    for (const level of levels) {
      words.push(level.length);
      level.forEach(ref);
    }
  }
  // Selections follow the references; their offsets count bytes from the set's start.
  for (const [slot, positions] of lists) {
    words[slot] = words.length * 4;
    words.push(positions.length, ...positions);
  }
  return Uint32Array.from(words);
}

const encoder = new TextEncoder();

/**
 * Writes `s` as UTF-8 at `at`; returns the byte count. Short ASCII strings (ARNs, actions,
 * most context values) are copied by a loop, which beats encodeInto's call cost.
 */
function writeUtf8(m8: Uint8Array, at: number, s: string): number {
  const n = s.length;
  if (n <= 96) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) break;
      m8[at + i] = c;
    }
    if (i === n) return n;
  }
  return encoder.encodeInto(s, m8.subarray(at)).written;
}

/** Where the request goes: the scratch block and fresh views over memory. */
export interface Scratch {
  /** Makes the scratch at least `bytes` long; returns its absolute address (views may change). */
  reserve(bytes: number): number;
  u8(): Uint8Array;
  u32(): Uint32Array;
  /** Absolute address of the scratch block: `memo` offsets count from it. */
  origin(): number;
  /** What earlier requests left in the scratch, for reuse; the engine clears it when stale. */
  memo: ScratchMemo;
  /**
   * The batch chunk being written: a number no other chunk had (0 for single requests). What a
   * chunk wrote stays in place until the chunk is decided.
   */
  chunk: number;
}

/**
 * The policy-set words and the principal's bytes an earlier request wrote, and where (offsets
 * from the scratch start). A request points at them instead of copying them again when they
 * lie before it (an earlier request of the same batch: offsets wrap modulo 2^32, docs/abi.md)
 * or exactly where it would write them (the previous single request, same layout).
 */
export interface ScratchMemo {
  set: Uint32Array | null;
  setAt: number;
  principal: RequestPrincipal | null;
  principalAt: number;
}

export function emptyMemo(memo: ScratchMemo): void {
  memo.set = null;
  memo.principal = null;
}

/** What a linked set knows about requests of one action (bundle.ts Selection). */
export interface RequestHints {
  /** Ids, ascending, of the context keys selected statements read: the others are not written. */
  keys: Uint32Array;
  /**
   * The same ids below 31 as bits, and whether any is 31 or more: most requests test their keys
   * here, without touching `keys` (a cache miss per request when thousands of actions each
   * have their own array).
   */
  keyMask: number;
  keysHigh: boolean;
  /** Address of the action's UTF-8 kept in Wasm memory (0 = none: copy it), and its length. */
  actionAt: number;
  actionLength: number;
  /** Address of a copy of the policy-set words kept in Wasm memory (0 = none: copy them). */
  wordsAt: number;
  /**
   * Where the batch chunk `chunk` (Scratch.chunk) has a copy of these policy-set words, as an
   * offset from the scratch start: later requests of the chunk point at it.
   */
  chunk: number;
  at: number;
}

/**
 * Writes the request at the address `scratch.reserve` gives; returns the address just past it.
 * Layout (docs/abi.md "Request"): the header; the principal's bytes, at a fixed place so that a
 * single request finds the previous one's copy; the policy-set words; the context entries and
 * their value refs; then the other strings' bytes. Nothing here reads the caller's objects:
 * `f` holds the request as it was read once.
 *
 * Longer than the rest on purpose: this is the hot path, and split into helpers (the
 * principal, the set words, the context) a decision measured 5-8% slower (W1 and W2
 * `authorize`, CPU time, the two versions alternated in one process).
 */
export function writeRequest(f: RequestFields, set: Uint32Array, scratch: Scratch, hints?: RequestHints): number {
  const p = f.p;
  const roleArn = f.roleArn;
  const action = f.action;
  const resourceAccount = f.resourceAccount;
  const needed = hints?.keys;
  const mask = hints === undefined ? 0 : hints.keyMask;
  const high = hints !== undefined && hints.keysHigh;
  const base = scratch.reserve(requestBytes(f, set, hints));
  const m32 = scratch.u32();
  const m8 = scratch.u8();
  const origin = scratch.origin();
  const memo = scratch.memo;
  const h = base >>> 2;
  m32[h + A.R_PRINCIPAL_TYPE / 4] = p.type;

  // The principal's text and account repeat across requests: point at an earlier copy, or
  // copy their cached UTF-8 at once. Offsets are u32 and wrap (`>>> 0`).
  const pLen = p.bytes.length;
  let b = base + A.REQUEST_HEADER_SIZE;
  let at = origin + memo.principalAt;
  if (memo.principal !== p || (at >= base && at !== b)) {
    m8.set(p.bytes, b);
    memo.principal = p;
    memo.principalAt = b - origin;
    at = b;
  }
  if (at === b) b += pLen;
  m32[h + A.R_PRINCIPAL / 4] = (at - base) >>> 0;
  m32[h + A.R_PRINCIPAL / 4 + 1] = p.principalBytes;
  m32[h + A.R_PRINCIPAL_ACCOUNT / 4] = (at - base + p.principalBytes) >>> 0;
  m32[h + A.R_PRINCIPAL_ACCOUNT / 4 + 1] = pLen - p.principalBytes;

  // Policy set: an earlier copy (of this batch chunk, or the last one written), or a copy here.
  let w = (b + 3) >>> 2; // next free word (absolute index)
  const setAt = origin + memo.setAt;
  if (hints !== undefined && hints.wordsAt !== 0) {
    // The selection's words are kept in Wasm memory (core.ts keepWords; offsets wrap modulo 2^32).
    m32[h + A.R_POLICIES / 4] = (hints.wordsAt - base) >>> 0;
    // What follows goes where the memo's words may lie (the last single request's): forget them.
    if (setAt >= base) memo.set = null;
  } else if (hints !== undefined && scratch.chunk !== 0 && hints.chunk === scratch.chunk) {
    m32[h + A.R_POLICIES / 4] = (origin + hints.at - base) >>> 0;
  } else if (memo.set === set && (setAt < base || setAt === w * 4)) {
    m32[h + A.R_POLICIES / 4] = (setAt - base) >>> 0;
    if (setAt === w * 4) w += set.length;
  } else {
    m32[h + A.R_POLICIES / 4] = (w - h) * 4;
    // Short sets: a loop beats TypedArray#set's call cost.
    if (set.length > 16) m32.set(set, w);
    else for (let i = 0; i < set.length; i++) m32[w + i] = set[i];
    memo.set = set;
    memo.setAt = w * 4 - origin;
    if (hints !== undefined) {
      hints.chunk = scratch.chunk;
      hints.at = memo.setAt;
    }
    w += set.length;
  }

  // Context entries and their (offset, length) value refs; the strings after them. Entries
  // no selected statement reads are skipped, so the refs start after the most there can be.
  const refs = w + f.count * (A.CTX_SIZE / 4);
  b = (refs + f.valueCount * 2) * 4;
  b = put(m8, m32, h + A.R_ROLE_ARN / 4, base, b, roleArn);
  if (hints !== undefined && hints.actionAt !== 0) {
    // The action's bytes live in Wasm memory (offsets wrap modulo 2^32).
    m32[h + A.R_ACTION / 4] = (hints.actionAt - base) >>> 0;
    m32[h + A.R_ACTION / 4 + 1] = hints.actionLength;
  } else {
    b = put(m8, m32, h + A.R_ACTION / 4, base, b, action);
  }
  if (f.resourceAt !== 0) {
    // The resource's bytes are kept in Wasm memory (checked-texts.ts; offsets wrap modulo 2^32).
    m32[h + A.R_RESOURCE / 4] = (f.resourceAt - base) >>> 0;
    m32[h + A.R_RESOURCE / 4 + 1] = f.resource.length;
  } else {
    b = put(m8, m32, h + A.R_RESOURCE / 4, base, b, f.resource);
  }
  if (resourceAccount === p.account) {
    // The usual same-account request: point at the principal's account bytes.
    m32[h + A.R_RESOURCE_ACCOUNT / 4] = m32[h + A.R_PRINCIPAL_ACCOUNT / 4];
    m32[h + A.R_RESOURCE_ACCOUNT / 4 + 1] = m32[h + A.R_PRINCIPAL_ACCOUNT / 4 + 1];
  } else {
    b = put(m8, m32, h + A.R_RESOURCE_ACCOUNT / 4, base, b, resourceAccount);
  }
  // The context entries, their value refs and their values' bytes.
  const ids = f.ids;
  const values = f.values;
  let entries = 0;
  m32[h + A.R_CTX_OFFSET / 4] = (w - h) * 4;
  for (let i = 0, r = refs; i < f.count; i++) {
    const id = ids[i];
    if (needed !== undefined && !(id < 31 ? (mask >>> id) & 1 : high && has(needed, id))) continue;
    const v = values[i];
    m32[w + A.X_KEY / 4] = id;
    m32[w + A.X_VALUES / 4] = (r - h) * 4;
    if (typeof v === "string") {
      m32[w + A.X_FLAGS / 4] = 0;
      m32[w + A.X_COUNT / 4] = 1;
      b = put(m8, m32, r, base, b, v);
      r += 2;
    } else {
      m32[w + A.X_FLAGS / 4] = A.XF_MULTI;
      m32[w + A.X_COUNT / 4] = v.length;
      for (const item of v) {
        b = put(m8, m32, r, base, b, item);
        r += 2;
      }
    }
    w += A.CTX_SIZE / 4;
    entries++;
  }
  m32[h + A.R_CTX_COUNT / 4] = entries;
  return b;
}

/**
 * The most bytes `writeRequest` writes for `f` with policy-set words `set` (none when `hints`
 * has them kept in Wasm memory: `set` is then not touched, a cache miss less per request): the
 * header, the principal, the words, the context entries and refs, three UTF-8 bytes per code unit.
 */
export function requestBytes(f: RequestFields, set: Uint32Array, hints?: RequestHints): number {
  const words = (hints !== undefined && hints.wordsAt !== 0 ? 0 : set.length) + f.count * (A.CTX_SIZE / 4) + f.valueCount * 2;
  return A.REQUEST_HEADER_SIZE + f.p.bytes.length + 3 + words * 4 + 3 * f.chars;
}

/** Whether ascending `ids` holds `id`: a scan for the usual few, a binary search beyond. */
function has(ids: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = ids.length;
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] <= id) lo = mid;
    else hi = mid;
  }
  for (let i = lo; i < hi; i++) {
    const k = ids[i];
    if (k === id) return true;
    if (k > id) return false;
  }
  return false;
}

/** Writes `s` at byte `b` and its (offset, length) pair at word `word`; returns the next byte. */
function put(m8: Uint8Array, m32: Uint32Array, word: number, base: number, b: number, s: string): number {
  const n = s.length === 0 ? 0 : writeUtf8(m8, b, s);
  m32[word] = b - base;
  m32[word + 1] = n;
  return b + n;
}
