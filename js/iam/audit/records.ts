/**
 * @module iam/audit/records
 * Building records: an operation's record (identity, request and response elements, decisions,
 * resources, error) and a direct authorizePrincipal decision's record, in CloudTrail's field
 * order.
 */
import type { AccountState } from "../account-state.ts";
import { denialError } from "../resolve/access-denied.ts";
import type { AuthorizePrincipalInput } from "../resolve/types.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { EVENT_VERSION, type CloudTrailRecord, type CloudTrailUserIdentity } from "./shapes.ts";
import { IAM } from "./operations.ts";
import { inputOf, type CallState } from "./calls.ts";
import { contextValue, identityOfArn } from "./identity.ts";
import { elementsObject } from "./elements.ts";
import { operationArns, resourcesOf } from "./resources.ts";
import { decisionOf, isDataEvent, READ_PREFIX } from "./decisions.ts";

function baseRecord(account: AccountState, eventTime: string, eventSource: string, eventName: string, identity: CloudTrailUserIdentity, context: Record<string, ContextValue> | undefined, region: string): CloudTrailRecord {
  const defaults = account.auditDefaults ?? {};
  const ip = contextValue(context, "aws:SourceIp");
  const ua = contextValue(context, "aws:UserAgent");
  const service = identity.type === "AWSService" ? identity.invokedBy : undefined;
  return {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime,
    eventSource,
    eventName,
    awsRegion: region,
    sourceIPAddress: typeof ip === "string" ? ip.replace(/\/(32|128)$/, "") : service ?? defaults.sourceIpAddress ?? "AWS Internal",
    userAgent: typeof ua === "string" ? ua : service ?? defaults.userAgent ?? "iam-edge",
    requestParameters: null,
    responseElements: null,
    requestID: crypto.randomUUID(),
    eventID: crypto.randomUUID(),
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account.accountId,
    eventCategory: "Management",
  };
}

/** Puts the error fields where CloudTrail has them (after userAgent). */
function withError(record: CloudTrailRecord, err: unknown): CloudTrailRecord {
  const code = err !== null && typeof err === "object" && typeof (err as { code?: unknown }).code === "string" ? (err as { code: string }).code : "ServiceFailure";
  const message = err instanceof Error ? err.message : String(err);
  const { requestParameters, responseElements, ...rest } = record;
  const head: Record<string, unknown> = {};
  const tail: Record<string, unknown> = {};
  let after = false;
  for (const [k, v] of Object.entries(rest)) {
    (after ? tail : head)[k] = v;
    if (k === "userAgent") after = true;
  }
  return { ...head, errorCode: code, errorMessage: message, requestParameters, responseElements, ...tail } as unknown as CloudTrailRecord;
}

export function operationRecord(call: CallState, identity: CloudTrailUserIdentity, value: unknown, error: unknown, ok: boolean): CloudTrailRecord {
  const { spec, account } = call;
  // IAM is a global service: CloudTrail logs its events in us-east-1. STS answers in the account's region.
  const callRegion = (call.options as { region?: unknown } | undefined)?.region;
  const region = spec.eventSource === IAM ? "us-east-1" : typeof callRegion === "string" ? callRegion : account.auditDefaults?.region ?? "us-east-1";
  let record = baseRecord(account, call.eventTime, spec.eventSource, spec.eventName, identity, call.options?.context, region);
  const requestId = (call.options as { requestId?: unknown } | undefined)?.requestId;
  if (typeof requestId === "string" && requestId !== "") record.requestID = requestId;
  record.requestParameters = elementsObject(inputOf(call), "request");
  if (ok && spec.logResponse) record.responseElements = elementsObject(value, "response");
  const decided = call.checks.filter((c) => c.result);
  if (decided.length) {
    const decisive = decided.find((c) => c.result!.decision !== "Allow") ?? decided[decided.length - 1];
    const data: NonNullable<CloudTrailRecord["additionalEventData"]> = { ...decisionOf(decisive.result!) };
    if (decided.length > 1) data.authorizations = decided.map((c) => ({ action: c.action, resource: c.resource, ...decisionOf(c.result!) }));
    record.additionalEventData = data;
  }
  record.readOnly = spec.readOnly;
  const resources = resourcesOf(operationArns(call, ok ? value : undefined));
  if (resources) record.resources = resources;
  if (!ok) record = withError(record, error);
  return order(record);
}

/** CloudTrail's field order (readers do not care; people reading the JSON do). */
const ORDER = [
  "eventVersion", "userIdentity", "eventTime", "eventSource", "eventName", "awsRegion", "sourceIPAddress", "userAgent",
  "errorCode", "errorMessage", "requestParameters", "responseElements", "additionalEventData", "requestID", "eventID",
  "readOnly", "resources", "eventType", "managementEvent", "recipientAccountId", "eventCategory",
];
function order(record: CloudTrailRecord): CloudTrailRecord {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if ((record as unknown as Record<string, unknown>)[k] !== undefined) out[k] = (record as unknown as Record<string, unknown>)[k];
  return out as unknown as CloudTrailRecord;
}

export function decisionRecord(account: AccountState, eventTime: string, arn: string, input: AuthorizePrincipalInput, result: AuthorizationResult | undefined, error: unknown): CloudTrailRecord {
  const action = typeof input?.action === "string" ? input.action : "";
  const colon = action.indexOf(":");
  const service = colon > 0 ? action.slice(0, colon).toLowerCase() : "unknown";
  const name = colon > 0 ? action.slice(colon + 1) : action;
  const context = input?.context;
  let record = baseRecord(account, eventTime, `${service}.amazonaws.com`, name, identityOfArn(account, arn, context), context, account.auditDefaults?.region ?? "us-east-1");
  record.readOnly = READ_PREFIX.test(name);
  const data = isDataEvent(service, name);
  record.managementEvent = !data;
  record.eventCategory = data ? "Data" : "Management";
  const resource = typeof input?.resource === "string" ? input.resource : undefined;
  const resources = resource && resource !== "*" ? resourcesOf([resource]) : undefined;
  if (resources) record.resources = resources;
  if (result) {
    record.additionalEventData = decisionOf(result);
    if (result.decision !== "Allow") record = withError(record, denialError(arn, action, resource ?? "*", result));
  } else {
    record = withError(record, error);
  }
  return order(record);
}
