/**
 * @module edge/aws-query/errors
 * The errors of the query protocol: `QueryError` (a code, an HTTP status, a message), the
 * status and fault of each code, and the `<ErrorResponse>` answer.
 *
 * Status of a code, first match wins: the AWS model's own error shapes (their `awsQueryError`
 * trait: NoSuchEntity 404, EntityAlreadyExists 409, ...); then the "Common Errors" of the IAM
 * and STS API References (below); then the status the account model gives its IamError; else 400.
 * Fault: `Receiver` for 5xx, `Sender` otherwise (the protocol's `<Type>`).
 */
import { errorResponse } from "../http/responses.ts";
import type { QueryModel } from "./shapes.ts";

/**
 * "Common Errors" (IAM and STS API References), plus the codes IAM and STS answer that no
 * operation models: AccessDenied 403 ("Troubleshooting access denied error messages"),
 * ExpiredToken 403 (STS answers it so: aws/aws-sdk-java-v2#1649), NotImplemented 501 (ours: an
 * operation of the AWS model this endpoint does not serve).
 */
const COMMON: Readonly<Record<string, number>> = {
  AccessDenied: 403, AccessDeniedException: 400, ExpiredToken: 403, IncompleteSignature: 400, InternalFailure: 500,
  InvalidAction: 400, InvalidClientTokenId: 403, InvalidParameterCombination: 400, InvalidParameterValue: 400,
  InvalidQueryParameter: 400, MalformedQueryString: 404, MissingAction: 400, MissingAuthenticationToken: 403,
  MissingParameter: 400, NotAuthorized: 400, OptInRequired: 403, RequestExpired: 400, RequestEntityTooLarge: 413,
  ServiceUnavailable: 503, SignatureDoesNotMatch: 403, ThrottlingException: 400, ValidationError: 400, NotImplemented: 501,
};

/** A request the query protocol refuses: thrown inside the layer, answered as `<ErrorResponse>`. */
export class QueryError extends Error {
  constructor(readonly code: string, readonly status: number, message: string) {
    super(message);
    this.name = "QueryError";
  }
}

/** The HTTP status AWS answers `code` with (see the module doc). */
export function statusOf(model: QueryModel | undefined, code: string, fallback?: number): number {
  return model?.errors[code]?.[0] ?? COMMON[code] ?? fallback ?? 400;
}

/** A QueryError with the status AWS uses for the code. */
export function queryError(model: QueryModel | undefined, code: string, message: string): QueryError {
  return new QueryError(code, statusOf(model, code), message);
}

/**
 * `<ErrorResponse xmlns=...><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`
 * with the status, `Content-Type: text/xml` and `x-amzn-RequestId`.
 * @example
 * queryErrorResponse("iam", { code: "NoSuchEntity", status: 404, message: "The user with name bob cannot be found." }, requestId)
 */
export function queryErrorResponse(service: string | undefined, e: { code: string; status: number; message: string }, requestId: string): Response {
  return errorResponse("query", e, requestId, service);
}
