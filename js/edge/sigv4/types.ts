/**
 * @module edge/sigv4/types
 * The public shapes of `verifySigV4`: what it reads from a request, what it asks the
 * credentials source, its options, and its two results.
 */
import type { Dialect } from "./errors.ts";

/** What the verifier reads of a request; a standard `Request` is one. */
export interface SigV4Request {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: ReadableStream<Uint8Array> | null;
}

/** What the credentials source is asked. */
export interface CredentialsQuery {
  accessKeyId: string;
  /** `X-Amz-Security-Token` of the request (temporary credentials). */
  sessionToken?: string;
  /** The credential scope's service and region. */
  service: string;
  region: string;
}

/**
 * What the credentials source answers: the secret, and, when it wants the request's token
 * compared with one it knows, that token. Any other field rides along to the result's
 * `credentials` (e.g. the principal the key belongs to).
 */
export interface SigningCredentials {
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Finds the secret of an access key: undefined for an unknown key (`InvalidAccessKeyId` /
 * `InvalidClientTokenId`). It may throw an error whose `code` is `ExpiredToken`,
 * `InvalidClientTokenId`, `InvalidAccessKeyId`, `InvalidToken` or `AccessDenied`; that error
 * becomes the dialect's; anything else is an `InternalError` (its text is not sent).
 */
export type CredentialsSource<C extends SigningCredentials = SigningCredentials> =
  (query: CredentialsQuery) => C | undefined | Promise<C | undefined>;

export interface VerifyOptions<C extends SigningCredentials = SigningCredentials> {
  credentials: CredentialsSource<C>;
  /** The current time (default: the system clock). */
  now?: Date;
  /**
   * The service this endpoint is (`s3`, `sts`, `execute-api`, ...): a scope naming another is
   * refused, and it picks the error dialect even for a request that does not parse. Default:
   * whatever the credential scope names.
   */
  service?: string;
  /** The regions accepted in the scope (default: any). */
  region?: string | readonly string[];
  /**
   * The request target's path exactly as received, before any URL parsing (Node's `req.url`
   * without its query). A `Request`'s URL has been through the WHATWG parser, which removes
   * `.`/`..` segments and percent-encodes spaces and non-ASCII: give the raw path where the
   * server has it. Default: `new URL(request.url).pathname`.
   */
  path?: string;
  /** UriEncode the path as received (default: true except for S3). */
  doubleUriEncode?: boolean;
  /** Remove `.`/`..`/empty path segments before signing (default: true except for S3). */
  normalizeUriPath?: boolean;
  /** Allowed clock skew of header-signed requests, ms (default 15 minutes, as S3, STS and IAM allow). */
  maxSkewMs?: number;
  /** Largest aws-chunked chunk, bytes (default 16 MiB). */
  maxChunkSize?: number;
  /** Longest chunk header or trailer line, bytes (default 4 KiB). */
  maxLineLength?: number;
  /**
   * Largest body read whole before the check, bytes: outside S3 a request without
   * `x-amz-content-sha256` signs the body's hash, which needs the whole body (default 10 MiB,
   * API Gateway's payload quota).
   */
  maxBufferedBody?: number;
}

/** A request whose signature verified. */
export interface VerifiedRequest<C extends SigningCredentials = SigningCredentials> {
  ok: true;
  accessKeyId: string;
  service: string;
  region: string;
  sessionToken?: string;
  presigned: boolean;
  signedAt: Date;
  /**
   * The payload as the application should see it (decoded from aws-chunked), checked as it
   * streams: it errors with a SigV4Error (same `code` as a failure) instead of ending cleanly
   * when a hash, chunk signature, trailer or checksum does not match. Null for no body.
   */
  body: ReadableStream<Uint8Array> | null;
  /** What the credentials source answered. */
  credentials: C;
  /** The request's signature (hex), its SignedHeaders (lower-case) and x-amz-content-sha256 (or the computed hash). */
  signature: string;
  signedHeaders: string[];
  payloadHash: string;
  /** Presigned URLs: when they stop being valid. */
  expiresAt?: Date;
  /** aws-chunked uploads: `x-amz-decoded-content-length`. */
  decodedContentLength?: number;
  /**
   * The flexible checksum checked over the body, if any, and where its value came from; `value`
   * (base64) is set once it verified: at once for a header without a body, else when the body
   * has been read to its end.
   */
  checksum?: { algorithm: string; location: "header" | "trailer"; readonly value?: string };
}

/** A request that did not verify: the code, HTTP status and message AWS gives. */
export interface SigV4Failure {
  ok: false;
  code: string;
  status: number;
  message: string;
  /** Extra error fields (S3's `CanonicalRequest`, `StringToSign`, `ServerTime`, `HeadersNotSigned`, ...). */
  details: Record<string, string>;
  /** Which family's error shape this is (how to serialize it). */
  dialect: Dialect;
  /** The scope's service and access key, when the request got that far. */
  service?: string;
  accessKeyId?: string;
  /** True when the request carried no signature at all (S3 then treats it as anonymous). */
  anonymous?: boolean;
}

export type VerifyResult<C extends SigningCredentials = SigningCredentials> = VerifiedRequest<C> | SigV4Failure;
