/**
 * @module edge/service/state-store
 * An account's state in its Durable Object's SQLite: the snapshot rows of js/iam/snapshot.ts
 * (one row per entity, so a change rewrites only the entities it touched) and a few settings
 * (`meta`: the version stamp, the root key the environment gave). Reads happen once, when the
 * object starts; writes go in the caller's transaction, with the audit records of the same call.
 */
import type { SqlStorage } from "./sql.ts";

export class StateStore {
  readonly #storage: SqlStorage;

  constructor(storage: SqlStorage) {
    this.#storage = storage;
    storage.sql.exec("CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
    storage.sql.exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  }

  /** Every state row (empty for an account never started). */
  rows(): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.#storage.sql.exec<{ key: string; value: string }>("SELECT key, value FROM state")) out.set(r.key, r.value);
    return out;
  }

  /** Writes changed rows and deletes removed ones (call inside a transaction). */
  write(put: readonly [string, string][], remove: readonly string[]): void {
    const sql = this.#storage.sql;
    for (const [key, value] of put) sql.exec("INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
    for (const key of remove) sql.exec("DELETE FROM state WHERE key = ?", key);
  }

  meta(key: string): string | undefined {
    return this.#storage.sql.exec<{ value: string }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value;
  }

  setMeta(key: string, value: string): void {
    this.#storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
  }
}
