/**
 * @module engine/set-cache
 * Links plain policy sets behind `authorize` / `authorizeBatch` (issue 17), so that the README's
 * way of calling is the fast one: a set passed again (the same compiled policies in the same
 * places, in a new or the same object) is decided through the bundle linked for it, with the
 * bundle's per-action statement selection, as if the caller had called `engine.link`.
 *
 * A single decision on a set seen for the first time is not linked: linking (a copy of the set,
 * its words, a bundle, an entry) cost more than the decision itself, and pays only when the set
 * comes back. Its words are read straight from the caller's set and the set is counted; the next
 * call with the same members links it. A batch links at once (its requests share the cost).
 *
 * When the cache is full, a set seen again takes the place of an entry only if it was seen more
 * than twice as often as that entry was used (a frequency filter, as in TinyLFU): the oldest entry is
 * looked at, and every eighth refusal moves it to the back. So sets passed in turn, more than
 * the cache keeps, do not evict each other call after call: the cache keeps some of them linked
 * and the others are decided unlinked. Counts are halved every MAX_SEEN_SETS misses, so sets no
 * longer passed give way.
 *
 * Entries are found by the members themselves (a hash of their handles, then each member compared
 * by identity, slot by slot, in order), never by the caller's objects: a set array mutated between
 * calls is a different key, and the next decision follows the new set. The cache is emptied when
 * the engine's epoch moves (a policy disposed, or a trap that reloaded every image), so a disposed
 * member is never decided with and its image is not kept alive. Bounded in entries and in bytes
 * (docs/limits.md): the sets' words, a fixed cost per entry, and every entry's selections share one
 * byte budget; the counts of sets not linked are bounded by MAX_SEEN_SETS.
 */
import { PolicyBundle, clearSelections, type SelectionBudget } from "./bundle.ts";
import { CompiledPolicy, type PolicyOwner } from "./compiled-policy.ts";
import { MAX_LINKED_SETS, MAX_LINKED_SET_BYTES, MAX_SEEN_SETS } from "./limits.ts";
import { SeenCounts } from "./seen-counts.ts";
import { ARRAY_MARK, FlatWords, policySetFromFlat, policySetWords, readPolicySetFlat, type PolicySet } from "./policy-set.ts";

/** What an entry holds beyond its words and selections: the bundle, its copy of the set, the Map's slot (an estimate). */
const ENTRY_OVERHEAD = 256;

/** The largest words of a set not linked kept for reuse, by length (bigger ones are made per call). */
const MAX_REUSED_WORDS = 256;

/** Refusals between two moves of the oldest entry to the back (a power of two). */
const SECOND_CHANCE_EVERY = 8;

/** An entry's own bytes (its selections are counted in the budget as they are made). */
function entryBytes(bundle: PolicyBundle, members: number): number {
  return bundle.handles.byteLength + members * 8 + ENTRY_OVERHEAD;
}

interface Entry {
  readonly bundle: PolicyBundle;
  /** The set as read flat (policy-set.ts readPolicySetFlat): what a call's reading is compared with. */
  readonly flat: unknown[];
  readonly bytes: number;
  /** Calls that passed this set (halved with the counts of sets not linked). */
  uses: number;
}

export interface SetCacheStats {
  /** Sets linked implicitly and kept. */
  entries: number;
  /** Their words, entry costs and selections, against MAX_LINKED_SET_BYTES. */
  bytes: number;
  /** Sets decided without being linked whose calls are counted. */
  seen: number;
  /** Sets linked so far (one linked again after it was evicted counts again). */
  links: number;
}

export class SetCache {
  readonly #entries = new Map<number, Entry>();
  /** The current call's reading of the caller's set, reused from call to call (no copy on a hit). */
  readonly #flat: unknown[] = [];
  /** How many entries of `#flat` the current call read, and their key (set by `#find` on a miss). */
  #n = 0;
  #key = 0;
  /** Shared by the entries' selections and their own bytes. */
  readonly #budget: SelectionBudget = { used: 0, max: MAX_LINKED_SET_BYTES };
  /** The engine epoch the entries were linked in. */
  #epoch = -1;
  /**
   * The entry found or linked last: a set passed again is compared with it first, without
   * hashing its members or probing the Map (the usual case: one set, call after call).
   */
  #last: Entry | undefined;
  /** Calls on each set decided without being linked, by key. */
  readonly #seen = new SeenCounts();
  /** Misses since the counts were last halved. */
  #misses = 0;
  #links = 0;
  #refusals = 0;
  /** Reads the words of sets not linked. */
  readonly #reader = new FlatWords();
  /** Their words, one array per length, reused from call to call (the caller copies them before the next). */
  readonly #wordsByLength: Uint32Array[] = [];
  /**
   * Whether the last call decides without a per-action selection: a set linked by that call,
   * whose selections pay only over the calls that find it again, or one not linked.
   */
  linkedNow = false;

  /**
   * The bundle for the caller's `set`, read once here: the one linked when these members were
   * last passed, or a new one. A set that does not check throws as `policySetWords` does.
   * For a batch and `explain`.
   */
  bundleFor(set: unknown, owner: PolicyOwner, epoch: number): PolicyBundle {
    const found = this.#find(set, epoch);
    if (found !== undefined) {
      found.uses++;
      this.linkedNow = false;
      return found.bundle;
    }
    const seen = this.#seen.get(this.#key);
    this.#seen.delete(this.#key);
    this.linkedNow = true;
    return this.#link(owner, epoch, seen + 1);
  }

  /**
   * For one decision: the bundle linked for the caller's `set`, or the set's words when it is not
   * linked (its first call, or the cache keeps sets used more often), with the selections of its
   * members that select cheaply for the request's `action` (policy-set.ts FlatWords). Checks as `bundleFor`. The
   * words are valid until the next call (the array is reused): copy them, and never keep them
   * as an earlier request's words (request.ts ScratchMemo).
   */
  wordsOrBundle(set: unknown, owner: PolicyOwner, epoch: number, action: string): PolicyBundle | Uint32Array {
    const found = this.#find(set, epoch);
    if (found !== undefined) {
      found.uses++;
      this.linkedNow = false;
      return found.bundle;
    }
    this.linkedNow = true;
    const key = this.#key;
    const seen = this.#seen.get(key);
    if (seen > 0 && this.#admits(seen + 1)) {
      this.#seen.delete(key);
      return this.#link(owner, epoch, seen + 1);
    }
    const flat = this.#flat;
    let count: number;
    try {
      count = this.#reader.read(flat, this.#n, owner, action); // checks every member
    } finally {
      flat.fill(undefined); // keeps nothing of the caller's beyond the call
    }
    this.#count(key, seen + 1);
    return this.#words(count);
  }

  /**
   * The reader's `count` words in an array of their length: the one kept for that length (a
   * typed array made per call was a third of the call's cost, in allocation and GC), or a new one
   * beyond MAX_REUSED_WORDS. The caller copies it before the next call.
   */
  #words(count: number): Uint32Array {
    let words = count <= MAX_REUSED_WORDS ? this.#wordsByLength[count] : undefined;
    if (words === undefined) {
      words = new Uint32Array(count);
      if (count <= MAX_REUSED_WORDS) this.#wordsByLength[count] = words;
    }
    const out = this.#reader.out;
    for (let i = 0; i < count; i++) words[i] = out[i];
    return words;
  }

  /** Reads the caller's set into `#flat` and finds its entry; on a miss, `#n` and `#key` describe the reading. */
  #find(set: unknown, epoch: number): Entry | undefined {
    if (epoch !== this.#epoch) {
      this.clear();
      this.#epoch = epoch;
    }
    const flat = this.#flat;
    const n = readPolicySetFlat(set, flat);
    this.#n = n;
    const last = this.#last;
    if (last !== undefined && sameFlat(last.flat, flat, n)) return last;
    const key = keyOf(flat, n);
    this.#key = key;
    const found = this.#entries.get(key);
    if (found !== undefined && sameFlat(found.flat, flat, n)) {
      this.#last = found;
      return found;
    }
    return undefined;
  }

  /** Links the set the last `#find` read and keeps it when it fits; `uses` counts this call. */
  #link(owner: PolicyOwner, epoch: number, uses: number): PolicyBundle {
    const flat = this.#flat;
    const read = flat.slice(0, this.#n);
    flat.fill(undefined); // keeps nothing of the caller's beyond the call
    const copy = policySetFromFlat(read);
    const words = policySetWords(copy, owner); // checks every member
    const bundle = new PolicyBundle(owner, copy, words, epoch, this.#budget);
    this.#links++;
    this.#add(this.#key, { bundle, flat: read, bytes: entryBytes(bundle, memberCount(copy)), uses });
    return bundle;
  }

  /**
   * Whether a set passed for the `uses`-th time gets a place: there is room, or the oldest entry
   * (the next to be evicted) was used less than half as often. Every SECOND_CHANCE_EVERY-th
   * refusal moves that entry to the back (a second chance: a set in use does not keep others out
   * for good); moving it on every refusal cost a Map delete and insert per call.
   */
  #admits(uses: number): boolean {
    const entries = this.#entries;
    if (entries.size < MAX_LINKED_SETS) return true;
    const oldest = entries.entries().next();
    if (oldest.done) return true;
    const [key, entry] = oldest.value;
    // Twice as often, not merely more: sets passed in turn are seen about as often as the
    // entries are used, and a bare "more" let the order of calls within a turn swap them.
    if (entry.uses * 2 < uses) return true;
    if ((++this.#refusals & (SECOND_CHANCE_EVERY - 1)) === 0) {
      entries.delete(key);
      entries.set(key, entry);
    }
    return false;
  }

  /** Counts a call on a set not linked; every MAX_SEEN_SETS misses, halves every count. */
  #count(key: number, uses: number): void {
    if (++this.#misses >= MAX_SEEN_SETS) this.#age();
    this.#seen.set(key, uses);
  }

  /** Halves the counts of sets not linked and the entries' uses, so that sets no longer passed give way. */
  #age(): void {
    this.#misses = 0;
    this.#seen.halve();
    for (const entry of this.#entries.values()) entry.uses >>>= 1;
  }

  /** Keeps `entry` under `key` when it fits, evicting the oldest entries first. */
  #add(key: number, entry: Entry): void {
    this.#remove(key); // a colliding set, or one whose entry went stale
    const bytes = entry.bytes;
    if (bytes > this.#budget.max) return; // a set this large is decided unlinked, every call
    while (this.#entries.size >= MAX_LINKED_SETS || this.#budget.used + bytes > this.#budget.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
    }
    this.#entries.set(key, entry);
    this.#budget.used += bytes;
    this.#last = entry;
  }

  #remove(key: number): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    clearSelections(entry.bundle);
    if (entry === this.#last) this.#last = undefined;
    this.#budget.used -= entry.bytes;
    this.#entries.delete(key);
  }

  clear(): void {
    for (const entry of this.#entries.values()) clearSelections(entry.bundle);
    this.#last = undefined;
    this.#entries.clear();
    this.#seen.clear();
    this.#misses = 0;
    this.#budget.used = 0;
  }

  get stats(): SetCacheStats {
    return { entries: this.#entries.size, bytes: this.#budget.used, seen: this.#seen.size, links: this.#links };
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
