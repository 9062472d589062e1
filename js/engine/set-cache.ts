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
import { policySetWords, type PolicySet } from "./policy-set.ts";

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
  /** Each entry's own bytes, by key. */
  readonly #sizes = new Map<number, number>();
  /** Shared by the entries' selections and their own bytes. */
  readonly #budget: SelectionBudget = { used: 0, max: MAX_LINKED_SET_BYTES };
  /** The engine epoch the entries were linked in. */
  #epoch = -1;
  /**
   * Whether the last `bundleFor` linked a new set: a single call on it then decides without a
   * per-action selection, whose cost pays only over the calls that find the set again.
   */
  linkedNow = false;

  /**
   * The bundle for `set` (readPolicySet's copy): the one linked when these members were last
   * passed, or a new one. A set that does not check throws as `policySetWords` does.
   */
  bundleFor(set: PolicySet, owner: PolicyOwner, epoch: number): PolicyBundle {
    if (epoch !== this.#epoch) {
      this.clear();
      this.#epoch = epoch;
    }
    const key = keyOf(set);
    const found = this.#entries.get(key);
    if (found !== undefined && sameMembers(found.policies, set)) {
      this.linkedNow = false;
      return found;
    }
    const words = policySetWords(set, owner); // checks every member
    const bundle = new PolicyBundle(owner, set, words, epoch, this.#budget);
    this.#add(key, bundle, memberCount(set));
    this.linkedNow = true;
    return bundle;
  }

  /** Keeps `bundle` under `key` when it fits, evicting the oldest entries first. */
  #add(key: number, bundle: PolicyBundle, members: number): void {
    this.#remove(key); // a colliding set, or one whose entry went stale
    const bytes = entryBytes(bundle, members);
    if (bytes > this.#budget.max) return; // a set this large is decided unlinked, every call
    while (this.#entries.size >= MAX_LINKED_SETS || this.#budget.used + bytes > this.#budget.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
    }
    this.#entries.set(key, bundle);
    this.#sizes.set(key, bytes);
    this.#budget.used += bytes;
  }

  #remove(key: number): void {
    const bundle = this.#entries.get(key);
    if (bundle === undefined) return;
    clearSelections(bundle);
    this.#budget.used -= this.#sizes.get(key) ?? 0;
    this.#entries.delete(key);
    this.#sizes.delete(key);
  }

  clear(): void {
    for (const bundle of this.#entries.values()) clearSelections(bundle);
    this.#entries.clear();
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
  if (p === undefined || p === null) return 0;
  return p instanceof CompiledPolicy ? p.handle : 0xffffffff;
}

function mixList(h: number, list: unknown): number {
  if (!Array.isArray(list)) return mix(h, list === undefined || list === null ? 0x7fff0000 : 0x7fff0001);
  h = mix(h, 0x7fff0002 + list.length);
  for (let i = 0; i < list.length; i++) h = mix(h, idOf(list[i]));
  return h;
}

function mixLevels(h: number, levels: unknown): number {
  if (!Array.isArray(levels)) return mix(h, levels === undefined || levels === null ? 0x7fff0000 : 0x7fff0001);
  h = mix(h, 0x7fff0003 + levels.length);
  for (let i = 0; i < levels.length; i++) h = mixList(h, levels[i]);
  return h;
}

/** The hash of the set's shape and members' handles (readPolicySet's copy: plain arrays, read without getters). */
function keyOf(s: PolicySet): number {
  let h = 0x811c9dc5;
  h = mixList(h, s.identity);
  h = mix(h, idOf(s.boundary));
  h = mixList(h, s.session);
  h = mix(h, idOf(s.resource));
  h = mixLevels(h, s.scp);
  h = mixLevels(h, s.rcp);
  return h & 0x7fffffff;
}

function sameList(a: readonly unknown[] | undefined, b: unknown): boolean {
  const n = a === undefined ? 0 : a.length;
  if (!Array.isArray(b)) return n === 0 && (b === undefined || b === null) && a === undefined;
  if (a === undefined || b.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameLevels(a: readonly (readonly unknown[])[] | undefined, b: unknown): boolean {
  if (!Array.isArray(b)) return a === undefined && (b === undefined || b === null);
  if (a === undefined || b.length !== a.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameList(a[i], b[i])) return false;
  return true;
}

/** Whether `b` (a copy just read) has exactly the members of `a` (a cached, checked copy), slot by slot. */
function sameMembers(a: Readonly<PolicySet>, b: PolicySet): boolean {
  return sameList(a.identity, b.identity) && (a.boundary ?? null) === (b.boundary ?? null)
    && sameList(a.session, b.session) && (a.resource ?? null) === (b.resource ?? null)
    && sameLevels(a.scp, b.scp) && sameLevels(a.rcp, b.rcp);
}

function memberCount(s: PolicySet): number {
  let n = (s.identity?.length ?? 0) + (s.session?.length ?? 0) + (s.boundary ? 1 : 0) + (s.resource ? 1 : 0);
  for (const level of s.scp ?? []) n += level.length;
  for (const level of s.rcp ?? []) n += level.length;
  return n;
}
