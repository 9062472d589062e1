/**
 * @module edge/sigv4/canonical-uri
 * The CanonicalURI line ("Create a canonical request", IAM User Guide; "Signature Calculations
 * for the Authorization Header", S3 API Reference):
 * - S3 signs the object key UriEncoded once, `/` kept, and never normalizes the path (a key may
 *   hold `.`, `..` and `//`). What a client escaped beyond UriEncode (`%28` or `(`, `%7e`) does
 *   not change the key, so the path as sent is brought to that one canonical encoding.
 * - Every other service normalizes the path (RFC 3986 dot segments removed, empty segments
 *   dropped, a trailing `/` kept) and UriEncodes the path as sent: since a path on the wire is
 *   already encoded once, that is the "double encoding" (`%20` signs as `%2520`).
 * Both options can be set for signers configured otherwise (the AWS SigV4 test suite signs
 * generic services with and without normalization).
 */
import { canonicalPercentEncoding, uriEncode } from "./encoding.ts";

export interface UriOptions {
  /** UriEncode the path as sent (true for every service but S3). */
  doubleEncode: boolean;
  /** Remove `.`/`..` and empty segments (true for every service but S3). */
  normalize: boolean;
}

/** The default for a signing service name. */
export function uriOptionsFor(service: string): UriOptions {
  const s3 = service === "s3" || service === "s3-object-lambda";
  return { doubleEncode: !s3, normalize: !s3 };
}

/** RFC 3986 §5.2.4 dot-segment removal, as the AWS signers do it (empty segments dropped too). */
export function normalizePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith("/") ? "/" : "";
  return `${path.startsWith("/") ? "/" : ""}${segments.join("/")}${trailing}`;
}

/** The canonical URI of a path as received (percent-encoded as on the wire). */
export function canonicalUri(path: string, options: UriOptions): string {
  let p = path === "" ? "/" : path;
  if (options.normalize) p = normalizePath(p) || "/";
  return options.doubleEncode ? uriEncode(p, true) : canonicalPercentEncoding(p);
}
