/**
 * @module edge/sigv4/canonical-request
 * The canonical request and the string to sign ("Create a canonical request" and "Create a
 * string to sign", IAM User Guide):
 *
 *     Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 *     AWS4-HMAC-SHA256 \n RequestDateTime \n CredentialScope \n Hex(SHA256(CanonicalRequest))
 */
import { sha256Hex } from "./crypto.ts";

export interface CanonicalParts {
  method: string;
  uri: string;
  query: string;
  /** The CanonicalHeaders block, each line ending with `\n`. */
  headers: string;
  /** `host;x-amz-date`, as SignedHeaders lists them. */
  signedHeaders: string;
  payloadHash: string;
}

export function canonicalRequest(p: CanonicalParts): string {
  return `${p.method}\n${p.uri}\n${p.query}\n${p.headers}\n${p.signedHeaders}\n${p.payloadHash}`;
}

export async function stringToSign(amzDate: string, scope: string, canonical: string): Promise<string> {
  return `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${await sha256Hex(canonical)}`;
}
