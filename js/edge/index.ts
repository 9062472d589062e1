/**
 * @module iam-edge/edge
 * Edge request authorization: verify AWS Signature Version 4 (`verifySigV4`), map a verified
 * request to the engine's requests (S3's action table, API Gateway's `execute-api:Invoke`), decide
 * them with the account model, and answer refusals in AWS's shapes, as a plain `fetch` handler
 * (`iamFetch`) or Hono middleware (`iamAuthorizer`). Web APIs only: the same code runs in
 * Cloudflare Workers, Node and browsers.
 */
export { verifySigV4 } from "./sigv4/verify.ts";
export type { SigV4Request, CredentialsQuery, SigningCredentials, CredentialsSource, VerifyOptions, VerifiedRequest, SigV4Failure, VerifyResult } from "./sigv4/types.ts";
export { SigV4Error, type Dialect } from "./sigv4/errors.ts";
export { CHECKSUMS, type ChecksumAlgorithm } from "./checksums/algorithms.ts";

export { mapS3Request, parseCopySource, type S3Mapping, type S3MapOptions, type Authorization } from "./s3/map-request.ts";
export { OPERATIONS as S3_OPERATIONS, type OperationRow as S3OperationRow } from "./s3/operations.ts";
export { parseDeleteObjects, MalformedXmlError } from "./s3/delete-objects.ts";
export { executeApiAuthorization, type ExecuteApiOptions } from "./execute-api/invoke.ts";

export { modelCredentials, resolveCaller, type AccountSource, type ModelCredentials } from "./authorize/account-credentials.ts";
export { requestContext } from "./authorize/context.ts";
export { decideAll, type AuthorizationDecision, type DecideOptions } from "./authorize/decide.ts";
export type { DecisionRecord, DecisionSink } from "./authorize/decision-record.ts";
export { denialMessage } from "./authorize/denial-message.ts";

export { authorizeEdgeRequest, type EdgeAuthorizerOptions, type EdgeOutcome } from "./http/authorize-request.ts";
export { iamFetch, type Origin } from "./http/fetch-handler.ts";
export { iamAuthorizer, type AllowedOutcome, type HonoLikeContext } from "./http/hono.ts";
export { errorResponse, accessDeniedResponse } from "./http/responses.ts";
export { forwardRequest } from "./http/forward.ts";

export { serveAwsApi, DEFAULT_API_LIMITS, type AwsApiOptions, type AccountLookup, type ApiLimits } from "./api/serve.ts";
export { detectApi, signedScope, type DetectedApi, type SignedScope } from "./api/detect.ts";
export { handleQueryApi } from "./api/query-handler.ts";
export type { ApiCallContext, ApiService, CallerIdentity } from "./api/call-context.ts";
export { API_OPERATIONS, type ApiOperationStatus } from "./api/operations-table.ts";
export { queryErrorResponse, QueryError } from "./aws-query/errors.ts";
export { handleCloudTrail, type CloudTrailCallContext } from "./cloudtrail-api/handler.ts";
export { jsonErrorResponse } from "./cloudtrail-api/json-errors.ts";
export { memoryAuditStore, auditIndexFields, matchesAttribute, LOOKUP_ATTRIBUTE_KEYS, type AuditStore, type AuditLookup, type AuditPage, type AuditIndexFields, type LookupAttributeKey, type MemoryAuditStore } from "./cloudtrail-api/audit-store.ts";
