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
 *   otherwise, "a token that was previously used in a request with different parameters"); a
 *   lookup that left the times out keeps its first page's window on every later page.
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
 * A short hash binding a NextToken to the query it continues: the attribute, the category and
 * the times the request gave. An omitted StartTime or EndTime is bound as omitted, not as the
 * moment of the first page, so the SDK's paginator (which repeats the request with only NextToken
 * added) continues; the first page's window travels in the token instead (`TokenState`).
 */
function fingerprint(attribute: AuditLookup["attribute"], given: { startTime?: Date; endTime?: Date }, category: string | undefined): string {
  const text = `${attribute?.key ?? ""}\u0000${attribute?.value ?? ""}\u0000${given.startTime?.getTime() ?? "-"}\u0000${given.endTime?.getTime() ?? "-"}\u0000${category ?? ""}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

/** What a NextToken carries: the store's cursor and the window of the first page (epoch ms). */
interface TokenState { cursor: string; startMs: number; endMs: number }

function encodeToken(state: TokenState, print: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([print, state.cursor, state.startMs, state.endMs]));
  return btoa(String.fromCharCode(...bytes));
}

function tokenText(token: string): string {
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(atob(token), (c) => c.charCodeAt(0)));
}

function decodeToken(token: unknown, print: string): TokenState {
  if (typeof token !== "string" || token.length > 1024) throw cloudTrailError("InvalidNextTokenException", "NextToken is not valid");
  try {
    const [p, cursor, startMs, endMs] = JSON.parse(tokenText(token)) as unknown[];
    if (p === print && typeof cursor === "string" && Number.isSafeInteger(startMs) && Number.isSafeInteger(endMs)) {
      return { cursor, startMs: startMs as number, endMs: endMs as number };
    }
  } catch {
    // fall through
  }
  throw cloudTrailError("InvalidNextTokenException", "NextToken is not valid, or was used with different parameters");
}

/** The store query a LookupEvents request asks for, or undefined when it can find nothing (Insights). */
export function lookupQuery(input: Record<string, unknown>, now: Date): { query?: AuditLookup; print: string } {
  const attribute = attributeOf(input.LookupAttributes);
  const given = { endTime: timestamp(input.EndTime, "EndTime"), startTime: timestamp(input.StartTime, "StartTime") };
  const category = input.EventCategory;
  if (category !== undefined && category !== null && category !== "insight") throw cloudTrailError("InvalidEventCategoryException", "EventCategory must be insight");
  const limit = maxResultsOf(input.MaxResults);
  const print = fingerprint(attribute, given, typeof category === "string" ? category : undefined);
  const token = input.NextToken !== undefined && input.NextToken !== null ? decodeToken(input.NextToken, print) : undefined;
  // A continued lookup keeps its first page's window (the defaults were fixed then).
  const endTime = token ? new Date(token.endMs) : given.endTime ?? now;
  const startTime = token ? new Date(token.startMs) : given.startTime ?? new Date(endTime.getTime() - NINETY_DAYS_MS);
  if (startTime.getTime() > endTime.getTime()) throw cloudTrailError("InvalidTimeRangeException", "StartTime must not be after EndTime");
  const query: AuditLookup = { startTime, endTime, limit, ...(attribute ? { attribute } : {}) };
  if (token) query.cursor = token.cursor;
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
  if (page.cursor !== undefined) out.NextToken = encodeToken({ cursor: page.cursor, startMs: query.startTime.getTime(), endMs: query.endTime.getTime() }, print);
  return out;
}
