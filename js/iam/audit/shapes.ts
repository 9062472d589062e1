/**
 * @module iam/audit/shapes
 * The record format: CloudTrail's record, userIdentity and resource shapes as these records
 * write them, the engine decision carried in `additionalEventData`, the sink and stats types.
 */
import type { AuthorizationResult } from "../../engine/engine.ts";

/** The CloudTrail record format version these records follow. */
export const EVENT_VERSION = "1.11";
/** What replaces a secret found in a record (CloudTrail's own marker). */
export const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

export interface CloudTrailSessionContext {
  sessionIssuer?: { type: "Role"; principalId: string; arn: string; accountId: string; userName: string };
  webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, string> };
  /** `mfaAuthenticated` is a string, as CloudTrail writes it. */
  attributes: { creationDate?: string; mfaAuthenticated: "true" | "false" };
  sourceIdentity?: string;
}

export interface CloudTrailUserIdentity {
  type: "IAMUser" | "AssumedRole" | "Root" | "AWSAccount" | "AWSService" | "WebIdentityUser" | "SAMLUser" | "Unknown";
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  sessionContext?: CloudTrailSessionContext;
  /** AWSService callers: the service principal. */
  invokedBy?: string;
  /** WebIdentityUser: the token's issuer host; SAMLUser: the name qualifier. */
  identityProvider?: string;
}

export interface CloudTrailResource {
  ARN: string;
  accountId?: string;
  type?: string;
}

/** A statement that decided, as `additionalEventData.matchedStatements` lists it. */
export interface AuditMatchedStatement {
  policyId: string;
  statementIndex: number;
  sid?: string;
  effect: "Allow" | "Deny";
}

/** The engine's decision, in `additionalEventData`. */
export interface AuditDecision {
  decision: AuthorizationResult["decision"];
  reason: string;
  /** The SCP or RCP level that lacked an Allow (0 = root). */
  reasonLevel?: number;
  matchedStatements: AuditMatchedStatement[];
  missingContextValues?: string[];
}

export interface CloudTrailRecord {
  eventVersion: string;
  userIdentity: CloudTrailUserIdentity;
  /** ISO 8601 to the second, from the account's clock, when the call began. */
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent: string;
  errorCode?: string;
  errorMessage?: string;
  /** The request's fields in CloudTrail's lowerCamelCase, secrets left out; null when none. */
  requestParameters: Record<string, unknown> | null;
  /** Successful mutating calls and STS credential calls only, secrets left out; else null. */
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Partial<AuditDecision> & { authorizations?: (AuditDecision & { action: string; resource: string })[] };
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: CloudTrailResource[];
  eventType: "AwsApiCall";
  managementEvent: boolean;
  recipientAccountId: string;
  eventCategory: "Management" | "Data";
}

export type AuditSink = (record: CloudTrailRecord) => void | Promise<void>;

export interface AuditStats {
  /** Records handed to the sink. */
  records: number;
  /** Sink calls that threw or rejected (swallowed). */
  sinkErrors: number;
  /** The last such error. */
  lastSinkError?: unknown;
  /** Records that could not be built (an audit bug; the operation went on). */
  buildErrors: number;
  /** Async sink calls not settled yet. */
  pending: number;
}
