/**
 * @module edge/sigv4/errors
 * The errors a SigV4 check ends in, with the code, HTTP status and message each AWS service
 * family returns. Three dialects:
 * - `s3`: S3's REST errors ("Error responses", S3 API Reference, and what S3 sends on the wire:
 *   `SignatureDoesNotMatch` with `StringToSign`/`CanonicalRequest`, `RequestTimeTooSkewed` with
 *   `RequestTime`/`ServerTime`/`MaxAllowedSkewMilliseconds`, `AccessDenied` "Request has
 *   expired", `AuthorizationHeaderMalformed`, `XAmzContentSHA256Mismatch`, `BadDigest`, ...);
 * - `query`: the query and JSON protocol services (IAM, STS and every other service):
 *   "Common errors" of the API references (`IncompleteSignature`, `InvalidClientTokenId`,
 *   `MissingAuthenticationToken`, `SignatureDoesNotMatch` whose message carries the canonical
 *   string and the string to sign, "Signature expired: ... (... - 15 min.)");
 * - `execute-api`: API Gateway's IAM authorization (`InvalidSignatureException`,
 *   `UnrecognizedClientException`, `MissingAuthenticationTokenException`, ...; sent as JSON with
 *   `x-amzn-ErrorType`).
 * Where AWS documents no exact text, docs/edge.md says what we send and why.
 */

export type Dialect = "s3" | "query" | "execute-api";

/** The dialect of a signing service name (the credential scope's service). */
export function dialectOf(service: string | undefined): Dialect {
  if (service === "s3" || service === "s3-object-lambda") return "s3";
  if (service === "execute-api") return "execute-api";
  return "query";
}

/** A failed check: thrown inside the module, returned by verifySigV4, and the error of a body stream. */
export class SigV4Error extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    /** Extra fields AWS adds to the error (S3's XML elements: `CanonicalRequest`, `ServerTime`, ...). */
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = "SigV4Error";
  }
}

type Triple = [s3: [string, number], query: [string, number], apigw: [string, number]];

function pick(d: Dialect, t: Triple): [string, number] {
  return d === "s3" ? t[0] : d === "query" ? t[1] : t[2];
}

function err(d: Dialect, t: Triple, message: string, details?: Record<string, string>): SigV4Error {
  const [code, status] = pick(d, t);
  return new SigV4Error(code, status, message, details);
}

const INCOMPLETE: Triple = [["AuthorizationHeaderMalformed", 400], ["IncompleteSignature", 400], ["IncompleteSignatureException", 403]];
const QUERY_INCOMPLETE: Triple = [["AuthorizationQueryParametersError", 400], ["IncompleteSignature", 400], ["IncompleteSignatureException", 403]];
const SCOPE: Triple = [["AuthorizationHeaderMalformed", 400], ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 403]];
const QUERY_SCOPE: Triple = [["AuthorizationQueryParametersError", 400], ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 403]];
const MISMATCH: Triple = [["SignatureDoesNotMatch", 403], ["SignatureDoesNotMatch", 403], ["InvalidSignatureException", 403]];
const DENIED: Triple = [["AccessDenied", 403], ["AccessDenied", 403], ["AccessDeniedException", 403]];
const INVALID_REQUEST: Triple = [["InvalidRequest", 400], ["InvalidRequest", 400], ["BadRequestException", 400]];

/** No Authorization header and no X-Amz-Algorithm: an anonymous request. */
export function missingAuthentication(d: Dialect): SigV4Error {
  if (d === "s3") return new SigV4Error("AccessDenied", 403, "Access Denied");
  if (d === "query") return new SigV4Error("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
  return new SigV4Error("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
}

/** SigV2 (`AWS AKID:sig`, `AWSAccessKeyId=`) or SigV4a (`AWS4-ECDSA-P256-SHA256`). */
export function unsupportedAlgorithm(d: Dialect, algorithm: string): SigV4Error {
  return err(d, [["InvalidRequest", 400], ["IncompleteSignature", 400], ["IncompleteSignatureException", 403]],
    `The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256. (got ${algorithm})`);
}

/** An Authorization header without Credential, SignedHeaders or Signature. */
export function malformedAuthorization(d: Dialect, header: string, missing: string[]): SigV4Error {
  if (d === "s3") return err(d, INCOMPLETE, `The authorization header is malformed; missing ${missing.join(", ")}.`);
  return err(d, INCOMPLETE, `${missing.map((m) => `Authorization header requires '${m}' parameter.`).join(" ")} Authorization=${header}`);
}

/** A presigned URL missing one of its X-Amz-* parameters. */
export function malformedPresigned(d: Dialect, detail?: string): SigV4Error {
  const message = detail ?? (d === "s3"
    ? "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters."
    : "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'. Re-examine the query-string parameters.");
  return err(d, QUERY_INCOMPLETE, message);
}

/** Both an Authorization header and presigned query parameters. */
export function multipleAuthentication(d: Dialect): SigV4Error {
  return err(d, [["InvalidArgument", 400], ["IncompleteSignature", 400], ["IncompleteSignatureException", 403]],
    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified");
}

/** The credential is not `AKID/YYYYMMDD/REGION/SERVICE/aws4_request`. */
export function malformedCredential(d: Dialect, presigned: boolean, credential: string): SigV4Error {
  if (d === "s3") {
    const head = presigned ? "Error parsing the X-Amz-Credential parameter" : "The authorization header is malformed";
    return err(d, presigned ? QUERY_INCOMPLETE : INCOMPLETE, `${head}; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`);
  }
  return err(d, presigned ? QUERY_INCOMPLETE : INCOMPLETE, `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
}

/** Neither X-Amz-Date nor Date (header form). */
export function missingDate(d: Dialect): SigV4Error {
  if (d === "s3") return new SigV4Error("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
  return err(d, INCOMPLETE, "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
}

/** X-Amz-Date is not `YYYYMMDDTHHMMSSZ`. */
export function invalidDate(d: Dialect, presigned: boolean, value: string): SigV4Error {
  if (presigned) return err(d, QUERY_INCOMPLETE, `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'" (got '${value}')`);
  if (d === "s3") return new SigV4Error("AccessDenied", 403, "AWS authentication requires a valid Date or x-amz-date header");
  return err(d, INCOMPLETE, `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`);
}

/** The scope's date is not X-Amz-Date's day. */
export function scopeDateMismatch(d: Dialect, presigned: boolean, scopeDate: string, amzDate: string): SigV4Error {
  if (d === "s3") {
    return presigned
      ? err(d, QUERY_SCOPE, `Invalid credential date "${scopeDate}". This date is not the same as X-Amz-Date: "${amzDate.slice(0, 8)}".`)
      : err(d, SCOPE, "The authorization header is malformed; Invalid credential date. Date is not the same as X-Amz-Date.");
  }
  return err(d, presigned ? QUERY_SCOPE : SCOPE, `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
}

/** The scope names a region this endpoint does not serve. */
export function wrongRegion(d: Dialect, presigned: boolean, region: string, expected: string): SigV4Error {
  if (d === "s3") {
    const head = presigned ? "Error parsing the X-Amz-Credential parameter" : "The authorization header is malformed";
    return err(d, presigned ? QUERY_SCOPE : SCOPE, `${head}; the region '${region}' is wrong; expecting '${expected}'`, { Region: expected });
  }
  return err(d, presigned ? QUERY_SCOPE : SCOPE, `Credential should be scoped to a valid region, not '${region}'. `);
}

/** The scope names another service. */
export function wrongService(d: Dialect, presigned: boolean, service: string, expected: string): SigV4Error {
  if (d === "s3") {
    const head = presigned ? "Error parsing the X-Amz-Credential parameter" : "The authorization header is malformed";
    return err(d, presigned ? QUERY_SCOPE : SCOPE, `${head}; incorrect service "${service}". This endpoint belongs to "${expected}".`);
  }
  return err(d, presigned ? QUERY_SCOPE : SCOPE, `Credential should be scoped to correct service: '${expected}'. `);
}

/** The scope does not end in `aws4_request`. */
export function wrongTerminator(d: Dialect, presigned: boolean, terminator: string): SigV4Error {
  if (d === "s3") {
    const head = presigned ? "Error parsing the X-Amz-Credential parameter" : "The authorization header is malformed";
    return err(d, presigned ? QUERY_SCOPE : SCOPE, `${head}; incorrect terminal "${terminator}". This endpoint uses "aws4_request".`);
  }
  return err(d, presigned ? QUERY_SCOPE : SCOPE, `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `);
}

/** `host` is not among the signed headers. */
export function hostNotSigned(d: Dialect): SigV4Error {
  if (d === "s3") return new SigV4Error("AccessDenied", 403, "There were headers present in the request which were not signed", { HeadersNotSigned: "host" });
  return err(d, [["AccessDenied", 403], ["IncompleteSignature", 400], ["IncompleteSignatureException", 403]], "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
}

/** `x-amz-*` headers present but not signed. */
export function headersNotSigned(d: Dialect, names: string[]): SigV4Error {
  return err(d, [["AccessDenied", 403], ["AccessDenied", 403], ["AccessDeniedException", 403]],
    "There were headers present in the request which were not signed", { HeadersNotSigned: names.join(", ") });
}

/** A header-signed request outside the allowed clock skew. `amzDate` and `now` in ISO basic format. */
export function requestTimeTooSkewed(d: Dialect, amzDate: string, now: Date, maxSkewMs: number): SigV4Error {
  if (d === "s3") {
    return new SigV4Error("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.", {
      RequestTime: amzDate, ServerTime: isoSeconds(now), MaxAllowedSkewMilliseconds: String(maxSkewMs),
    });
  }
  const minutes = Math.round(maxSkewMs / 60000);
  const signed = parseAmzDateMs(amzDate);
  const message = signed < now.getTime()
    ? `Signature expired: ${amzDate} is now earlier than ${basic(new Date(now.getTime() - maxSkewMs))} (${basic(now)} - ${minutes} min.)`
    : `Signature not yet current: ${amzDate} is still later than ${basic(new Date(now.getTime() + maxSkewMs))} (${basic(now)} + ${minutes} min.)`;
  return err(d, MISMATCH, message, { ServerTime: isoSeconds(now) });
}

/** A presigned URL past X-Amz-Date + X-Amz-Expires. */
export function presignedExpired(d: Dialect, expires: string, expiresAt: Date, now: Date): SigV4Error {
  return err(d, DENIED, "Request has expired", { "X-Amz-Expires": expires, Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) });
}

/** A presigned URL dated in the future beyond the skew. */
export function presignedNotYetValid(d: Dialect, amzDate: string, expiresAt: Date, now: Date): SigV4Error {
  return err(d, DENIED, "Request is not yet valid", { "X-Amz-Date": amzDate, Expires: isoSeconds(expiresAt), ServerTime: isoSeconds(now) });
}

/** X-Amz-Expires outside 1..604800 or not a number. */
export function expiresOutOfRange(d: Dialect, value: string): SigV4Error {
  const n = Number(value);
  const message = !/^-?\d+$/.test(value) ? "X-Amz-Expires should be a number"
    : n < 1 ? "X-Amz-Expires must be non-negative" : "X-Amz-Expires must be less than a week (in seconds) that is 604800";
  return err(d, QUERY_INCOMPLETE, message);
}

/** The access key is unknown (or inactive). */
export function invalidAccessKeyId(d: Dialect, accessKeyId: string): SigV4Error {
  if (d === "s3") return new SigV4Error("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", { AWSAccessKeyId: accessKeyId });
  if (d === "query") return new SigV4Error("InvalidClientTokenId", 403, "The security token included in the request is invalid.");
  return new SigV4Error("UnrecognizedClientException", 403, "The security token included in the request is invalid.");
}

/** The session token is missing, altered or not the key's. */
export function invalidToken(d: Dialect): SigV4Error {
  if (d === "s3") return new SigV4Error("InvalidToken", 400, "The provided token is malformed or otherwise invalid.");
  return invalidAccessKeyId(d, "");
}

/** The temporary credentials have expired. */
export function expiredToken(d: Dialect): SigV4Error {
  if (d === "s3") return new SigV4Error("ExpiredToken", 400, "The provided token has expired.");
  if (d === "query") return new SigV4Error("ExpiredToken", 403, "The security token included in the request is expired");
  return new SigV4Error("ExpiredTokenException", 403, "The security token included in the request is expired");
}

/** Bytes as S3 lists them in `StringToSignBytes`: two hex digits each, space-separated. */
function spacedHex(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => (b < 16 ? "0" : "") + b.toString(16)).join(" ");
}

/** The request signature does not match. */
export function signatureDoesNotMatch(d: Dialect, info: { accessKeyId: string; canonicalRequest: string; stringToSign: string; signature: string }): SigV4Error {
  if (d === "s3") {
    return new SigV4Error("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", {
      AWSAccessKeyId: info.accessKeyId, StringToSign: info.stringToSign, SignatureProvided: info.signature,
      StringToSignBytes: spacedHex(info.stringToSign), CanonicalRequest: info.canonicalRequest, CanonicalRequestBytes: spacedHex(info.canonicalRequest),
    });
  }
  const message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
    `The Canonical String for this request should have been\n'${info.canonicalRequest}'\n\nThe String-to-Sign should have been\n'${info.stringToSign}'\n`;
  return err(d, MISMATCH, message);
}

/** A chunk's or the trailer's signature does not match (the body stream errors with it). */
export function chunkSignatureDoesNotMatch(d: Dialect, what: string): SigV4Error {
  const base = d === "s3" ? "The request signature we calculated does not match the signature you provided. Check your key and signing method."
    : "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
  return err(d, MISMATCH, `${base} (${what})`);
}

/** The body's SHA-256 is not the one x-amz-content-sha256 declared. */
export function contentSha256Mismatch(d: Dialect, client: string, computed: string): SigV4Error {
  return err(d, [["XAmzContentSHA256Mismatch", 400], ["XAmzContentSHA256Mismatch", 400], ["BadRequestException", 400]],
    "The provided 'x-amz-content-sha256' header does not match what was computed.", { ClientComputedContentSHA256: client, S3ComputedContentSHA256: computed });
}

/** x-amz-content-sha256 is neither a known mode nor 64 hex digits. */
export function invalidContentSha256(d: Dialect): SigV4Error {
  return err(d, [["InvalidArgument", 400], ["InvalidRequest", 400], ["BadRequestException", 400]],
    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.");
}

/** S3 header auth without x-amz-content-sha256. */
export function missingContentSha256(d: Dialect): SigV4Error {
  return err(d, INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256");
}

/** A streaming upload without x-amz-decoded-content-length. */
export function missingDecodedContentLength(d: Dialect): SigV4Error {
  return err(d, [["MissingContentLength", 411], ["MissingContentLength", 411], ["BadRequestException", 411]], "You must provide the Content-Length HTTP header. (x-amz-decoded-content-length is required for aws-chunked uploads)");
}

/** An aws-chunked body that does not parse, or a chunk above the limits. */
export function malformedChunk(d: Dialect, detail: string): SigV4Error {
  return err(d, INVALID_REQUEST, `The aws-chunked body is malformed: ${detail}`);
}

/** The body ended early, or its decoded length differs from x-amz-decoded-content-length. */
export function incompleteBody(d: Dialect, detail: string): SigV4Error {
  return err(d, [["IncompleteBody", 400], ["IncompleteBody", 400], ["BadRequestException", 400]], `You did not provide the number of bytes specified by the Content-Length HTTP header (${detail})`);
}

/** A trailer that is missing, undeclared or not `name:value`. */
export function malformedTrailer(d: Dialect, detail: string): SigV4Error {
  return err(d, [["MalformedTrailerError", 400], ["MalformedTrailerError", 400], ["BadRequestException", 400]],
    `The request contained trailing data that was not well-formed or did not conform to our published schema. (${detail})`);
}

/** A flexible checksum (header or trailer) that does not match the body. */
export function badDigest(d: Dialect, algorithm: string): SigV4Error {
  return err(d, [["BadDigest", 400], ["BadDigest", 400], ["BadRequestException", 400]], `The ${algorithm} you specified did not match the calculated checksum.`);
}

/** A checksum header whose value is not the base64 of a digest of the right size. */
export function invalidChecksumValue(d: Dialect, header: string): SigV4Error {
  return err(d, INVALID_REQUEST, `Value for ${header} header is invalid.`);
}

/** More than one flexible checksum, or an unknown algorithm. */
export function invalidChecksumRequest(d: Dialect, detail: string): SigV4Error {
  return err(d, INVALID_REQUEST, detail);
}

/** A body that must be hashed before the signature can be checked is larger than the limit. */
export function bodyTooLarge(d: Dialect, limit: number): SigV4Error {
  return err(d, [["EntityTooLarge", 400], ["RequestEntityTooLarge", 413], ["RequestEntityTooLargeException", 413]], `Your proposed upload exceeds the maximum allowed size (${limit} bytes for a body hashed before its signature is checked)`);
}

/** The credentials source failed. */
export function internalError(d: Dialect): SigV4Error {
  return err(d, [["InternalError", 500], ["InternalFailure", 500], ["InternalServerErrorException", 500]], "We encountered an internal error. Please try again.");
}

// ---------------------------------------------------------------------------------------------
// Dates in the two forms AWS writes them.

/** `2013-05-24T00:00:00Z` */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** `20130524T000000Z` */
export function basic(date: Date): string {
  return isoSeconds(date).replace(/[-:]/g, "");
}

/** Milliseconds of `YYYYMMDDTHHMMSSZ`, or NaN. */
export function parseAmzDateMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject dates that Date.UTC silently rolled over (month 13, day 32, hour 25).
  return basic(new Date(ms)) === value ? ms : NaN;
}
