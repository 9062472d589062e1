/**
 * @module edge/service/wire-api
 * The seam between the service (routing, state, caches) and the wire layer (the awsQuery and
 * JSON 1.1 protocols over an Account, js/edge's IAM, STS and CloudTrail APIs): the calls the
 * service makes once it has verified a request and found where it runs. The Worker entry hands
 * the wire layer's functions in; nothing else here depends on how the protocols are written.
 */
import type { Account } from "../../sts/account.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { CallerPrincipal } from "../authorize/account-credentials.ts";
import type { DecisionSink } from "../authorize/decision-record.ts";
import type { AuditLookup } from "./audit-log.ts";
import type { CloudTrailRecord } from "../../iam/audit.ts";

export type ApiService = "iam" | "sts" | "cloudtrail";

/** What the wire layer needs to answer one verified call against an account. */
export interface ApiCallContext {
  account: Account;
  service: ApiService;
  /** The signing region. */
  region: string;
  /** Absent only for unsigned STS calls (AssumeRoleWithWebIdentity, AssumeRoleWithSAML). */
  caller?: { accessKeyId: string; sessionToken?: string; principal: string; resolved: CallerPrincipal };
  context: Record<string, ContextValue>;
  requestId: string;
  onDecision?: DecisionSink;
  sourceIp?: string;
}

export interface AuditStore {
  lookup(query: AuditLookup): Promise<{ records: CloudTrailRecord[]; cursor?: string }>;
}

export interface ErrorShape {
  code: string;
  status: number;
  message: string;
}

/** The wire layer, as the Worker entry hands it in. */
export interface WireApi {
  handleQueryApi(params: URLSearchParams, ctx: ApiCallContext): Promise<Response>;
  handleCloudTrail(target: string, body: string, ctx: ApiCallContext & { auditStore: AuditStore }): Promise<Response>;
  queryErrorResponse(service: "iam" | "sts", e: ErrorShape, requestId: string): Response;
  jsonErrorResponse(e: ErrorShape, requestId: string): Response;
}
