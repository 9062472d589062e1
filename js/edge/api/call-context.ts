/**
 * @module edge/api/call-context
 * What one API call carries through the layer: the account, the endpoint (service and region),
 * the verified caller, the request context AWS sets, the request id; and, per operation, the
 * decoded input and the options the model is called with.
 */
import type { Account } from "./model.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { Caller } from "../authorize/account-credentials.ts";
import type { DecisionRecord, DecisionSink } from "../authorize/decision-record.ts";

/** The verified caller: its credentials and what the account model resolved them to. */
export type CallerIdentity = Caller & {
  accessKeyId: string;
  sessionToken?: string;
};

/** The API a request is for (the endpoint). */
export type ApiService = "iam" | "sts" | "cloudtrail";

export interface ApiCallContext {
  account: Account;
  service: ApiService;
  /** The signing region (STS records it as the region of RoleLastUsed and of its audit records). */
  region: string;
  /** Absent only for the unsigned STS operations (AssumeRoleWithWebIdentity). */
  caller?: CallerIdentity;
  /** The request's context keys (`requestContext` of js/edge/authorize/context.ts). */
  context: Record<string, ContextValue>;
  requestId: string;
  /** Receives one DecisionRecord per call. */
  onDecision?: DecisionSink;
  sourceIp?: string;
  /** The clock of the call (default: the account's). */
  now?: Date;
  /** A cross-account STS call: the account of the caller's credentials (StsOptions.callerAccount). */
  callerAccount?: Account;
}

/** One operation being served: the context, the decoded request and the model's options. */
export interface ApiCall {
  ctx: ApiCallContext;
  account: Account;
  operation: string;
  input: Record<string, unknown>;
  /** The model's OperationOptions (IAM) or StsOptions (STS). */
  options: Record<string, unknown>;
  /** The call's DecisionRecord: handlers that decide themselves add their decisions. */
  record: DecisionRecord;
}
