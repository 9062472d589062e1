/**
 * @module edge/sigv4/payload
 * The payload modes of `x-amz-content-sha256` ("Authenticating Requests: Using the Authorization
 * Header", S3 API Reference) and the body each gives the application:
 * - a hex SHA-256: the body checked against it as it streams (`XAmzContentSHA256Mismatch`);
 * - `UNSIGNED-PAYLOAD`: the body as sent (presigned S3 URLs imply it);
 * - `STREAMING-AWS4-HMAC-SHA256-PAYLOAD`, `...-PAYLOAD-TRAILER`: aws-chunked with chunk (and
 *   trailer) signatures; `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: aws-chunked, unsigned chunks and
 *   a trailer (what the AWS SDKs and CLI send by default since 2025): decoded and checked;
 * - no header outside S3: the hash of the body itself is signed, so the body is read first
 *   (bounded by `maxBufferedBody`).
 * Flexible checksums (`x-amz-checksum-*` headers, or the trailer `x-amz-trailer` declares) are
 * checked over the decoded body (`BadDigest`).
 */
import { checksumByHeader, CHECKSUMS } from "../checksums/algorithms.ts";
import { decodeAwsChunked, EMPTY_SHA256, type ChunkSigning } from "./aws-chunked.ts";
import { ChecksumCheck } from "./checksum-check.ts";
import { contentSha256Mismatch, invalidChecksumRequest, invalidContentSha256, missingDecodedContentLength, unsupportedAlgorithm, type Dialect } from "./errors.ts";
import { verifyPlainBody } from "./plain-body.ts";

export type PayloadMode =
  | { kind: "hash"; hash: string }
  | { kind: "unsigned" }
  | { kind: "streaming"; signed: boolean; trailer: boolean };

const STREAMING: Record<string, { signed: boolean; trailer: boolean }> = {
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD": { signed: true, trailer: false },
  "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER": { signed: true, trailer: true },
  "STREAMING-UNSIGNED-PAYLOAD-TRAILER": { signed: false, trailer: true },
};

/** The mode an `x-amz-content-sha256` value names. */
export function payloadMode(d: Dialect, value: string): PayloadMode {
  if (value === "UNSIGNED-PAYLOAD") return { kind: "unsigned" };
  const streaming = STREAMING[value];
  if (streaming) return { kind: "streaming", ...streaming };
  if (/^[0-9a-fA-F]{64}$/.test(value)) return { kind: "hash", hash: value.toLowerCase() };
  if (value.startsWith("STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD")) throw unsupportedAlgorithm(d, "AWS4-ECDSA-P256-SHA256 (Signature Version 4a)");
  throw invalidContentSha256(d);
}

export interface BodyInput {
  dialect: Dialect;
  mode: PayloadMode;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
  /** For signed chunks. */
  signing: ChunkSigning;
  maxChunkSize: number;
  maxLineLength: number;
}

export interface BodyOutput {
  body: ReadableStream<Uint8Array> | null;
  decodedContentLength?: number;
  checksum?: { algorithm: string; location: "header" | "trailer"; readonly value?: string };
}

/** Header checksums and the trailer's (at most one in all, as S3 allows). */
function checksumsOf(d: Dialect, headers: Headers, declaredTrailers: string[]): { checks: ChecksumCheck[]; location?: "header" | "trailer" } {
  const fromHeaders = CHECKSUMS.filter((c) => headers.has(c.header)).map((c) => new ChecksumCheck(d, c, headers.get(c.header)!));
  const fromTrailer: ChecksumCheck[] = [];
  for (const name of declaredTrailers) {
    const spec = checksumByHeader(name);
    if (spec) fromTrailer.push(new ChecksumCheck(d, spec));
  }
  const checks = [...fromHeaders, ...fromTrailer];
  if (checks.length > 1) throw invalidChecksumRequest(d, "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.");
  return { checks, location: fromHeaders.length ? "header" : fromTrailer.length ? "trailer" : undefined };
}

function declaredTrailersOf(headers: Headers): string[] {
  const raw = headers.get("x-amz-trailer");
  return raw === null ? [] : raw.split(",").map((s) => s.trim().toLowerCase()).filter((s) => s !== "");
}

/** The application's body for a verified request. */
export function buildBody(input: BodyInput): BodyOutput {
  const { dialect: d, mode, headers } = input;
  const declared = declaredTrailersOf(headers);
  if (declared.length > 0 && !(mode.kind === "streaming" && mode.trailer)) {
    throw invalidChecksumRequest(d, "x-amz-trailer needs a STREAMING-...-TRAILER x-amz-content-sha256");
  }
  const { checks, location } = checksumsOf(d, headers, declared);
  const check = checks[0];
  // `value` reads the check: a trailer's value is known (and verified) only once the body ended.
  const checksum = location ? { algorithm: check.spec.algorithm, location, get value() { return check.verified; } } : undefined;
  if (mode.kind === "streaming") {
    const raw = headers.get("x-amz-decoded-content-length");
    if (raw === null || !/^\d{1,16}$/.test(raw)) throw missingDecodedContentLength(d);
    const decodedLength = Number(raw);
    const source = input.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const body = decodeAwsChunked(source, {
      dialect: d, signing: mode.signed ? input.signing : undefined, trailer: mode.trailer, decodedLength,
      declaredTrailers: declared, checksums: checks, maxChunkSize: input.maxChunkSize, maxLineLength: input.maxLineLength,
    });
    return { body, decodedContentLength: decodedLength, checksum };
  }
  const sha = mode.kind === "hash" ? mode.hash : undefined;
  if (input.body === null) {
    // No body: check now, so a GET that declared another hash fails before it runs.
    if (sha !== undefined && sha !== EMPTY_SHA256) throw contentSha256Mismatch(d, sha, EMPTY_SHA256);
    for (const c of checks) c.verify();
    return { body: null, checksum };
  }
  if (sha === undefined && checks.length === 0) return { body: input.body };
  return { body: verifyPlainBody(input.body, { dialect: d, sha256: sha, checksums: checks }), checksum };
}
