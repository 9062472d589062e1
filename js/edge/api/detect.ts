/**
 * @module edge/api/detect
 * Which AWS API a request is for, from what arrives before its body: so one origin can serve
 * IAM, STS, CloudTrail, S3 and the playground, and route a call to its account before reading it.
 * - `X-Amz-Target: CloudTrail_20131101.*` (the AWS CLI puts the namespace
 *   `com.amazonaws.cloudtrail.v20131101.` before it): CloudTrail (JSON 1.1);
 * - a SigV4 credential scope (the Authorization header, or `X-Amz-Credential` of a presigned
 *   URL) naming `iam`, `sts` or `cloudtrail`: that API (the SDKs sign with the service's signing
 *   name, whatever the endpoint URL);
 * - otherwise (unsigned, or a signature whose scope does not parse), a form POST
 *   (`application/x-www-form-urlencoded`) or a request with `Action=` in its query: the query
 *   protocol, IAM or STS as its `Version` will say (STS's AssumeRoleWithWebIdentity is unsigned;
 *   a malformed signature is answered IncompleteSignature);
 * - anything else (a scope naming another service, S3's REST requests, a browser's GET): not an
 *   API request of these three.
 * `signedScope` parses the scope without verifying anything: for routing only.
 */

export type DetectedApi = "iam" | "sts" | "cloudtrail" | "query";

export interface SignedScope {
  accessKeyId: string;
  region: string;
  service: string;
}

interface RequestHead {
  method: string;
  url: string;
  headers: Headers;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]*)\/([^/,\s]+)\/aws4_request/;

/** The access key, region and service a request says it is signed with (unverified). */
export function signedScope(request: RequestHead): SignedScope | undefined {
  const auth = request.headers.get("authorization");
  let m = auth?.startsWith("AWS4-HMAC-SHA256 ") ? CREDENTIAL.exec(auth) : null;
  if (!m) {
    const credential = new URL(request.url).searchParams.get("X-Amz-Credential");
    if (credential) m = CREDENTIAL.exec(`Credential=${credential}`);
  }
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : undefined;
}

/** See the module doc. */
export function detectApi(request: RequestHead): DetectedApi | undefined {
  if (/^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\./.test(request.headers.get("x-amz-target") ?? "")) return "cloudtrail";
  const scope = signedScope(request);
  if (scope) return scope.service === "iam" || scope.service === "sts" || scope.service === "cloudtrail" ? scope.service : undefined;
  if (new URL(request.url).searchParams.has("Action")) return "query";
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return request.method === "POST" && type === "application/x-www-form-urlencoded" ? "query" : undefined;
}
