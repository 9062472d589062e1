/**
 * @module edge/service/audit-log
 * An account's audit trail in its Durable Object's SQLite: the CloudTrail records of its calls
 * (what LookupEvents reads) and the decision records of its denials (what the explain endpoint
 * reads), both keyed so the lookups AWS documents are index scans.
 *
 * LookupEvents ("LookupEvents", CloudTrail API Reference): one lookup attribute at most, a time
 * range, newest first, at most 50 per page, an opaque NextToken. The page cursor here is the
 * last row's (eventTime, seq), so pages stay stable while new events arrive.
 *
 * Retention: CloudTrail's event history keeps 90 days ("Working with CloudTrail event history");
 * so do we, and at most MAX_EVENTS events and MAX_DECISIONS denials per account (oldest out), so
 * one account's storage is bounded.
 */
import type { CloudTrailRecord } from "../../iam/audit.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import { auditIndexFields, type AuditLookup, type LookupAttributeKey } from "../cloudtrail-api/audit-store.ts";
import type { SqlStorage } from "./sql.ts";

export type { AuditLookup };

export const RETENTION_MS = 90 * 24 * 3600 * 1000;
export const MAX_EVENTS = 200_000;
export const MAX_DECISIONS = 50_000;
/** Pruning runs once per this many writes (it scans the oldest rows only). */
const PRUNE_EVERY = 512;

const ATTRIBUTE_SQL: Record<LookupAttributeKey, string> = {
  EventId: "e.event_id = ?",
  EventName: "e.event_name = ?",
  ReadOnly: "e.read_only = ?",
  Username: "e.username = ?",
  EventSource: "e.event_source = ?",
  AccessKeyId: "e.access_key_id = ?",
  ResourceType: "EXISTS (SELECT 1 FROM event_resources r WHERE r.seq = e.seq AND r.type = ?)",
  ResourceName: "EXISTS (SELECT 1 FROM event_resources r WHERE r.seq = e.seq AND r.name = ?)",
};

/** The page cursor: the last row's event time and sequence number. */
export function encodeCursor(eventTime: number, seq: number): string {
  return btoa(`${eventTime}.${seq}`);
}

export function decodeCursor(cursor: string): [number, number] | undefined {
  let text: string;
  try {
    text = atob(cursor);
  } catch {
    return undefined;
  }
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export class InvalidCursorError extends Error {
  readonly code = "InvalidNextTokenException";
}

export class AuditLog {
  readonly #storage: SqlStorage;
  #writes = 0;

  constructor(storage: SqlStorage) {
    this.#storage = storage;
    const sql = storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, event_time INTEGER NOT NULL,
      event_name TEXT NOT NULL, event_source TEXT NOT NULL, read_only TEXT NOT NULL, username TEXT,
      access_key_id TEXT, request_id TEXT, record TEXT NOT NULL)`);
    sql.exec("CREATE INDEX IF NOT EXISTS events_time ON events (event_time, seq)");
    sql.exec("CREATE INDEX IF NOT EXISTS events_name ON events (event_name, event_time)");
    sql.exec("CREATE INDEX IF NOT EXISTS events_user ON events (username, event_time)");
    sql.exec("CREATE INDEX IF NOT EXISTS events_key ON events (access_key_id, event_time)");
    sql.exec("CREATE INDEX IF NOT EXISTS events_request ON events (request_id)");
    sql.exec("CREATE TABLE IF NOT EXISTS event_resources (seq INTEGER NOT NULL, type TEXT, name TEXT)");
    sql.exec("CREATE INDEX IF NOT EXISTS event_resources_name ON event_resources (name, seq)");
    sql.exec("CREATE INDEX IF NOT EXISTS event_resources_type ON event_resources (type, seq)");
    sql.exec("CREATE INDEX IF NOT EXISTS event_resources_seq ON event_resources (seq)");
    sql.exec("CREATE TABLE IF NOT EXISTS decisions (request_id TEXT PRIMARY KEY, time INTEGER NOT NULL, record TEXT NOT NULL)");
    sql.exec("CREATE INDEX IF NOT EXISTS decisions_time ON decisions (time)");
  }

  /** Appends records (call inside the caller's transaction). A record already stored (same eventID) is not stored twice. */
  append(records: readonly CloudTrailRecord[], now: number): void {
    const sql = this.#storage.sql;
    for (const record of records) {
      const x = auditIndexFields(record);
      const cur = sql.exec<{ seq: number }>(
        `INSERT INTO events (event_id, event_time, event_name, event_source, read_only, username, access_key_id, request_id, record)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(event_id) DO NOTHING RETURNING seq`,
        x.eventId, x.eventTime, x.eventName, x.eventSource, x.readOnly, x.username ?? null, x.accessKeyId ?? null,
        record.requestID ?? null, JSON.stringify(record),
      ).toArray();
      if (!cur.length) continue;
      const n = Math.max(x.resourceTypes.length, x.resourceNames.length);
      for (let i = 0; i < n; i++) sql.exec("INSERT INTO event_resources (seq, type, name) VALUES (?, ?, ?)", cur[0].seq, x.resourceTypes[i] ?? null, x.resourceNames[i] ?? null);
    }
    this.#maybePrune(records.length, now);
  }

  /** Stores denials' decision records by request id (call inside the caller's transaction). */
  appendDecisions(records: readonly DecisionRecord[], now: number): void {
    for (const r of records) {
      this.#storage.sql.exec("INSERT INTO decisions (request_id, time, record) VALUES (?, ?, ?) ON CONFLICT(request_id) DO NOTHING", r.requestId, Date.parse(r.time) || now, JSON.stringify(r));
    }
    this.#maybePrune(records.length, now);
  }

  decision(requestId: string): DecisionRecord | undefined {
    const row = this.#storage.sql.exec<{ record: string }>("SELECT record FROM decisions WHERE request_id = ?", requestId).toArray()[0];
    return row ? (JSON.parse(row.record) as DecisionRecord) : undefined;
  }

  /** LookupEvents' query: newest first; `cursor` continues a previous page. */
  lookup(query: AuditLookup): { records: CloudTrailRecord[]; cursor?: string } {
    const where = ["e.event_time >= ?", "e.event_time <= ?"];
    const args: (string | number)[] = [query.startTime.getTime(), query.endTime.getTime()];
    if (query.attribute) {
      where.push(ATTRIBUTE_SQL[query.attribute.key]);
      args.push(query.attribute.value);
    }
    if (query.cursor !== undefined) {
      const at = decodeCursor(query.cursor);
      if (!at) throw new InvalidCursorError("Invalid NextToken");
      where.push("(e.event_time < ? OR (e.event_time = ? AND e.seq < ?))");
      args.push(at[0], at[0], at[1]);
    }
    const limit = Math.max(1, Math.min(50, Math.floor(query.limit)));
    const rows = this.#storage.sql.exec<{ seq: number; event_time: number; record: string }>(
      `SELECT e.seq, e.event_time, e.record FROM events e WHERE ${where.join(" AND ")} ORDER BY e.event_time DESC, e.seq DESC LIMIT ?`,
      ...args, limit + 1,
    ).toArray();
    const page = rows.slice(0, limit);
    const out: { records: CloudTrailRecord[]; cursor?: string } = { records: page.map((r) => JSON.parse(r.record) as CloudTrailRecord) };
    if (rows.length > limit) out.cursor = encodeCursor(page[page.length - 1].event_time, page[page.length - 1].seq);
    return out;
  }

  /** How many events are stored (tests and the load test's audit check). */
  count(filter?: { requestId?: string }): number {
    const sql = this.#storage.sql;
    if (filter?.requestId !== undefined) return sql.exec<{ n: number }>("SELECT count(*) AS n FROM events WHERE request_id = ?", filter.requestId).one().n;
    return sql.exec<{ n: number }>("SELECT count(*) AS n FROM events").one().n;
  }

  #maybePrune(added: number, now: number): void {
    this.#writes += added;
    if (this.#writes < PRUNE_EVERY) return;
    this.#writes = 0;
    const sql = this.#storage.sql;
    const cutoff = now - RETENTION_MS;
    sql.exec("DELETE FROM events WHERE event_time < ?", cutoff);
    sql.exec("DELETE FROM events WHERE seq <= (SELECT seq FROM events ORDER BY seq DESC LIMIT 1 OFFSET ?)", MAX_EVENTS);
    sql.exec("DELETE FROM event_resources WHERE seq < (SELECT coalesce(min(seq), 0) FROM events)");
    sql.exec("DELETE FROM decisions WHERE time < ?", cutoff);
    sql.exec("DELETE FROM decisions WHERE request_id IN (SELECT request_id FROM decisions ORDER BY time DESC LIMIT -1 OFFSET ?)", MAX_DECISIONS);
  }
}
