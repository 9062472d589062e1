/**
 * @module edge/cloudtrail-api/lookup-events
 * CloudTrail's LookupEvents (API_LookupEvents, CloudTrail API Reference) over an AuditStore:
 * - `LookupAttributes`: at most one ("Currently the list can contain only one item"), an
 *   `AttributeKey` of the eight keys and an `AttributeValue` of 1-2000 characters, else
 *   InvalidLookupAttributesException;
 * - `StartTime`, `EndTime` (epoch seconds, as JSON 1.1 writes timestamps; ISO 8601 text is
 *   accepted too): default the last 90 days ("The default is 90 days"); a start after the end is
 *   InvalidTimeRangeException;
 * - `EventCategory`: only `insight` exists; this endpoint records no Insights events, so it
 *   finds none; another value is InvalidEventCategoryException;
 * - `MaxResults` 1-50 (default 50), else InvalidMaxResultsException; `NextToken`: the token of
 *   the previous page, bound to the same attribute and time range (InvalidNextTokenException
 *   otherwise, "a token that was previously used in a request with different parameters").
 * Events come newest first, each with `EventId`, `EventName`, `ReadOnly` ("true"/"false"),
 * `AccessKeyId`, `EventTime`, `EventSource`, `Username`, `Resources` and `CloudTrailEvent` (the
 * record as JSON text).
 */
import type { CloudTrailRecord } from "../api/model.ts";
import { LOOKUP_ATTRIBUTE_KEYS, resourceName, usernameOf, type AuditLookup, type AuditStore, type LookupAttributeKey } from "./audit-store.ts";
import { cloudTrailError, JsonApiError } from "./json-errors.ts";

const NINETY_DAYS_MS = 90 * 24 * 3600 * 1000;

function serialization(message: string): JsonApiError {
  return new JsonApiError("SerializationException", 400, message);
}

function timestamp(value: unknown, name: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === "number" ? value * 1000 : typeof value === "string" ? (/^\d+(\.\d+)?$/.test(value) ? Number(value) * 1000 : Date.parse(value)) : NaN;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw serialization(`${name} must be a timestamp (epoch seconds)`);
  return new Date(ms);
}

function attributeOf(value: unknown): AuditLookup["attribute"] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw serialization("LookupAttributes must be a list");
  if (value.length === 0) return undefined;
  if (value.length > 1) throw cloudTrailError("InvalidLookupAttributesException", "LookupAttributes can contain only one item");
  const item = value[0] as { AttributeKey?: unknown; AttributeValue?: unknown } | null;
  const key = item?.AttributeKey;
  const v = item?.AttributeValue;
  if (typeof key !== "string" || !LOOKUP_ATTRIBUTE_KEYS.includes(key as LookupAttributeKey)) {
    throw cloudTrailError("InvalidLookupAttributesException", `AttributeKey must be one of ${LOOKUP_ATTRIBUTE_KEYS.join(", ")}`);
  }
  if (typeof v !== "string" || v.length < 1 || v.length > 2000) {
    throw cloudTrailError("InvalidLookupAttributesException", "AttributeValue must be 1 to 2000 characters");
  }
  return { key: key as LookupAttributeKey, value: v };
}

function maxResultsOf(value: unknown): number {
  if (value === undefined || value === null) return 50;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 50) {
    throw cloudTrailError("InvalidMaxResultsException", "MaxResults must be an integer from 1 to 50");
  }
  return value;
}

/**
 * A short hash binding a NextToken to the query it continues: the parameters as given. A time
 * left out defaults to "now" on every page, so it is bound as left out, not as its default.
 */
function fingerprint(q: { attribute?: AuditLookup["attribute"]; startTime?: Date; endTime?: Date }, category: string | undefined): string {
  const text = `${q.attribute?.key ?? ""}\u0000${q.attribute?.value ?? ""}\u0000${q.startTime?.getTime() ?? ""}\u0000${q.endTime?.getTime() ?? ""}\u0000${category ?? ""}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function encodeToken(cursor: string, print: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([print, cursor]));
  return btoa(String.fromCharCode(...bytes));
}

function tokenText(token: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
}

function decodeToken(token: unknown, print: string): string {
  if (typeof token !== "string" || token.length > 1024) throw cloudTrailError("InvalidNextTokenException", "NextToken is not valid");
  try {
    const [p, cursor] = JSON.parse(tokenText(token)) as unknown[];
    if (p === print && typeof cursor === "string") return cursor;
  } catch {
    // fall through
  }
  throw cloudTrailError("InvalidNextTokenException", "NextToken is not valid, or was used with different parameters");
}

/** The store query a LookupEvents request asks for, or undefined when it can find nothing (Insights). */
export function lookupQuery(input: Record<string, unknown>, now: Date): { query?: AuditLookup; print: string } {
  const attribute = attributeOf(input.LookupAttributes);
  const givenEnd = timestamp(input.EndTime, "EndTime");
  const givenStart = timestamp(input.StartTime, "StartTime");
  const endTime = givenEnd ?? now;
  const startTime = givenStart ?? new Date(endTime.getTime() - NINETY_DAYS_MS);
  if (startTime.getTime() > endTime.getTime()) throw cloudTrailError("InvalidTimeRangeException", "StartTime must not be after EndTime");
  const category = input.EventCategory;
  if (category !== undefined && category !== null && category !== "insight") throw cloudTrailError("InvalidEventCategoryException", "EventCategory must be insight");
  const limit = maxResultsOf(input.MaxResults);
  const print = fingerprint({ attribute, startTime: givenStart, endTime: givenEnd }, typeof category === "string" ? category : undefined);
  const query: AuditLookup = { startTime, endTime, limit, ...(attribute ? { attribute } : {}) };
  if (input.NextToken !== undefined && input.NextToken !== null) query.cursor = decodeToken(input.NextToken, print);
  return category === "insight" ? { print } : { query, print };
}

function eventOf(record: CloudTrailRecord): Record<string, unknown> {
  const event: Record<string, unknown> = {
    EventId: record.eventID, EventName: record.eventName, ReadOnly: record.readOnly ? "true" : "false",
  };
  if (record.userIdentity.accessKeyId) event.AccessKeyId = record.userIdentity.accessKeyId;
  event.EventTime = Date.parse(record.eventTime) / 1000;
  event.EventSource = record.eventSource;
  const username = usernameOf(record.userIdentity);
  if (username !== undefined) event.Username = username;
  event.Resources = (record.resources ?? []).map((r) => ({ ...(r.type ? { ResourceType: r.type } : {}), ResourceName: resourceName(r.ARN) }));
  event.CloudTrailEvent = JSON.stringify(record);
  return event;
}

/** LookupEvents' answer (see the module doc). */
export async function lookupEvents(store: AuditStore, input: Record<string, unknown>, now: Date): Promise<Record<string, unknown>> {
  const { query, print } = lookupQuery(input, now);
  if (!query) return { Events: [] };
  const page = await store.lookup(query);
  const out: Record<string, unknown> = { Events: page.records.map(eventOf) };
  if (page.cursor !== undefined) out.NextToken = encodeToken(page.cursor, print);
  return out;
}
