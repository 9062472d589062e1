/**
 * @module iam/snapshot
 * A complete copy of an account's state, as rows of JSON text, and its restoration: everything
 * the store holds (entities, access keys with their secrets, MFA devices with their seeds and
 * last used time step, login profiles' password hashes, the password policy, OIDC providers and
 * their keys, the STS session key, live sessions and revocation cut-offs). GAAD export is for
 * people and leaves most of that out; this is for storage (the edge service keeps one row per
 * entity in a Durable Object's SQLite) and for handing an account to another isolate.
 *
 * Rows, so a change rewrites only what changed: each entry of a Map field of the store is one
 * row keyed `["field","key"]`; every other field is one row keyed `["field"]`. Values are JSON
 * with the few non-JSON types tagged (`{"$map":[[k,v],...]}`, `{"$set":[...]}`,
 * `{"$bytes":"<base64>"}`; a plain key starting with `$` gets one more `$`). The encoding walks the
 * store generically, so a field added to the store later is copied without a change here; a
 * value of a class it does not know (not a plain object) is refused with its path rather than
 * copied wrong.
 */
import type { AccountState as Account } from "./account-state.ts";
import { IamError } from "./errors.ts";

/** Bumped when the row format changes incompatibly. */
export const SNAPSHOT_FORMAT = 1;

/** The whole state: the account it belongs to and its rows (row key to JSON text). */
export interface AccountSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  accountId: string;
  rows: [key: string, value: string][];
}

/** Row key of a Map entry (`["users","alice"]`) or of a whole field (`["passwordPolicy"]`). */
export function rowKey(field: string, mapKey?: string): string {
  return JSON.stringify(mapKey === undefined ? [field] : [field, mapKey]);
}

function parseRowKey(key: string): [string, string?] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(key);
  } catch {
    parsed = undefined;
  }
  const ok = Array.isArray(parsed) && (parsed.length === 1 || parsed.length === 2) && parsed.every((p) => typeof p === "string");
  if (!ok) throw new IamError("ValidationError", `snapshot row key \`${key.slice(0, 80)}\` is not ["field"] or ["field","key"]`);
  return parsed as [string, string?];
}

// ---------------------------------------------------------------------------------------------
// Values

function toBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A store value as JSON-safe data (see the module doc for the tags). */
export function encodeValue(value: unknown, path = "store"): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`snapshot: ${path} is ${value}, which JSON cannot hold`);
    return value;
  }
  if (typeof value !== "object") throw new TypeError(`snapshot: ${path} is a ${typeof value}`);
  if (Array.isArray(value)) return value.map((v, i) => encodeValue(v, `${path}[${i}]`));
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [encodeValue(k, `${path} key`), encodeValue(v, `${path}.${String(k)}`)]) };
  if (value instanceof Set) return { $set: [...value].map((v, i) => encodeValue(v, `${path}[${i}]`)) };
  if (!isPlainObject(value)) throw new TypeError(`snapshot: ${path} is a ${value.constructor?.name ?? "class instance"}, not plain data`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    out[k.startsWith("$") ? `$${k}` : k] = encodeValue(v, `${path}.${k}`);
  }
  return out;
}

/** The inverse of encodeValue. */
export function decodeValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decodeValue);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    if (keys[0] === "$bytes" && typeof o.$bytes === "string") return fromBase64(o.$bytes);
    if (keys[0] === "$map" && Array.isArray(o.$map)) return new Map((o.$map as [unknown, unknown][]).map(([k, v]) => [decodeValue(k), decodeValue(v)]));
    if (keys[0] === "$set" && Array.isArray(o.$set)) return new Set((o.$set as unknown[]).map(decodeValue));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k.startsWith("$") ? k.slice(1) : k] = decodeValue(v);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rows

/**
 * The account's state as rows (row key to JSON text), in a stable order: the same state gives
 * the same rows, so comparing two of them finds what a change touched.
 * @example
 * const rows = snapshotRows(account); // Map { '["accountId"]' => '"111122223333"', '["users","alice"]' => '{...}', ... }
 */
export function snapshotRows(account: Account): Map<string, string> {
  const rows = new Map<string, string>();
  const store = account.store as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(store)) {
    if (value === undefined) continue;
    if (value instanceof Map) {
      for (const [k, v] of value) {
        if (typeof k !== "string") throw new TypeError(`snapshot: store.${field} has a ${typeof k} key`);
        rows.set(rowKey(field, k), JSON.stringify(encodeValue(v, `store.${field}.${k}`)));
      }
    } else {
      rows.set(rowKey(field), JSON.stringify(encodeValue(value, `store.${field}`)));
    }
  }
  return rows;
}

/**
 * Replaces the account's state with the rows' (every Map of the store emptied then refilled,
 * every other field set, or removed when it has no row), then marks the account changed so
 * compiled policies and resolutions cached before are dropped.
 * @throws IamError ValidationError when the rows belong to another account, lack the STS session
 * key, or are not rows of this format
 */
export function restoreRows(account: Account, rows: Iterable<[string, string]>): void {
  const fields = new Map<string, unknown>();
  const entries = new Map<string, [string, unknown][]>();
  for (const [key, text] of rows) {
    const [field, mapKey] = parseRowKey(key);
    let value: unknown;
    try {
      value = decodeValue(JSON.parse(text));
    } catch {
      throw new IamError("ValidationError", `snapshot row ${key.slice(0, 80)} is not JSON`);
    }
    if (mapKey === undefined) fields.set(field, value);
    else {
      let list = entries.get(field);
      if (!list) entries.set(field, (list = []));
      list.push([mapKey, value]);
    }
  }
  if (fields.get("accountId") !== account.accountId) {
    throw new IamError("ValidationError", `snapshot of account ${String(fields.get("accountId"))} cannot be restored into account ${account.accountId}`);
  }
  if (!(fields.get("sessionKey") instanceof Uint8Array)) throw new IamError("ValidationError", "snapshot has no STS session key");
  const store = account.store as unknown as Record<string, unknown>;
  for (const field of Object.keys(store)) {
    if (store[field] instanceof Map) (store[field] as Map<string, unknown>).clear();
    else if (!fields.has(field)) delete store[field];
  }
  for (const [field, value] of fields) store[field] = value;
  for (const [field, list] of entries) {
    let map = store[field];
    if (!(map instanceof Map)) store[field] = map = new Map();
    for (const [k, v] of list) (map as Map<string, unknown>).set(k, v);
  }
  account.touch();
}

/**
 * Applies what changed (rows of diffRows) to an account restored from the same rows before: the
 * rows written replace their map entry or field, the keys removed delete theirs; the other
 * entities are left as they are (so compiled policies whose documents did not change stay
 * cached). Then marks the account changed.
 */
export function applyRowChanges(account: Account, put: readonly [string, string][], remove: readonly string[]): void {
  const store = account.store as unknown as Record<string, unknown>;
  const decoded = put.map(([key, text]) => {
    const [field, mapKey] = parseRowKey(key);
    try {
      return { field, mapKey, value: decodeValue(JSON.parse(text)) };
    } catch {
      throw new IamError("ValidationError", `snapshot row ${key.slice(0, 80)} is not JSON`);
    }
  });
  const removed = remove.map(parseRowKey);
  for (const d of decoded) {
    if (d.field === "accountId" && d.value !== account.accountId) throw new IamError("ValidationError", "snapshot rows of another account");
  }
  for (const [field, mapKey] of removed) {
    if (mapKey === undefined) delete store[field];
    else if (store[field] instanceof Map) (store[field] as Map<string, unknown>).delete(mapKey);
  }
  for (const { field, mapKey, value } of decoded) {
    if (mapKey === undefined) {
      store[field] = value;
      continue;
    }
    if (!(store[field] instanceof Map)) store[field] = new Map();
    (store[field] as Map<string, unknown>).set(mapKey, value);
  }
  account.touch();
}

/** The whole state as one JSON-safe value (for an RPC or a file). */
export function snapshotAccount(account: Account): AccountSnapshot {
  return { format: SNAPSHOT_FORMAT, accountId: account.accountId, rows: [...snapshotRows(account)] };
}

/** Restores what snapshotAccount took (see restoreRows). */
export function restoreAccount(account: Account, snapshot: AccountSnapshot): void {
  if (snapshot?.format !== SNAPSHOT_FORMAT || !Array.isArray(snapshot.rows)) {
    throw new IamError("ValidationError", `snapshot format ${String(snapshot?.format)} is not ${SNAPSHOT_FORMAT}`);
  }
  restoreRows(account, snapshot.rows);
}

/** What changed between two row sets: rows to write (new or different) and keys to delete. */
export function diffRows(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): { put: [string, string][]; remove: string[] } {
  const put: [string, string][] = [];
  const remove: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) put.push([k, v]);
  for (const k of before.keys()) if (!after.has(k)) remove.push(k);
  return { put, remove };
}

