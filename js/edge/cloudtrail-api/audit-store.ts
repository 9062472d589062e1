/**
 * @module edge/cloudtrail-api/audit-store
 * Where LookupEvents reads the audit records: the `AuditStore` interface (the service backs it
 * with its durable storage), what each lookup attribute matches in a record
 * (`auditIndexFields`, the columns a store indexes), and `memoryAuditStore`, a bounded
 * in-memory store for tests and single-process use.
 *
 * Attributes ("LookupAttribute", CloudTrail API Reference): EventId (`eventID`), EventName,
 * ReadOnly (`true`/`false`), Username (an IAM user's or web identity's `userName`, `root` for
 * the root user, the session name of a role session: the "user name or role name of the
 * requester" of API_Event), ResourceType (`resources[].type`, e.g. `AWS::IAM::User`),
 * ResourceName (`resources[]`: the resource's name, the last segment of an IAM ARN, or the
 * whole ARN), EventSource, AccessKeyId (`userIdentity.accessKeyId`). Values compare exactly.
 */
import type { CloudTrailRecord } from "../api/model.ts";

export type LookupAttributeKey = "EventId" | "EventName" | "ReadOnly" | "Username" | "ResourceType" | "ResourceName" | "EventSource" | "AccessKeyId";

export const LOOKUP_ATTRIBUTE_KEYS: readonly LookupAttributeKey[] = ["EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId"];

export interface AuditLookup {
  attribute?: { key: LookupAttributeKey; value: string };
  /** eventTime within [startTime, endTime]. */
  startTime: Date;
  endTime: Date;
  /** Records per page, 1..50. */
  limit: number;
  /** The store's own cursor from the previous page. */
  cursor?: string;
}

export interface AuditPage {
  /** Newest first. */
  records: CloudTrailRecord[];
  /** Present when more records match. */
  cursor?: string;
}

export interface AuditStore {
  lookup(query: AuditLookup): Promise<AuditPage> | AuditPage;
}

/** The values a record is looked up by. */
export interface AuditIndexFields {
  eventId: string;
  eventName: string;
  /** Milliseconds since the epoch. */
  eventTime: number;
  readOnly: "true" | "false";
  username?: string;
  accessKeyId?: string;
  eventSource: string;
  resourceTypes: string[];
  /** Each resource's name and its ARN. */
  resourceNames: string[];
}

/** The name LookupEvents shows for a resource ARN: an IAM entity's name, else the resource part. */
export function resourceName(arn: string): string {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return arn;
  const resource = parts.slice(5).join(":");
  if (parts[2] === "iam" || parts[2] === "sts") return resource.slice(resource.lastIndexOf("/") + 1);
  return resource;
}

/** CloudTrail's "user name" of the requester (see the module doc). */
export function usernameOf(identity: CloudTrailRecord["userIdentity"]): string | undefined {
  if (identity.userName) return identity.userName;
  if (identity.type === "Root") return "root";
  if (identity.type === "AssumedRole" && identity.arn) return identity.arn.slice(identity.arn.lastIndexOf("/") + 1);
  return undefined;
}

export function auditIndexFields(record: CloudTrailRecord): AuditIndexFields {
  const resources = record.resources ?? [];
  const names = new Set<string>();
  for (const r of resources) {
    names.add(resourceName(r.ARN));
    names.add(r.ARN);
  }
  const out: AuditIndexFields = {
    eventId: record.eventID, eventName: record.eventName, eventTime: Date.parse(record.eventTime),
    readOnly: record.readOnly ? "true" : "false", eventSource: record.eventSource,
    resourceTypes: [...new Set(resources.map((r) => r.type).filter((t): t is string => typeof t === "string"))],
    resourceNames: [...names],
  };
  const username = usernameOf(record.userIdentity);
  if (username !== undefined) out.username = username;
  if (record.userIdentity.accessKeyId) out.accessKeyId = record.userIdentity.accessKeyId;
  return out;
}

/** Whether a record's fields match a lookup attribute. */
export function matchesAttribute(fields: AuditIndexFields, attribute: AuditLookup["attribute"]): boolean {
  if (!attribute) return true;
  const v = attribute.value;
  switch (attribute.key) {
    case "EventId": return fields.eventId === v;
    case "EventName": return fields.eventName === v;
    case "ReadOnly": return fields.readOnly === v;
    case "Username": return fields.username === v;
    case "ResourceType": return fields.resourceTypes.includes(v);
    case "ResourceName": return fields.resourceNames.includes(v);
    case "EventSource": return fields.eventSource === v;
    case "AccessKeyId": return fields.accessKeyId === v;
  }
}

export interface MemoryAuditStore extends AuditStore {
  /** Adds a record (usable as the account's audit sink). */
  add(record: CloudTrailRecord): void;
  /** How many records are kept. */
  readonly size: number;
}

/**
 * A bounded in-memory AuditStore: the oldest records go first past `maxRecords` (default 10,000).
 * @example
 * const trail = memoryAuditStore();
 * account.audit = trail.add;
 */
export function memoryAuditStore(options: { maxRecords?: number } = {}): MemoryAuditStore {
  const max = options.maxRecords ?? 10_000;
  let seq = 0;
  let entries: { seq: number; fields: AuditIndexFields; record: CloudTrailRecord }[] = [];
  return {
    add: (record) => {
      entries.push({ seq: seq++, fields: auditIndexFields(record), record });
      if (entries.length > max) entries = entries.slice(entries.length - max);
    },
    get size() {
      return entries.length;
    },
    lookup: (query) => {
      const from = query.startTime.getTime();
      const to = query.endTime.getTime();
      // Newest first: by eventTime, then by arrival. The cursor is the last record's arrival number.
      const matching = entries
        .filter((e) => e.fields.eventTime >= from && e.fields.eventTime <= to && matchesAttribute(e.fields, query.attribute))
        .sort((a, b) => b.fields.eventTime - a.fields.eventTime || b.seq - a.seq);
      let start = 0;
      if (query.cursor !== undefined) {
        const [time, n] = query.cursor.split(".").map(Number);
        start = matching.findIndex((e) => e.fields.eventTime < time || (e.fields.eventTime === time && e.seq < n));
        if (start < 0) start = matching.length;
      }
      const page = matching.slice(start, start + query.limit);
      const last = page[page.length - 1];
      const more = start + query.limit < matching.length;
      return { records: page.map((e) => e.record), ...(more && last ? { cursor: `${last.fields.eventTime}.${last.seq}` } : {}) };
    },
  };
}
