/**
 * @module edge/sigv4/signature
 * Computes the request's signature and compares it, in constant time, with the one it carries.
 * A standard `Headers` joins a repeated header with `, ` where AWS joins with `,`, and some
 * services take `X-Amz-Security-Token` added to a presigned URL after signing: when the first
 * computation does not match, the verifier also tries those forms (at most three more HMACs,
 * and only for requests that have such a header or token). Each candidate is a string the
 * signer could have signed for this same request, so no forgery becomes possible; the error
 * reports the first form's canonical request, as AWS reports its own.
 */
import { canonicalHeaders } from "./canonical-headers.ts";
import { canonicalQuery, type QueryParam } from "./canonical-query.ts";
import { canonicalRequest, stringToSign } from "./canonical-request.ts";
import { constantTimeEqual, hmac } from "./crypto.ts";
import { toHex } from "./encoding.ts";
import { signatureDoesNotMatch, type Dialect } from "./errors.ts";

export interface SignatureCheck {
  dialect: Dialect;
  key: CryptoKey;
  accessKeyId: string;
  method: string;
  uri: string;
  params: QueryParam[];
  presigned: boolean;
  signedHeadersText: string;
  signedHeaders: string[];
  headerValues: (string | undefined)[];
  payloadHash: string;
  amzDate: string;
  scope: string;
  signature: string;
}

interface Form {
  joinComma: boolean;
  dropToken: boolean;
}

async function attempt(c: SignatureCheck, form: Form): Promise<{ ok: boolean; canonical: string; sts: string }> {
  const values = form.joinComma ? c.headerValues.map((v) => v?.replace(/, /g, ",")) : c.headerValues;
  const query = canonicalQuery(c.params, (name) => (c.presigned && name === "X-Amz-Signature") || (form.dropToken && name === "X-Amz-Security-Token"));
  const canonical = canonicalRequest({
    method: c.method, uri: c.uri, query, headers: canonicalHeaders(c.signedHeaders, values),
    signedHeaders: c.signedHeadersText, payloadHash: c.payloadHash,
  });
  const sts = await stringToSign(c.amzDate, c.scope, canonical);
  const computed = toHex(await hmac(c.key, sts));
  return { ok: constantTimeEqual(computed, c.signature), canonical, sts };
}

/** Resolves when the signature matches; throws SignatureDoesNotMatch otherwise. */
export async function checkSignature(c: SignatureCheck): Promise<void> {
  const first = await attempt(c, { joinComma: false, dropToken: false });
  if (first.ok) return;
  const joined = c.headerValues.some((v) => v?.includes(", "));
  const token = c.presigned && c.dialect !== "s3" && c.params.some((p) => p.name === "X-Amz-Security-Token");
  const forms: Form[] = [];
  if (joined) forms.push({ joinComma: true, dropToken: false });
  if (token) forms.push({ joinComma: false, dropToken: true });
  if (joined && token) forms.push({ joinComma: true, dropToken: true });
  for (const form of forms) if ((await attempt(c, form)).ok) return;
  throw signatureDoesNotMatch(c.dialect, { accessKeyId: c.accessKeyId, canonicalRequest: first.canonical, stringToSign: first.sts, signature: c.signature });
}
