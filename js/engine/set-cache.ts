/**
 * @module engine/set-cache
 * Links plain policy sets behind `authorize` / `authorizeBatch` (issue 17), so that the README's
 * way of calling is the fast one: a set passed again (the same compiled policies in the same
 * places, in a new or the same object) is decided through the bundle linked on its first call,
 * with the bundle's per-action statement selection, as if the caller had called `engine.link`.
 *
 * Entries are found by the members themselves (a hash of their handles, then each member compared
 * by identity, slot by slot, in order), never by the caller's objects: a set array mutated between
 * calls is a different key, and the next decision follows the new set. The cache is emptied when
 * the engine's epoch moves (a policy disposed, or a trap that reloaded every image), so a disposed
 * member is never decided with and its image is not kept alive. Bounded in entries and in bytes
 * (docs/limits.md): the sets' words, a fixed cost per entry, and every entry's selections share one
 * byte budget.
 */
import { PolicyBundle, clearSelections, type SelectionBudget } from "./bundle.ts";
import { CompiledPolicy, type PolicyOwner } from "./compiled-policy.ts";
import { MAX_LINKED_SETS, MAX_LINKED_SET_BYTES } from "./limits.ts";
import { ARRAY_MARK, policySetFromFlat, policySetWords, readPolicySetFlat, type PolicySet } from "./policy-set.ts";

/** What an entry holds beyond its words and selections: the bundle, its copy of the set, the Map's slot (an estimate). */
const ENTRY_OVERHEAD = 256;

/** An entry's own bytes (its selections are counted in the budget as they are made). */
function entryBytes(bundle: PolicyBundle, members: number): number {
  return bundle.handles.byteLength + members * 8 + ENTRY_OVERHEAD;
}

export interface SetCacheStats {
  /** Sets linked implicitly and kept. */
  entries: number;
  /** Their words, entry costs and selections, against MAX_LINKED_SET_BYTES. */
  bytes: number;
}

export class SetCache {
  readonly #entries = new Map<number, PolicyBundle>();
  /** Each entry's set as read flat (policy-set.ts readPolicySetFlat), by key: what a call's reading is compared with. */
  readonly #flats = new Map<number, unknown[]>();
  /** The current call's reading of the caller's set, reused from call to call (no copy on a hit). */
  readonly #flat: unknown[] = [];
  /** Each entry's own bytes, by key. */
  readonly #sizes = new Map<number, number>();
  /** Shared by the entries' selections and their own bytes. */
  readonly #budget: SelectionBudget = { used: 0, max: MAX_LINKED_SET_BYTES };
  /** The engine epoch the entries were linked in. */
  #epoch = -1;
  /**
   * The entry found or linked last, and its key: a set passed again is compared with it first,
   * without hashing its members or probing the Map (the usual case: one set, call after call).
   */
  #lastKey = -1;
  #last: PolicyBundle | undefined;
  #lastFlat: unknown[] = [];
  /**
   * Whether the last `bundleFor` linked a new set: a single call on it then decides without a
   * per-action selection, whose cost pays only over the calls that find the set again.
   */
  linkedNow = false;

  /**
   * The bundle for the caller's `set`, read once here: the one linked when these members were
   * last passed, or a new one. A set that does not check throws as `policySetWords` does.
   */
  bundleFor(set: unknown, owner: PolicyOwner, epoch: number): PolicyBundle {
    if (epoch !== this.#epoch) {
      this.clear();
      this.#epoch = epoch;
    }
    const flat = this.#flat;
    const n = readPolicySetFlat(set, flat);
    const last = this.#last;
    if (last !== undefined && sameFlat(this.#lastFlat, flat, n)) {
      this.linkedNow = false;
      return last;
    }
    const key = keyOf(flat, n);
    const found = this.#entries.get(key);
    if (found !== undefined && sameFlat(this.#flats.get(key)!, flat, n)) {
      this.linkedNow = false;
      this.#remember(key, found, this.#flats.get(key)!);
      return found;
    }
    const read = flat.slice(0, n);
    flat.fill(undefined); // keeps nothing of the caller's beyond the call
    const copy = policySetFromFlat(read);
    const words = policySetWords(copy, owner); // checks every member
    const bundle = new PolicyBundle(owner, copy, words, epoch, this.#budget);
    this.#add(key, bundle, read, memberCount(copy));
    this.linkedNow = true;
    return bundle;
  }

  /** Keeps `bundle` under `key` when it fits, evicting the oldest entries first. */
  #add(key: number, bundle: PolicyBundle, flat: unknown[], members: number): void {
    this.#remove(key); // a colliding set, or one whose entry went stale
    const bytes = entryBytes(bundle, members);
    if (bytes > this.#budget.max) return; // a set this large is decided unlinked, every call
    while (this.#entries.size >= MAX_LINKED_SETS || this.#budget.used + bytes > this.#budget.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
    }
    this.#entries.set(key, bundle);
    this.#flats.set(key, flat);
    this.#sizes.set(key, bytes);
    this.#budget.used += bytes;
    this.#remember(key, bundle, flat);
  }

  #remember(key: number, bundle: PolicyBundle | undefined, flat: unknown[]): void {
    this.#lastKey = key;
    this.#last = bundle;
    this.#lastFlat = flat;
  }

  #remove(key: number): void {
    const bundle = this.#entries.get(key);
    if (bundle === undefined) return;
    clearSelections(bundle);
    if (key === this.#lastKey) this.#remember(-1, undefined, []);
    this.#budget.used -= this.#sizes.get(key) ?? 0;
    this.#entries.delete(key);
    this.#flats.delete(key);
    this.#sizes.delete(key);
  }

  clear(): void {
    for (const bundle of this.#entries.values()) clearSelections(bundle);
    this.#remember(-1, undefined, []);
    this.#entries.clear();
    this.#flats.clear();
    this.#sizes.clear();
    this.#budget.used = 0;
  }

  get stats(): SetCacheStats {
    return { entries: this.#entries.size, bytes: this.#budget.used };
  }
}

/** FNV-1a over 32-bit words, kept to 31 bits. */
function mix(h: number, word: number): number {
  return Math.imul(h ^ word, 0x01000193) >>> 0;
}

/** A member's handle, or a mark for anything that is not a compiled policy (the check refuses it on a miss). */
function idOf(p: unknown): number {
  if (p === undefined || p === null) return p === null ? 0x7fff0001 : 0;
  return p instanceof CompiledPolicy ? p.handle : 0xffffffff;
}

/** The hash of the first `n` entries of a flat reading: its members' handles, its arrays' marks and lengths. */
function keyOf(flat: readonly unknown[], n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) {
    const v = flat[i];
    if (v === ARRAY_MARK) {
      h = mix(h, 0x7fff0002 + (flat[++i] as number));
    } else {
      h = mix(h, idOf(v));
    }
  }
  return h & 0x7fffffff;
}

/** Whether entry `a` and the first `n` entries of reading `b` are the same set: every member the same object, every array as long. */
function sameFlat(a: readonly unknown[], b: readonly unknown[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function memberCount(s: PolicySet): number {
  let n = (s.identity?.length ?? 0) + (s.session?.length ?? 0) + (s.boundary ? 1 : 0) + (s.resource ? 1 : 0);
  for (const level of s.scp ?? []) n += level.length;
  for (const level of s.rcp ?? []) n += level.length;
  return n;
}
