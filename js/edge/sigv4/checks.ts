/**
 * @module edge/sigv4/checks
 * The checks before any cryptography: the credential scope (terminator, service, region), the
 * request date (X-Amz-Date, or Date for header signatures) against the scope's day, the clock
 * skew (15 minutes) or the presigned window (X-Amz-Expires 1..604800 s), and the signed
 * headers (`host` always; every `x-amz-*` header present).
 */
import { basic, expiresOutOfRange, headersNotSigned, hostNotSigned, invalidDate, missingDate, parseAmzDateMs,
  presignedExpired, presignedNotYetValid, requestTimeTooSkewed, scopeDateMismatch, wrongRegion, wrongService,
  wrongTerminator, type Dialect } from "./errors.ts";
import type { SignatureInput } from "./signature-input.ts";

/** The longest a presigned URL may live ("Authenticating Requests: Using Query Parameters"). */
export const MAX_EXPIRES_SECONDS = 604800;

export function checkScope(d: Dialect, input: SignatureInput, service: string | undefined, region: string | readonly string[] | undefined): void {
  if (input.terminator !== "aws4_request") throw wrongTerminator(d, input.presigned, input.terminator);
  if (service !== undefined && input.service !== service) throw wrongService(d, input.presigned, input.service, service);
  if (region !== undefined) {
    const allowed = typeof region === "string" ? [region] : region;
    if (!allowed.includes(input.region)) throw wrongRegion(d, input.presigned, input.region, allowed[0] ?? "");
  }
}

/** X-Amz-Date in basic format: the query's, the header's, or the Date header converted. */
export function requestDate(d: Dialect, input: SignatureInput, headers: Headers): string {
  if (input.presigned) {
    if (Number.isNaN(parseAmzDateMs(input.amzDate!))) throw invalidDate(d, true, input.amzDate!);
    return input.amzDate!;
  }
  const amz = headers.get("x-amz-date");
  if (amz !== null) {
    if (Number.isNaN(parseAmzDateMs(amz))) throw invalidDate(d, false, amz);
    return amz;
  }
  const date = headers.get("date");
  if (date === null) throw missingDate(d);
  const ms = Date.parse(date);
  if (Number.isNaN(ms)) throw invalidDate(d, false, date);
  return basic(new Date(ms));
}

export interface TimeWindow {
  signedAt: Date;
  expiresAt?: Date;
}

/** The scope's day, then the skew or the presigned window. */
export function checkTime(d: Dialect, input: SignatureInput, amzDate: string, now: Date, maxSkewMs: number): TimeWindow {
  if (input.scopeDate !== amzDate.slice(0, 8)) throw scopeDateMismatch(d, input.presigned, input.scopeDate, amzDate);
  const signedAt = new Date(parseAmzDateMs(amzDate));
  if (!input.presigned) {
    if (Math.abs(now.getTime() - signedAt.getTime()) > maxSkewMs) throw requestTimeTooSkewed(d, amzDate, now, maxSkewMs);
    return { signedAt };
  }
  let expiresAt: Date | undefined;
  if (input.expires !== undefined) {
    const seconds = /^\d{1,7}$/.test(input.expires) ? Number(input.expires) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS)) throw expiresOutOfRange(d, input.expires);
    expiresAt = new Date(signedAt.getTime() + seconds * 1000);
  }
  const end = expiresAt ?? new Date(signedAt.getTime() + maxSkewMs);
  if (signedAt.getTime() - now.getTime() > maxSkewMs) throw presignedNotYetValid(d, amzDate, end, now);
  if (now.getTime() > end.getTime()) throw presignedExpired(d, input.expires ?? String(maxSkewMs / 1000), end, now);
  return { signedAt, expiresAt };
}

/**
 * `host` must be signed, and so must every `x-amz-*` header present (S3 refuses the others:
 * "There were headers present in the request which were not signed"). Outside S3,
 * `x-amz-security-token` may be added after signing ("Add the signature to the request": some
 * services take it unsigned; the AWS test suite's post-sts-header-after).
 */
export function checkSignedHeaders(d: Dialect, signed: string[], headers: Headers): void {
  if (!signed.includes("host")) throw hostNotSigned(d);
  const unsigned: string[] = [];
  headers.forEach((_value, name) => {
    if (!name.startsWith("x-amz-") || signed.includes(name)) return;
    if (d !== "s3" && name === "x-amz-security-token") return;
    unsigned.push(name);
  });
  if (unsigned.length > 0) throw headersNotSigned(d, unsigned);
}
