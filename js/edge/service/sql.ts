/**
 * @module edge/service/sql
 * The part of a Durable Object's SQLite API (`ctx.storage.sql`) this service uses, declared here
 * so the storage code type-checks without the Workers type package.
 */
export type SqlValue = string | number | null | ArrayBuffer;

export interface SqlCursor<T> extends Iterable<T> {
  toArray(): T[];
  one(): T;
  readonly rowsWritten: number;
}

export interface Sql {
  exec<T = Record<string, SqlValue>>(query: string, ...bindings: SqlValue[]): SqlCursor<T>;
}

/** `ctx.storage`: SQL, and synchronous transactions over it. */
export interface SqlStorage {
  sql: Sql;
  transactionSync<T>(fn: () => T): T;
}
