/**
 * @module test/unit/edge/signers
 * Requests signed by real clients' signers, for the verifier tests: `@smithy/signature-v4` (the
 * signer inside every AWS SDK for JavaScript v3, hashing with `@aws-crypto/sha256-js`) and
 * `aws4fetch`. Paths and queries are put on the wire as the SDK serializers do (each path
 * segment and query part encoded with encodeURIComponent plus `!'()*`).
 */
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { AwsV4Signer } from "aws4fetch";

export const CREDS = { accessKeyId: "AKIDEXAMPLE12345", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
export const TEMP = { accessKeyId: "ASIAEXAMPLE12345", secretAccessKey: "tEmPoRaRy/SeCrEt+KeY0123456789abcdefghij", sessionToken: "FwoGZXIvYXdzEJr//////////wEaDExample+Token/With=Chars" };

/** The SDK's extendedEncodeURIComponent. */
export function encodePart(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export interface Spec {
  service: string;
  region: string;
  method: string;
  host: string;
  /** Decoded path segments (S3: bucket then the key's segments). */
  segments: string[];
  query: [string, string][];
  headers: Record<string, string>;
  body?: Uint8Array;
  date: Date;
  creds?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export function wirePath(spec: Spec): string {
  return "/" + spec.segments.map(encodePart).join("/");
}

export function wireQuery(query: [string, string][]): string {
  return query.map(([k, v]) => `${encodePart(k)}=${encodePart(v)}`).join("&");
}

export interface Signed {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** Signs with @smithy/signature-v4 (header form, or presigned with `expiresIn`). */
export async function smithySign(spec: Spec, presign?: { expiresIn: number }, applyChecksum = true): Promise<Signed> {
  const s3 = spec.service === "s3";
  const signer = new SignatureV4({ credentials: spec.creds ?? CREDS, region: spec.region, service: spec.service, sha256: Sha256, uriEscapePath: !s3, applyChecksum });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of spec.query) query[k] = k in query ? ([] as string[]).concat(query[k], v) : v;
  const headers: Record<string, string> = { host: spec.host, ...spec.headers };
  if (s3 && !presign && !Object.keys(headers).some((h) => h.toLowerCase() === "x-amz-content-sha256")) {
    headers["x-amz-content-sha256"] = spec.body ? "UNSIGNED-PAYLOAD" : "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  }
  // @aws-sdk/s3-request-presigner sets `X-Amz-Content-Sha256: UNSIGNED-PAYLOAD`, which the
  // signer hoists into the query like every x-amz-* header.
  if (s3 && presign) headers["X-Amz-Content-Sha256"] = "UNSIGNED-PAYLOAD";
  const request = { method: spec.method, protocol: "https:", hostname: spec.host, path: wirePath(spec), query, headers, body: spec.body };
  const signed = presign
    ? await signer.presign(request, { signingDate: spec.date, expiresIn: presign.expiresIn })
    : await signer.sign(request, { signingDate: spec.date });
  const outHeaders = { ...(signed.headers as Record<string, string>) };
  const q = Object.entries(signed.query ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v as string] as [string, string]]));
  const search = wireQuery(q);
  return { method: spec.method, url: `https://${spec.host}${signed.path}${search ? `?${search}` : ""}`, headers: outHeaders, body: spec.body };
}

/** Signs with aws4fetch's AwsV4Signer (header form, or `signQuery`). */
export async function aws4fetchSign(spec: Spec, signQuery = false): Promise<Signed> {
  const search = wireQuery(spec.query);
  const creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = spec.creds ?? CREDS;
  const datetime = spec.date.toISOString().replace(/[:-]|\.\d{3}/g, "");
  const signer = new AwsV4Signer({
    method: spec.method, url: `https://${spec.host}${wirePath(spec)}${search ? `?${search}` : ""}`, headers: spec.headers,
    body: spec.body as never, accessKeyId: creds.accessKeyId, secretAccessKey: creds.secretAccessKey, sessionToken: creds.sessionToken,
    service: spec.service, region: spec.region, datetime, signQuery,
  });
  const signed = await signer.sign();
  const headers: Record<string, string> = { host: spec.host };
  signed.headers.forEach((v, k) => (headers[k] = v));
  return { method: spec.method, url: signed.url.toString(), headers, body: spec.body };
}

/** The signed request as a server receives it. */
export function toServerRequest(s: Signed): { method: string; url: string; headers: Headers; body: ReadableStream<Uint8Array> | null } {
  const headers = new Headers(s.headers);
  const body = s.body && s.method !== "GET" && s.method !== "HEAD" ? s.body : undefined;
  try {
    const r = new Request(s.url, { method: s.method, headers, body: body as BodyInit | undefined });
    if (r.headers.get("host") === headers.get("host")) return r;
  } catch {
    // fall through
  }
  const bytes = body;
  return { method: s.method, url: s.url, headers, body: bytes ? new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } }) : null };
}
