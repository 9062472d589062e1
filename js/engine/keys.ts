/**
 * @module engine/keys
 * The engine's table of condition-key names. Keys are case-insensitive ("IAM JSON policy
 * elements: Condition"), so each lowercased name gets one id shared by every image; requests
 * map their context keys through it and drop keys no policy mentions, except the keys the core
 * reads for service rules, which are interned first (assembly/abi.ts KEY_*).
 *
 * Compiled policies hold the ids they use, and give them back on dispose: a key no live policy
 * mentions leaves the table and its id is used again, so compiling and disposing policies with
 * ever new keys keeps the table (and the core's per-key arrays) at the most ever live at once
 * (issue 13.7).
 */
import { MAX_KEY_SPELLINGS } from "./limits.ts";

export class KeyTable {
  private readonly ids = new Map<string, number>();
  /** The spelling first seen for each id, for reporting missing context values ("" for a free id). */
  readonly names: string[] = [];
  /** By id, the lowercased name (the `ids` key). */
  private readonly lowers: string[] = [];
  /** By id, how many live policies hold it. */
  private readonly holders: number[] = [];
  /** Ids given back, to be used again. */
  private readonly free: number[] = [];
  /** Exact-spelling cache for request keys: most requests repeat the same spellings. */
  private readonly exact = new Map<string, number>();
  /**
   * The keys of recent requests by position in their context object, with their ids: requests
   * built by one piece of code list the same keys in the same order, so most lookups are one
   * string comparison (usually of the same interned string) instead of a Map probe.
   */
  private readonly recentKeys: string[] = [];
  private readonly recentIds: number[] = [];

  constructor() {
    this.id("kms:resourcealiases", "kms:ResourceAliases"); // KEY_KMS_RESOURCE_ALIASES = 0
    this.holders[0] = 1; // held for good: the core reads it for every request
  }

  /** The id of `lowerKey`, interning it (compile time only); `hold` it for the policy that uses it. */
  id(lowerKey: string, spelling = lowerKey): number {
    let id = this.ids.get(lowerKey);
    if (id === undefined) {
      id = this.free.pop() ?? this.names.length;
      this.ids.set(lowerKey, id);
      this.names[id] = spelling;
      this.lowers[id] = lowerKey;
      this.holders[id] = 0;
      this.forget(); // a key that was unknown may be known now
    }
    return id;
  }

  /** A compiled policy takes the ids it uses (each once). */
  hold(ids: Iterable<number>): void {
    for (const id of ids) this.holders[id]++;
  }

  /** A disposed policy gives its ids back; ids no policy holds any more leave the table. */
  release(ids: Iterable<number>): void {
    let freed = false;
    for (const id of ids) {
      if (--this.holders[id] > 0) continue;
      this.ids.delete(this.lowers[id]);
      this.names[id] = this.lowers[id] = "";
      this.free.push(id);
      freed = true;
    }
    if (!freed) return;
    this.forget();
    // Free ids at the end shorten the table (the core's arrays stay at their longest).
    const before = this.names.length;
    while (this.names.length > 1 && this.holders[this.names.length - 1] === 0 && this.names[this.names.length - 1] === "") {
      this.names.pop();
      this.lowers.pop();
      this.holders.pop();
    }
    if (this.names.length < before) {
      const n = this.names.length;
      let j = 0;
      for (const id of this.free) if (id < n) this.free[j++] = id;
      this.free.length = j;
    }
  }

  /** Drops the request-key caches: an id they remember may now name another key. */
  private forget(): void {
    this.exact.clear();
    this.recentKeys.length = 0;
  }

  /** The id of a request key in any case, or -1 when no compiled policy mentions it. */
  lookup(key: string): number {
    let id = this.exact.get(key);
    if (id !== undefined) return id;
    id = this.ids.get(key.toLowerCase()) ?? -1;
    if (this.exact.size >= MAX_KEY_SPELLINGS) this.exact.clear();
    this.exact.set(key, id);
    return id;
  }

  /** `lookup(key)` for the key at `position` of a request's context object. */
  lookupAt(position: number, key: string): number {
    if (this.recentKeys[position] === key) return this.recentIds[position];
    const id = this.lookup(key);
    if (position <= this.recentKeys.length && position < 64) {
      this.recentKeys[position] = key;
      this.recentIds[position] = id;
    }
    return id;
  }

  /** One more than the highest id: the core's per-key arrays are this long. */
  get size(): number {
    return this.names.length;
  }

  /** Keys live policies mention, and request spellings remembered: for tests of the bounds. */
  get stats(): { keys: number; ids: number; spellings: number } {
    return { keys: this.ids.size, ids: this.names.length, spellings: this.exact.size };
  }
}
