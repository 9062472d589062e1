/**
 * @module edge/service/route
 * How one origin tells its callers apart (docs/edge.md, "One origin"), first match wins:
 *
 * | request | goes to |
 * | --- | --- |
 * | `GET /healthz` | health.ts |
 * | `/_iam-edge/explain/<id>` | explain.ts |
 * | `X-Amz-Target: AWSOrganizationsV20161128.*` | Organizations (serve-organizations.ts) |
 * | `X-Amz-Target: SWBExternalService.*` or `AWSIdentityStore.*` | IAM Identity Center (serve-sso.ts) |
 * | `POST /_iam-edge/sso/sign-in`; a request with `x-amz-sso_bearer_token` | the access portal's sign-in and API (serve-sso.ts) |
 * | `X-Amz-Target: CloudTrail_20131101.*`, or a SigV4 scope naming `iam`, `sts` or `cloudtrail` | that API (serve-call.ts) |
 * | an unsigned form POST, or `?Action=` | the query API: STS's unsigned calls, else MissingAuthenticationToken |
 * | a SigV4 scope naming `s3` | S3 (issue 16: `NotImplemented` until the gateway lands) |
 * | a SigV4 scope naming another service | `NotImplemented`, naming it |
 * | anything else unsigned: `GET`/`HEAD` | the playground (static assets) |
 * | anything else | 405 |
 *
 * The SDKs and the CLI sign with the service's signing name whatever the endpoint URL, so the
 * credential scope names the API even though every service shares this host; CloudTrail's JSON
 * protocol names itself in `X-Amz-Target`. The anonymous S3 requests of issue 16 will take the
 * unsigned requests that are not the playground's (a path that names no asset, or a method other
 * than GET and HEAD).
 */
import { detectApi, signedScope } from "../api/detect.ts";
import { EXPLAIN_PREFIX } from "./explain.ts";
import { isOrganizationsTarget } from "../org-api/handler.ts";
import { ssoServiceOf } from "../sso-api/handler.ts";
import { PORTAL_TOKEN_HEADER, SIGN_IN_PATH } from "../sso-api/portal.ts";

export type Route =
  | { kind: "health" }
  | { kind: "explain" }
  | { kind: "api" }
  | { kind: "organizations" }
  | { kind: "sso" }
  | { kind: "sso-sign-in" }
  | { kind: "sso-portal" }
  | { kind: "s3" }
  | { kind: "other-service"; service: string }
  | { kind: "playground" }
  | { kind: "method-not-allowed" };

export function routeOf(request: Request): Route {
  const url = new URL(request.url);
  if (url.pathname === "/healthz" && (request.method === "GET" || request.method === "HEAD")) return { kind: "health" };
  if (url.pathname.startsWith(EXPLAIN_PREFIX)) return { kind: "explain" };
  // Organizations' JSON 1.1 target (docs/organizations.md): before the signing scope, which names `organizations`.
  if (isOrganizationsTarget(request.headers.get("x-amz-target"))) return { kind: "organizations" };
  if (ssoServiceOf(request.headers.get("x-amz-target")) !== undefined) return { kind: "sso" };
  if (url.pathname === SIGN_IN_PATH && request.method === "POST") return { kind: "sso-sign-in" };
  if (request.headers.has(PORTAL_TOKEN_HEADER)) return { kind: "sso-portal" };
  if (detectApi(request) !== undefined) return { kind: "api" };
  const scope = signedScope(request);
  if (scope?.service === "s3") return { kind: "s3" };
  if (scope) return { kind: "other-service", service: scope.service };
  if (request.method === "GET" || request.method === "HEAD") return { kind: "playground" };
  return { kind: "method-not-allowed" };
}
