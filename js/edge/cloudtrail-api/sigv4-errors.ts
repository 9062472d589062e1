/**
 * @module edge/cloudtrail-api/sigv4-errors
 * A signature or credentials refusal in the JSON protocol's vocabulary: the JSON services answer
 * an unknown key UnrecognizedClientException, a bad signature InvalidSignatureException, a
 * missing one MissingAuthenticationTokenException, a malformed one
 * IncompleteSignatureException, expired credentials ExpiredTokenException (the same codes the
 * verifier's API Gateway dialect uses, js/edge/sigv4/errors.ts). Other codes keep their name.
 */
import type { QueryError } from "../aws-query/errors.ts";
import type { JsonError } from "./json-errors.ts";

const JSON_CODES: Readonly<Record<string, string>> = {
  InvalidClientTokenId: "UnrecognizedClientException",
  SignatureDoesNotMatch: "InvalidSignatureException",
  MissingAuthenticationToken: "MissingAuthenticationTokenException",
  IncompleteSignature: "IncompleteSignatureException",
  ExpiredToken: "ExpiredTokenException",
  AccessDenied: "AccessDeniedException",
};

export function jsonErrorFromQuery(e: QueryError): JsonError {
  return { code: JSON_CODES[e.code] ?? e.code, status: e.status, message: e.message };
}
