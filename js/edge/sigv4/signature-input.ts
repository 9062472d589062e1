/**
 * @module edge/sigv4/signature-input
 * Where a request says how it is signed, parsed: the Authorization header
 * (`AWS4-HMAC-SHA256 Credential=AKID/20130524/us-east-1/s3/aws4_request,
 * SignedHeaders=host;x-amz-date, Signature=<64 hex>`) or the presigned query (`X-Amz-Algorithm`,
 * `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-SignedHeaders`, `X-Amz-Signature`,
 * `X-Amz-Security-Token`) ("Authenticating Requests: Using Query Parameters", S3 API Reference).
 * SigV2 (`AWS AKID:sig`, `AWSAccessKeyId=`/`Signature=`) and SigV4a (`AWS4-ECDSA-P256-SHA256`)
 * are recognised and refused by name.
 */
import { queryValue, type QueryParam } from "./canonical-query.ts";
import {
  malformedAuthorization, malformedCredential, malformedPresigned, multipleAuthentication, missingAuthentication,
  unsupportedAlgorithm, type Dialect,
} from "./errors.ts";

export const ALGORITHM = "AWS4-HMAC-SHA256";

export interface SignatureInput {
  presigned: boolean;
  accessKeyId: string;
  /** The credential scope's parts. */
  scopeDate: string;
  region: string;
  service: string;
  terminator: string;
  /** SignedHeaders as listed (`host;x-amz-date`). */
  signedHeaders: string;
  signature: string;
  /** Presigned: X-Amz-Date and X-Amz-Expires as given. */
  amzDate?: string;
  expires?: string;
}

/** The scope string `date/region/service/aws4_request`. */
export function scopeOf(input: SignatureInput): string {
  return `${input.scopeDate}/${input.region}/${input.service}/${input.terminator}`;
}

/** The service named by a credential string, to choose an error dialect before it parses. */
export function serviceHint(credential: string | undefined): string | undefined {
  const parts = credential?.split("/");
  return parts && parts.length === 5 ? parts[3] : undefined;
}

function splitCredential(d: Dialect, presigned: boolean, credential: string) {
  const parts = credential.split("/");
  if (parts.length !== 5 || parts.some((p) => p === "")) throw malformedCredential(d, presigned, credential);
  const [accessKeyId, scopeDate, region, service, terminator] = parts;
  if (!/^\d{8}$/.test(scopeDate)) throw malformedCredential(d, presigned, credential);
  return { accessKeyId, scopeDate, region, service, terminator };
}

/** Parses `AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`. */
export function parseAuthorizationHeader(d: Dialect, header: string): SignatureInput {
  const trimmed = header.trim();
  const space = trimmed.search(/[\s,]/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) throw unsupportedAlgorithm(d, algorithm.slice(0, 40));
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(algorithm.length).split(",")) {
    const p = part.trim();
    if (p === "") continue;
    const eq = p.indexOf("=");
    if (eq < 0) throw malformedAuthorization(d, header, [p]);
    fields.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  const missing = ["Credential", "Signature", "SignedHeaders"].filter((k) => !fields.get(k));
  if (missing.length) throw malformedAuthorization(d, header, missing);
  const signature = fields.get("Signature")!;
  if (!/^[0-9a-f]{64}$/.test(signature)) throw malformedAuthorization(d, header, ["Signature"]);
  return { presigned: false, ...splitCredential(d, false, fields.get("Credential")!), signedHeaders: fields.get("SignedHeaders")!, signature };
}

/** Parses the presigned query parameters. */
export function parsePresigned(d: Dialect, params: QueryParam[]): SignatureInput {
  const algorithm = queryValue(params, "X-Amz-Algorithm");
  if (algorithm !== ALGORITHM) {
    if (algorithm === undefined) throw malformedPresigned(d);
    throw unsupportedAlgorithm(d, algorithm.slice(0, 40));
  }
  const credential = queryValue(params, "X-Amz-Credential");
  const amzDate = queryValue(params, "X-Amz-Date");
  const expires = queryValue(params, "X-Amz-Expires");
  const signedHeaders = queryValue(params, "X-Amz-SignedHeaders");
  const signature = queryValue(params, "X-Amz-Signature");
  // X-Amz-Expires is required by S3 ("Authenticating Requests: Using Query Parameters"); the
  // other services default it, as the AWS SigV4 test suite's query form always sends it.
  if (!credential || !amzDate || !signedHeaders || !signature || (d === "s3" && !expires)) throw malformedPresigned(d);
  if (!/^[0-9a-f]{64}$/.test(signature)) throw malformedPresigned(d, "X-Amz-Signature must be 64 lower-case hex digits");
  return { presigned: true, ...splitCredential(d, true, credential), signedHeaders, signature, amzDate, expires };
}

/** Which form a request is signed in; throws for none, both, or SigV2. */
export function detectForm(d: Dialect, authorization: string | null, params: QueryParam[]): "header" | "query" {
  const query = params.some((p) => p.name === "X-Amz-Algorithm" || p.name === "X-Amz-Credential" || p.name === "X-Amz-Signature");
  const v2Query = params.some((p) => p.name === "AWSAccessKeyId") && params.some((p) => p.name === "Signature");
  if (authorization !== null && (query || v2Query)) throw multipleAuthentication(d);
  if (authorization !== null) {
    if (/^AWS\s/.test(authorization)) throw unsupportedAlgorithm(d, "AWS (Signature Version 2)");
    return "header";
  }
  if (v2Query) throw unsupportedAlgorithm(d, "AWSAccessKeyId (Signature Version 2)");
  if (query) return "query";
  throw missingAuthentication(d);
}
