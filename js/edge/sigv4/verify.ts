/**
 * @module edge/sigv4/verify
 * `verifySigV4(request, { credentials, now? })`: checks a request signed with AWS Signature
 * Version 4, in the header or the presigned form, and hands back its verified body. The steps
 * ("Authenticating Requests (AWS Signature Version 4)", S3 API Reference; "AWS Signature
 * Version 4 for API requests", IAM User Guide):
 * 1. find the form and parse it (signature-input.ts);
 * 2. check the scope, the date, the skew or the presigned window, the signed headers (checks.ts);
 * 3. ask the credentials source for the secret (credentials.ts);
 * 4. settle the payload hash (payload.ts), derive the signing key (cached, signing-key.ts) and
 *    compare the signature in constant time (signature.ts);
 * 5. wrap the body so it verifies as it streams (payload.ts, aws-chunked.ts, plain-body.ts).
 * Never throws for a bad request: every failure is a `{ ok: false, code, status, message }`.
 */
import { canonicalUri, uriOptionsFor } from "./canonical-uri.ts";
import { parseQuery, queryValue, type QueryParam } from "./canonical-query.ts";
import { checkScope, checkSignedHeaders, checkTime, requestDate } from "./checks.ts";
import { lookupCredentials } from "./credentials.ts";
import { sha256Hex } from "./crypto.ts";
import { SigV4Error, dialectOf, internalError, missingContentSha256, type Dialect } from "./errors.ts";
import { buildBody, payloadMode, type PayloadMode } from "./payload.ts";
import { readBoundedBody, streamOf } from "./plain-body.ts";
import { checkSignature } from "./signature.ts";
import { detectForm, parseAuthorizationHeader, parsePresigned, scopeOf, serviceHint, type SignatureInput } from "./signature-input.ts";
import { signingKey } from "./signing-key.ts";
import type { SigningCredentials, SigV4Failure, SigV4Request, VerifyOptions, VerifyResult } from "./types.ts";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** The value of a signed header as the signer saw it. */
function headerValue(name: string, headers: Headers, url: URL): string | undefined {
  const v = headers.get(name);
  if (v !== null) return v;
  // Browsers and some runtimes keep `host` out of Headers: it is the URL's.
  if (name === "host") return url.host;
  // Proxies and runtimes drop `Expect: 100-continue` after honouring it; the AWS CLI signs it.
  if (name === "expect") return "100-continue";
  return undefined;
}

interface Payload {
  hash: string;
  mode: PayloadMode;
  body: ReadableStream<Uint8Array> | null;
}

/** The payload hash the signature covers, reading the body first only where it must. */
async function settlePayload(d: Dialect, input: SignatureInput, params: QueryParam[], request: SigV4Request, maxBuffered: number): Promise<Payload> {
  // Presigners hoist x-amz-* headers into the query under the name's spelling they were given.
  const hoisted = input.presigned ? params.find((p) => p.name.toLowerCase() === "x-amz-content-sha256")?.value : undefined;
  const declared = hoisted ?? request.headers.get("x-amz-content-sha256");
  if (declared !== null) return { hash: declared, mode: payloadMode(d, declared), body: request.body };
  if (d === "s3") {
    // Presigned S3 URLs sign UNSIGNED-PAYLOAD; header signatures must say what they signed.
    if (input.presigned) return { hash: "UNSIGNED-PAYLOAD", mode: { kind: "unsigned" }, body: request.body };
    throw missingContentSha256(d);
  }
  const bytes = await readBoundedBody(request.body, maxBuffered, d);
  return { hash: await sha256Hex(bytes), mode: { kind: "unsigned" }, body: request.body === null ? null : streamOf(bytes) };
}

function failure(err: SigV4Error, d: Dialect, input?: SignatureInput): SigV4Failure {
  const out: SigV4Failure = { ok: false, code: err.code, status: err.status, message: err.message, details: err.details, dialect: d };
  if (input) {
    out.service = input.service;
    out.accessKeyId = input.accessKeyId;
  }
  if ((err.code === "AccessDenied" && err.message === "Access Denied") || err.code.startsWith("MissingAuthenticationToken")) out.anonymous = true;
  return out;
}

/**
 * Verifies a SigV4-signed request.
 * @example
 * const v = await verifySigV4(request, { credentials: async ({ accessKeyId }) => keys.get(accessKeyId) });
 * if (!v.ok) return new Response(v.message, { status: v.status });
 */
export async function verifySigV4<C extends SigningCredentials = SigningCredentials>(request: SigV4Request, options: VerifyOptions<C>): Promise<VerifyResult<C>> {
  let d: Dialect = dialectOf(options?.service);
  let input: SignatureInput | undefined;
  try {
    const url = new URL(request.url);
    const params = parseQuery(url.search);
    const authorization = request.headers.get("authorization");
    d = dialectOf(options.service ?? serviceHint(authorization?.match(/Credential=([^,\s]+)/)?.[1] ?? queryValue(params, "X-Amz-Credential")));
    const form = detectForm(d, authorization, params);
    input = form === "header" ? parseAuthorizationHeader(d, authorization!) : parsePresigned(d, params);
    d = dialectOf(options.service ?? input.service);
    return await verifyParsed(d, input, url, params, request, options);
  } catch (err) {
    if (err instanceof SigV4Error) return failure(err, d, input);
    return failure(internalError(d), d, input);
  }
}

async function verifyParsed<C extends SigningCredentials>(d: Dialect, input: SignatureInput, url: URL, params: QueryParam[], request: SigV4Request, options: VerifyOptions<C>): Promise<VerifyResult<C>> {
  checkScope(d, input, options.service, options.region);
  const amzDate = requestDate(d, input, request.headers);
  const maxSkewMs = options.maxSkewMs ?? FIFTEEN_MINUTES;
  const window = checkTime(d, input, amzDate, options.now ?? new Date(), maxSkewMs);
  const signedHeaders = input.signedHeaders.split(";").map((h) => h.trim().toLowerCase());
  checkSignedHeaders(d, signedHeaders, request.headers);
  const token = input.presigned ? queryValue(params, "X-Amz-Security-Token") : request.headers.get("x-amz-security-token") ?? undefined;
  const credentials = await lookupCredentials(d, options.credentials, { accessKeyId: input.accessKeyId, sessionToken: token, service: input.service, region: input.region });
  const payload = await settlePayload(d, input, params, request, options.maxBufferedBody ?? 10 * 1024 * 1024);
  const key = await signingKey(credentials.secretAccessKey, input.scopeDate, input.region, input.service);
  const defaults = uriOptionsFor(input.service);
  const scope = scopeOf(input);
  await checkSignature({
    dialect: d, key, accessKeyId: input.accessKeyId, method: request.method,
    uri: canonicalUri(options.path ?? url.pathname, { doubleEncode: options.doubleUriEncode ?? defaults.doubleEncode, normalize: options.normalizeUriPath ?? defaults.normalize }),
    params, presigned: input.presigned, signedHeadersText: input.signedHeaders, signedHeaders,
    headerValues: signedHeaders.map((h) => headerValue(h, request.headers, url)),
    payloadHash: payload.hash, amzDate, scope, signature: input.signature,
  });
  const body = buildBody({
    dialect: d, mode: payload.mode, headers: request.headers, body: payload.body,
    signing: { key, amzDate, scope, seed: input.signature },
    maxChunkSize: options.maxChunkSize ?? 16 * 1024 * 1024, maxLineLength: options.maxLineLength ?? 4096,
  });
  const result: VerifyResult<C> = {
    ok: true, accessKeyId: input.accessKeyId, service: input.service, region: input.region, presigned: input.presigned,
    signedAt: window.signedAt, body: body.body, credentials, signature: input.signature, signedHeaders, payloadHash: payload.hash,
  };
  if (token !== undefined) result.sessionToken = token;
  if (window.expiresAt) result.expiresAt = window.expiresAt;
  if (body.decodedContentLength !== undefined) result.decodedContentLength = body.decodedContentLength;
  if (body.checksum) result.checksum = body.checksum;
  return result;
}
