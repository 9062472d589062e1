/**
 * @module edge/service/fallback-record
 * The CloudTrail record of a verified call that the account model never saw: refused by the wire
 * layer before it reached an operation (an unknown action, a wrong version, a malformed
 * parameter, an operation not served), or decided by the wire layer itself (LookupEvents for a
 * role session). The model records every call that reaches it; this keeps "every call becomes a
 * record" true for the others, in the same shape ("CloudTrail record contents"): the caller's
 * userIdentity, the error code and message when it failed, the decisions when there were any.
 * Unsigned or unverified requests have no trustworthy caller and get none (a forged request
 * leaves no trace in the account it names).
 */
import type { AccountState } from "../../iam/account-state.ts";
import { EVENT_VERSION, identityOfArn, type CloudTrailRecord } from "../../iam/audit.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { ApiCallContext } from "../api/call-context.ts";

const READ = /^(Get|List|Simulate|Lookup|Describe)[A-Z]/;

export function fallbackRecord(account: AccountState, ctx: ApiCallContext, decision: DecisionRecord | undefined, status: number): CloudTrailRecord | undefined {
  const caller = ctx.caller;
  if (!caller) return undefined;
  const eventName = decision?.operation && decision.operation !== "Unknown" ? decision.operation : "Unknown";
  const ip = ctx.context["aws:SourceIp"];
  const agent = ctx.context["aws:UserAgent"];
  // Built in CloudTrail's field order: the error fields come right after userAgent.
  const head = {
    eventVersion: EVENT_VERSION,
    userIdentity: identityOfArn(account, caller.principal, { ...ctx.context, ...caller.resolved.context }, caller.accessKeyId, caller.session),
    eventTime: account.timestamp(),
    eventSource: `${ctx.service}.amazonaws.com`,
    eventName,
    awsRegion: ctx.service === "iam" ? "us-east-1" : ctx.region,
    sourceIPAddress: typeof ip === "string" ? ip : ctx.sourceIp ?? "AWS Internal",
    userAgent: typeof agent === "string" ? agent : "iam-edge",
  };
  const error = decision?.error ? { errorCode: decision.error.code, errorMessage: decision.error.message } : status >= 400 ? { errorCode: "InternalFailure" } : {};
  const data = decisionData(decision);
  return {
    ...head,
    ...error,
    requestParameters: null,
    responseElements: null,
    ...(data ? { additionalEventData: data } : {}),
    requestID: ctx.requestId,
    eventID: crypto.randomUUID(),
    readOnly: READ.test(eventName),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account.accountId,
    eventCategory: "Management",
  };
}

/** The deciding authorization, as the model's records carry it in additionalEventData. */
function decisionData(decision: DecisionRecord | undefined): CloudTrailRecord["additionalEventData"] {
  const decided = decision?.decisions ?? [];
  if (!decided.length) return undefined;
  const d = decided.find((x) => x.decision !== "Allow") ?? decided[decided.length - 1];
  return {
    decision: d.decision, reason: d.reason,
    matchedStatements: d.matchedStatements.map((m) => ({ policyId: m.policyId, statementIndex: m.statementIndex, ...(m.sid ? { sid: m.sid } : {}), effect: m.effect })),
    ...(d.missingContextValues.length ? { missingContextValues: d.missingContextValues } : {}),
  };
}
