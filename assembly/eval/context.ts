/**
 * @module eval/context
 * Finds a request's context entry by key id in O(1). Key ids are the engine's interned,
 * lowercased condition-key names ("Condition": key names are case-insensitive), so a lookup
 * is an array index; a generation stamp avoids clearing the table between requests.
 */
import { CTX_SIZE, R_CTX_COUNT, R_CTX_OFFSET, X_KEY, X_COUNT, X_FLAGS, XF_MULTI, X_VALUES } from "../abi";
import { grow } from "../memory";

let capacity: u32 = 0;
let stamps: usize = 0; // u32 per key id: generation that last set it
let entries: usize = 0; // u32 per key id: absolute address of the entry
let generation: u32 = 0;
/** Absolute address of the request scratch, set per decision. */
export let base: usize = 0;

/** Makes room for key ids below `count`; called by the binding when it interns new keys. */
export function reserveKeys(count: u32): void {
  if (count <= capacity) return;
  let next = capacity == 0 ? <u32>64 : capacity;
  while (next < count) next <<= 1;
  stamps = grow(stamps, <usize>next << 2);
  entries = grow(entries, <usize>next << 2);
  memory.fill(stamps + (<usize>capacity << 2), 0, <usize>(next - capacity) << 2);
  capacity = next;
}

/** Indexes the context entries of the request at `scratch`. Unknown key ids are ignored. */
export function indexContext(scratch: usize): void {
  base = scratch;
  generation++;
  if (generation == 0) {
    // Wrapped: old stamps could alias, so clear them once every 2^32 requests.
    memory.fill(stamps, 0, <usize>capacity << 2);
    generation = 1;
  }
  // INVARIANT: the binding wrote a complete request header at `scratch`.
  const count = load<u32>(scratch + R_CTX_COUNT);
  let e = scratch + load<u32>(scratch + R_CTX_OFFSET);
  for (let i: u32 = 0; i < count; i++, e += CTX_SIZE) {
    const key = load<u32>(e + X_KEY);
    if (key < capacity) {
      // INVARIANT: key < capacity, and both tables hold `capacity` u32 slots.
      store<u32>(stamps + (<usize>key << 2), generation);
      store<u32>(entries + (<usize>key << 2), <u32>e);
    }
  }
}

/** The context entry for `key`, or 0 when the request does not carry the key. */
export function lookup(key: u32): usize {
  if (key >= capacity) return 0;
  // INVARIANT: key < capacity.
  if (load<u32>(stamps + (<usize>key << 2)) != generation) return 0;
  return <usize>load<u32>(entries + (<usize>key << 2));
}

/** Number of values of an entry (0 for an empty array: treated as a missing key). */
@inline export function valueCount(entry: usize): u32 {
  return load<u32>(entry + X_COUNT);
}

@inline export function isMulti(entry: usize): bool {
  return (load<u32>(entry + X_FLAGS) & XF_MULTI) != 0;
}

/** Absolute pointer of value `i` of an entry. */
@inline export function valuePtr(entry: usize, i: u32): usize {
  return base + load<u32>(base + load<u32>(entry + X_VALUES) + (i << 3));
}

@inline export function valueLen(entry: usize, i: u32): i32 {
  return <i32>load<u32>(base + load<u32>(entry + X_VALUES) + (i << 3) + 4);
}
