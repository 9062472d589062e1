/**
 * @module edge/s3-api/control
 * S3 Control's account-level Block Public Access ("PutPublicAccessBlock", "GetPublicAccessBlock",
 * "DeletePublicAccessBlock" in the S3 Control API Reference): `/v20180820/configuration/
 * publicAccessBlock` with the account in `x-amz-account-id`, authorized as
 * `s3:PutAccountPublicAccessBlock` / `s3:GetAccountPublicAccessBlock` on `*` (DELETE needs the Put
 * action, as its Permissions section says). A caller may manage only its own account's settings.
 */
import type { S3Caller } from "./auth/caller.ts";
import type { S3Decision } from "./auth/decide.ts";
import type { S3GatewayOptions } from "./context.ts";
import { readSmallBody } from "./body.ts";
import { accessDenied, malformedXml, noSuchPublicAccessBlock, notImplemented } from "./errors.ts";
import { parsePublicAccessBlock } from "./ops/bucket-config.ts";
import { el } from "./xml.ts";

export const CONTROL_PATH = "/v20180820/configuration/publicAccessBlock";
const NAMESPACE = "http://awss3control.amazonaws.com/doc/2018-08-20/";
const SETTINGS = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"] as const;

/** Whether a request is S3 Control's account Block Public Access. */
export function isControlRequest(request: Request, path: string): boolean {
  return request.headers.has("x-amz-account-id") && path.startsWith("/v20180820/");
}

export function controlAction(method: string): { operation: string; action: string } {
  if (method === "GET") return { operation: "GetAccountPublicAccessBlock", action: "s3:GetAccountPublicAccessBlock" };
  if (method === "PUT") return { operation: "PutAccountPublicAccessBlock", action: "s3:PutAccountPublicAccessBlock" };
  if (method === "DELETE") return { operation: "DeleteAccountPublicAccessBlock", action: "s3:PutAccountPublicAccessBlock" };
  throw notImplemented();
}

/** Serves an authorized S3 Control request. */
export async function serveControl(request: Request, path: string, caller: S3Caller, decision: S3Decision, options: S3GatewayOptions): Promise<Response> {
  if (path !== CONTROL_PATH) throw notImplemented("Only the account's PublicAccessBlock of the S3 Control API is implemented");
  if (!decision.allowed) throw accessDenied();
  const account = request.headers.get("x-amz-account-id")!;
  if (caller.anonymous || account !== caller.accountId) throw accessDenied();
  if (request.method === "GET") {
    const s = await options.buckets.accountPublicAccessBlock(account);
    if (!s) throw noSuchPublicAccessBlock();
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<PublicAccessBlockConfiguration xmlns="${NAMESPACE}">${SETTINGS.map((k) => el(k, s[k])).join("")}</PublicAccessBlockConfiguration>`;
    return new Response(body, { status: 200, headers: { "content-type": "application/xml" } });
  }
  if (request.method === "PUT") {
    await options.buckets.setAccountPublicAccessBlock(account, parsePublicAccessBlock(await readSmallBody(caller.body, 64 * 1024, malformedXml)));
    return new Response(null, { status: 200 });
  }
  await options.buckets.setAccountPublicAccessBlock(account, null);
  return new Response(null, { status: 204 });
}
