/**
 * @module engine/policy-set
 * The policies that take part in one decision, checked and turned into the policy-set words
 * the core reads (docs/abi.md "Policy set"). A malformed set is a RequestError with the JSON
 * path of the offending member, never a decision over a partial set.
 */
import type { PolicyKind } from "../policy/types.ts";
import { CompiledPolicy, type PolicyOwner } from "./compiled-policy.ts";
import { RequestError } from "./errors.ts";
import { flattenHandles } from "./request.ts";
import { normalizeAction } from "./action-filter.ts";

/** The policies that take part in one decision; see the README for which kind goes where. */
export interface PolicySet {
  identity?: CompiledPolicy[];
  boundary?: CompiledPolicy;
  session?: CompiledPolicy[];
  /** The resource's policy, or the role's trust policy for `sts:AssumeRole*`. */
  resource?: CompiledPolicy;
  /** SCP levels from the root through OUs to the account; each level a list of policies. */
  scp?: CompiledPolicy[][];
  rcp?: CompiledPolicy[][];
}

/** Each slot's kinds, made once (not an array per member checked). */
const KINDS: Readonly<Record<"identity" | "boundary" | "session" | "resource" | "scp" | "rcp", readonly PolicyKind[]>> = {
  identity: ["identity"], boundary: ["boundary"], session: ["session"], resource: ["resource", "trust"], scp: ["scp"], rcp: ["rcp"],
};

/** `path`, then `/i` and `/j` when they are not -1: built only for an error. */
function pathOf(path: string, i: number, j: number): string {
  return i < 0 ? path : j < 0 ? `${path}/${i}` : `${path}/${i}/${j}`;
}

/** The handle of one member: checked to belong to `owner`, be live, and be of one of `kinds`. */
function handleOf(owner: PolicyOwner, p: unknown, kinds: readonly PolicyKind[], path: string, i = -1, j = -1): number {
  if (p === undefined || p === null) return 0;
  if (!(p instanceof CompiledPolicy) || p.engine !== owner) {
    throw new RequestError("INVALID_POLICY_SET", "expected a policy compiled by this engine", pathOf(path, i, j));
  }
  if (p.disposed) throw new RequestError("POLICY_DISPOSED", `policy \`${p.id}\` was disposed`, pathOf(path, i, j));
  if (!kinds.includes(p.kind)) throw new RequestError("WRONG_POLICY_KIND", `policy \`${p.id}\` is a ${p.kind} policy, expected ${kinds.join(" or ")}`, pathOf(path, i, j));
  return p.handle;
}

function handlesOf(owner: PolicyOwner, list: unknown, kinds: readonly PolicyKind[], path: string, level = -1): number[] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RequestError("INVALID_POLICY_SET", "expected an array of policies", pathOf(path, level, -1));
  return list.map((p, i) => (level < 0 ? handleOf(owner, p, kinds, path, i) : handleOf(owner, p, kinds, path, level, i)));
}

function levelsOf(owner: PolicyOwner, list: unknown, kinds: readonly PolicyKind[], path: string): number[][] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new RequestError("INVALID_POLICY_SET", "expected an array of levels, each an array of policies", path);
  return list.map((level, i) => handlesOf(owner, level, kinds, path, i));
}

const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const ObjectPrototype = Object.prototype;

/** `set[key]` when the set owns it, or inherits it from anything but Object.prototype. */
function slot(set: object, key: string): unknown {
  return hasOwn(set, key) || !(key in ObjectPrototype) ? (set as Record<string, unknown>)[key] : undefined;
}

/**
 * Whether Object.prototype has any slot name (the process is polluted): then each slot is read
 * only when the set owns it. Otherwise plain property reads, each at its own site: a loop over
 * the slot names made one megamorphic read of them, 15% of an unlinked W1 decision.
 */
function slotsPolluted(): boolean {
  return "identity" in ObjectPrototype || "boundary" in ObjectPrototype || "session" in ObjectPrototype
    || "resource" in ObjectPrototype || "scp" in ObjectPrototype || "rcp" in ObjectPrototype;
}

/** An array's items, each read once (its length too); anything else as is, for the checks to refuse. */
function items(list: unknown, depth: number): unknown {
  if (!isArray(list)) return list;
  const n = list.length;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) out[i] = depth > 1 ? items(list[i], depth - 1) : list[i];
  return out;
}

/**
 * The caller's policy set read once into a plain copy (issue 13: a getter must not answer the
 * check one thing and the encoder another; a slot added to Object.prototype is no member). The
 * copy is what everything else reads, and what a bundle keeps. Slots are read in the core's
 * order, each with its items before the next slot.
 */
export function readPolicySet(set: unknown): PolicySet {
  if (set === null || typeof set !== "object") throw new RequestError("INVALID_POLICY_SET", "the policy set must be an object");
  const s = set as Record<string, unknown>;
  const polluted = slotsPolluted();
  const identity = items(polluted ? slot(s, "identity") : s.identity, 1);
  const boundary = items(polluted ? slot(s, "boundary") : s.boundary, 1);
  const session = items(polluted ? slot(s, "session") : s.session, 1);
  const resource = items(polluted ? slot(s, "resource") : s.resource, 1);
  const scp = items(polluted ? slot(s, "scp") : s.scp, 2);
  const rcp = items(polluted ? slot(s, "rcp") : s.rcp, 2);
  return { identity, boundary, session, resource, scp, rcp } as PolicySet;
}

/** In a flat reading (readPolicySetFlat), marks an array: its length follows, then its items. */
export const ARRAY_MARK: object = Object.freeze({});

/**
 * Writes `v` into `flat` from `at`: as is, or, an array, as ARRAY_MARK, its length and its items
 * (each read once), to `depth` levels; returns the index after it. Written by index, not pushed:
 * emptying the array to push again would give back its store on every call.
 */
function putFlat(flat: unknown[], at: number, v: unknown, depth: number): number {
  if (!isArray(v)) {
    flat[at++] = v;
    return at;
  }
  const n = v.length;
  flat[at++] = ARRAY_MARK;
  flat[at++] = n;
  for (let i = 0; i < n; i++) {
    if (depth > 1) at = putFlat(flat, at, v[i], depth - 1);
    else flat[at++] = v[i];
  }
  return at;
}

/**
 * The caller's policy set read once, as readPolicySet reads it (the same reads in the same
 * order), into `flat` rather than a new copy; returns how many entries of `flat` it holds (the
 * rest is stale). The set cache compares it with its entries without allocating, and builds the
 * copy (policySetFromFlat) only on a miss. ARRAY_MARK is private, so two equal flat readings are
 * the same set.
 */
export function readPolicySetFlat(set: unknown, flat: unknown[]): number {
  if (set === null || typeof set !== "object") throw new RequestError("INVALID_POLICY_SET", "the policy set must be an object");
  const s = set as Record<string, unknown>;
  const polluted = slotsPolluted();
  let at = putFlat(flat, 0, polluted ? slot(s, "identity") : s.identity, 1);
  at = putFlat(flat, at, polluted ? slot(s, "boundary") : s.boundary, 1);
  at = putFlat(flat, at, polluted ? slot(s, "session") : s.session, 1);
  at = putFlat(flat, at, polluted ? slot(s, "resource") : s.resource, 1);
  at = putFlat(flat, at, polluted ? slot(s, "scp") : s.scp, 2);
  return putFlat(flat, at, polluted ? slot(s, "rcp") : s.rcp, 2);
}

/** The copy readPolicySet would have made, from a flat reading. */
export function policySetFromFlat(flat: readonly unknown[]): PolicySet {
  let at = 0;
  const next = (depth: number): unknown => {
    const v = flat[at++];
    if (v !== ARRAY_MARK) return v;
    const n = flat[at++] as number;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = depth > 1 ? next(depth - 1) : flat[at++];
    return out;
  };
  const identity = next(1);
  const boundary = next(1);
  const session = next(1);
  const resource = next(1);
  const scp = next(2);
  const rcp = next(2);
  return { identity, boundary, session, resource, scp, rcp } as PolicySet;
}

/** The policy-set words of `set` (a copy from readPolicySet), every statement of every policy selected. */
export function policySetWords(set: PolicySet, owner: PolicyOwner): Uint32Array {
  if (set === null || typeof set !== "object") throw new RequestError("INVALID_POLICY_SET", "the policy set must be an object");
  return flattenHandles({
    identity: handlesOf(owner, set.identity, KINDS.identity, "/identity"),
    boundary: handleOf(owner, set.boundary, KINDS.boundary, "/boundary"),
    session: handlesOf(owner, set.session, KINDS.session, "/session"),
    resource: handleOf(owner, set.resource, KINDS.resource, "/resource"),
    scp: levelsOf(owner, set.scp, KINDS.scp, "/scp"),
    rcp: levelsOf(owner, set.rcp, KINDS.rcp, "/rcp"),
  });
}

const NONE: readonly unknown[] = [];

/**
 * Reads `policySetWords(policySetFromFlat(flat))` straight from a flat reading, with the same
 * checks in the same order and the same errors, but without the copy, the handle lists and the
 * closures: the words of a set's first call, which is decided without linking it (set-cache.ts).
 * Every statement of every policy is selected, but for members that select cheaply (`read`). One per engine, reused from call to call (an
 * engine reads one set at a time: it refuses reentrant calls; another engine called from a
 * member's getter has its own).
 */
export class FlatWords {
  /** The words of the last `read`, valid up to the count it returned. */
  readonly out: number[] = [];
  #flat: readonly unknown[] = NONE;
  #owner: PolicyOwner | undefined;
  #at = 0;
  #w = 0;
  /** The request's action, and its normalized text once a member needed it. */
  #action = "";
  #text: string | undefined;
  /** The references given a selection (the word of their offset) and its positions, `#lists` of them. */
  readonly #slots: number[] = [];
  readonly #positions: (readonly number[])[] = [];
  #lists = 0;

  /**
   * Reads the first `n` entries of `flat`; returns how many words `out` holds. With the request's
   * `action`, a member whose statements are selected cheaply (a policy with many action patterns
   * remembers its selections: compiled-policy.ts `selectsCheaply`) gets the selection of the
   * statements that apply, as a linked set's would: the core then skips scanning its patterns.
   */
  read(flat: readonly unknown[], n: number, owner: PolicyOwner, action = ""): number {
    this.#flat = flat;
    this.#owner = owner;
    this.#at = 0;
    this.#w = 0;
    this.#action = action;
    this.#text = undefined;
    this.#lists = 0;
    try {
      this.#list(KINDS.identity, "/identity", -1);
      this.#one(KINDS.boundary, "/boundary");
      this.#list(KINDS.session, "/session", -1);
      this.#one(KINDS.resource, "/resource");
      this.#levels(KINDS.scp, "/scp");
      this.#levels(KINDS.rcp, "/rcp");
      if (this.#at !== n) throw new Error(`FlatWords read ${this.#at} entries of ${n}`);
      // Selections follow the references; their offsets count bytes from the set's start
      // (request.ts flattenHandles).
      for (let k = 0; k < this.#lists; k++) {
        const positions = this.#positions[k];
        this.out[this.#slots[k]] = this.#w * 4;
        this.out[this.#w++] = positions.length;
        for (let i = 0; i < positions.length; i++) this.out[this.#w++] = positions[i];
        this.#positions[k] = NONE as readonly number[];
      }
      return this.#w;
    } finally {
      this.#flat = NONE;
      this.#owner = undefined;
    }
  }

  /** Writes the reference of member `p` (its `handle`, 0 for none), with a selection when it selects cheaply. */
  #ref(p: unknown, handle: number): void {
    this.out[this.#w++] = handle;
    this.out[this.#w++] = 0;
    if (handle === 0 || this.#action === "") return;
    const policy = p as CompiledPolicy;
    if (!policy.selectsCheaply) return;
    const positions = policy.select(this.#text ??= normalizeAction(this.#action));
    if (positions.length === policy.statementCount) return; // all of them: no list
    this.#slots[this.#lists] = this.#w - 1;
    this.#positions[this.#lists++] = positions;
  }

  /** A member where one policy goes (boundary, resource): an array there is no policy. */
  #one(kinds: readonly PolicyKind[], path: string): void {
    const v = this.#flat[this.#at++];
    if (v === ARRAY_MARK) throw new RequestError("INVALID_POLICY_SET", "expected a policy compiled by this engine", path);
    this.#ref(v, handleOf(this.#owner!, v, kinds, path));
  }

  /** A list of policies (identity, session, one SCP or RCP level when `level` is not -1). */
  #list(kinds: readonly PolicyKind[], path: string, level: number): void {
    const v = this.#flat[this.#at++];
    if (v !== ARRAY_MARK) {
      if (v !== undefined && v !== null) throw new RequestError("INVALID_POLICY_SET", "expected an array of policies", pathOf(path, level, -1));
      this.out[this.#w++] = 0;
      return;
    }
    const count = this.#flat[this.#at++] as number;
    this.out[this.#w++] = count;
    for (let i = 0; i < count; i++) {
      const p = this.#flat[this.#at++];
      this.#ref(p, level < 0 ? handleOf(this.#owner!, p, kinds, path, i) : handleOf(this.#owner!, p, kinds, path, level, i));
    }
  }

  /** SCP or RCP levels: a list of lists. */
  #levels(kinds: readonly PolicyKind[], path: string): void {
    const v = this.#flat[this.#at++];
    if (v !== ARRAY_MARK) {
      if (v !== undefined && v !== null) throw new RequestError("INVALID_POLICY_SET", "expected an array of levels, each an array of policies", path);
      this.out[this.#w++] = 0;
      return;
    }
    const count = this.#flat[this.#at++] as number;
    this.out[this.#w++] = count;
    for (let i = 0; i < count; i++) this.#list(kinds, path, i);
  }
}

/** The set's policies in the core's order: identity, boundary, session, resource, SCP levels, RCP levels. */
export function policiesInOrder(p: PolicySet): CompiledPolicy[] {
  return [
    ...(p.identity ?? []), ...(p.boundary ? [p.boundary] : []), ...(p.session ?? []),
    ...(p.resource ? [p.resource] : []), ...(p.scp ?? []).flat(), ...(p.rcp ?? []).flat(),
  ];
}
