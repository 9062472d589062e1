/**
 * @module engine/keys
 * The engine's table of condition-key names. Keys are case-insensitive ("IAM JSON policy
 * elements: Condition"), so each lowercased name gets one id shared by every image; requests
 * map their context keys through it and drop keys no policy mentions, except the keys the core
 * reads for service rules, which are interned first (assembly/abi.ts KEY_*).
 */
export class KeyTable {
  private readonly ids = new Map<string, number>();
  /** The spelling first seen for each id, for reporting missing context values. */
  readonly names: string[] = [];
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
  }

  /** The id of `lowerKey`, interning it (compile time only). */
  id(lowerKey: string, spelling = lowerKey): number {
    let id = this.ids.get(lowerKey);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(lowerKey, id);
      this.names.push(spelling);
      this.exact.clear();
      this.recentKeys.length = 0; // a key that was unknown may be known now
    }
    return id;
  }

  /** The id of a request key in any case, or -1 when no compiled policy mentions it. */
  lookup(key: string): number {
    let id = this.exact.get(key);
    if (id !== undefined) return id;
    id = this.ids.get(key.toLowerCase()) ?? -1;
    if (this.exact.size > 4096) this.exact.clear();
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

  get size(): number {
    return this.names.length;
  }
}
