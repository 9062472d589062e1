/**
 * @module edge/authorize/context
 * The request context keys AWS sets for a signed request, each from where AWS takes it ("AWS
 * global condition context keys", IAM User Guide; "Actions, resources, and condition keys for
 * Amazon S3"). The principal's keys (`aws:PrincipalArn`, `aws:PrincipalAccount`,
 * `aws:PrincipalType`, `aws:userid`, `aws:username`, `aws:PrincipalTag/*`,
 * `aws:MultiFactorAuthPresent`, `aws:MultiFactorAuthAge`, `aws:TokenIssueTime`) come from the
 * account model's resolution of the credentials; this file adds the request's:
 * - `aws:SourceIp`: the client address the runtime reports (Workers: `CF-Connecting-IP`);
 * - `aws:SecureTransport`: the request arrived over HTTPS;
 * - `aws:CurrentTime` (ISO 8601) and `aws:EpochTime` (seconds): the server's clock;
 * - `aws:RequestedRegion`: the region the request is signed for;
 * - `aws:UserAgent`, `aws:Referer`: those headers, when present;
 * - S3 only: `s3:authType` (`REST-HEADER` or `REST-QUERY-STRING`), `s3:signatureversion`
 *   (`AWS4-HMAC-SHA256`), `s3:signatureAge` (milliseconds since the signature's date),
 *   `s3:x-amz-content-sha256` (the payload hash as signed), `s3:TlsVersion` (where the runtime
 *   tells it: Workers' `request.cf.tlsVersion`, `TLSv1.3` → `1.3`).
 */
import type { ContextValue } from "../../engine/request.ts";

export interface RequestFacts {
  url: string;
  headers: Headers;
  /** The client's address, as the runtime reports it. */
  sourceIp?: string;
  /** The TLS version the runtime reports (`TLSv1.3`), if any. */
  tlsVersion?: string;
  now: Date;
}

export interface SignatureFacts {
  region: string;
  service: string;
  presigned: boolean;
  signedAt: Date;
  payloadHash: string;
}

export function requestContext(req: RequestFacts, sig: SignatureFacts): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    "aws:SecureTransport": new URL(req.url).protocol === "https:",
    "aws:CurrentTime": req.now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": Math.floor(req.now.getTime() / 1000),
    "aws:RequestedRegion": sig.region,
  };
  if (req.sourceIp) context["aws:SourceIp"] = req.sourceIp;
  const agent = req.headers.get("user-agent");
  if (agent !== null) context["aws:UserAgent"] = agent;
  const referer = req.headers.get("referer");
  if (referer !== null) context["aws:Referer"] = referer;
  if (sig.service === "s3") {
    context["s3:authType"] = sig.presigned ? "REST-QUERY-STRING" : "REST-HEADER";
    context["s3:signatureversion"] = "AWS4-HMAC-SHA256";
    context["s3:signatureAge"] = Math.max(0, req.now.getTime() - sig.signedAt.getTime());
    context["s3:x-amz-content-sha256"] = sig.payloadHash;
    const tls = /^TLSv(\d+(?:\.\d+)?)$/.exec(req.tlsVersion ?? "");
    if (tls) context["s3:TlsVersion"] = tls[1];
  }
  return context;
}
