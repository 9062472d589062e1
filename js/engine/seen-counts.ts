/**
 * @module engine/seen-counts
 * How often each plain policy set was passed without being linked (set-cache.ts): a table of
 * MAX_SEEN_SETS slots in typed arrays, two-way associative by a set's 31-bit key. A Map of counts
 * cost a new key and, when full, a rehash per first call (about a fifth of it, in allocation and
 * GC); this table costs a few loads. It forgets: a key that collides with two others more used
 * takes the place of the less used, so a count can read lower than it was, which only delays
 * linking a set. It never reads higher than the calls made with some set of that key.
 */
import { MAX_SEEN_SETS } from "./limits.ts";

/** Counts saturate here (they only have to outgrow an entry's uses, which are halved too). */
const MAX_COUNT = 0xffff;

/**
 * The first slot of `key`'s pair. The key's low bits alone are a poor index (an FNV-1a hash's low
 * bits depend only on its words' low bits, and handles are aligned addresses): they are mixed
 * first (MurmurHash3's finalizer).
 */
export function pairOf(key: number): number {
  let h = key ^ (key >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h & (MAX_SEEN_SETS - 2);
}

export class SeenCounts {
  /** Each slot's key + 1 (0: empty), and its count. */
  readonly #keys = new Uint32Array(MAX_SEEN_SETS);
  readonly #counts = new Uint16Array(MAX_SEEN_SETS);

  /** The slot holding `key`, or -1. */
  #find(key: number): number {
    const i = pairOf(key);
    const k = key + 1;
    if (this.#keys[i] === k) return i;
    if (this.#keys[i + 1] === k) return i + 1;
    return -1;
  }

  /** How often `key` was counted (0 when never, or forgotten). */
  get(key: number): number {
    const i = this.#find(key);
    return i < 0 ? 0 : this.#counts[i];
  }

  /** Sets `key`'s count: in its slot, or an empty one of its pair, or in place of the less used of the pair. */
  set(key: number, count: number): void {
    let i = this.#find(key);
    if (i < 0) {
      i = pairOf(key);
      if (this.#counts[i] !== 0 && (this.#counts[i + 1] === 0 || this.#counts[i + 1] < this.#counts[i])) i++;
      this.#keys[i] = key + 1;
    }
    this.#counts[i] = Math.min(count, MAX_COUNT);
  }

  delete(key: number): void {
    const i = this.#find(key);
    if (i >= 0) {
      this.#keys[i] = 0;
      this.#counts[i] = 0;
    }
  }

  /** Halves every count; a slot whose count reaches 0 is empty again. */
  halve(): void {
    const keys = this.#keys;
    const counts = this.#counts;
    for (let i = 0; i < MAX_SEEN_SETS; i++) {
      const c = counts[i] >>> 1;
      counts[i] = c;
      if (c === 0) keys[i] = 0;
    }
  }

  clear(): void {
    this.#keys.fill(0);
    this.#counts.fill(0);
  }

  /** Keys counted now. */
  get size(): number {
    let n = 0;
    for (let i = 0; i < MAX_SEEN_SETS; i++) if (this.#counts[i] !== 0) n++;
    return n;
  }
}
