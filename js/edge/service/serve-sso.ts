/**
 * @module edge/service/serve-sso
 * One IAM Identity Center request (`X-Amz-Target: SWBExternalService.*` signed for `sso`, or
 * `AWSIdentityStore.*` signed for `identitystore`), in the Worker, as serve-organizations.ts
 * serves Organizations: the caller's account and its copy (with its organization's guardrails),
 * SigV4 verified, then the wire layer (js/edge/sso-api) decides `sso:<Op>` / `identitystore:<Op>`
 * with the caller's policies and SCPs and runs the call in the organization's object, where the
 * instance is stored (identity-center-host.ts).
 */
import { accessDeniedMessage } from "../../iam/resolve/access-denied.ts";
import { authorizeResolved } from "../../iam/resolve/authorize.ts";
import { QueryError } from "../aws-query/errors.ts";
import { signedScope } from "../api/detect.ts";
import { bodyText } from "../api/read-body.ts";
import { verifyCall } from "../api/verify-caller.ts";
import { jsonErrorFromQuery } from "../cloudtrail-api/sigv4-errors.ts";
import { handleSso, ssoErrorResponse, ssoJsonResponse, ssoServiceOf, type SsoAnswer, type SsoApiContext } from "../sso-api/handler.ts";
import { accountOfRequest, MAX_BODY_BYTES, replicaOf, type ServiceDeps } from "./serve-call.ts";
import { PORTAL_TOKEN_HEADER, portalCallOf, portalResponse, tokenOwner } from "../sso-api/portal.ts";

function refusal(e: QueryError, requestId: string): Response {
  const json = jsonErrorFromQuery(e);
  return ssoErrorResponse(json.code, json.message, requestId, json.status);
}

/**
 * Serves an Identity Center request (see the module doc), or with `signIn` the portal's sign-in
 * (sso-api/portal.ts): signed for `sso`, authorized as `sso-oauth:CreateTokenWithIAM`, from the
 * management account. Never throws for a bad request.
 */
export async function serveSso(request: Request, deps: ServiceDeps, signIn = false): Promise<Response> {
  const requestId = crypto.randomUUID();
  const orgs = deps.organizations;
  try {
    const target = request.headers.get("x-amz-target") ?? undefined;
    const scope = signedScope(request);
    const service = signIn ? "sso" : ssoServiceOf(target);
    if (!scope || !orgs || !service) return refusal(new QueryError("MissingAuthenticationToken", 403, "Request is missing Authentication Token"), requestId);
    const now = deps.config.now();
    const sourceIp = request.headers.get("cf-connecting-ip") ?? undefined;
    const accountId = await accountOfRequest(request, scope.accessKeyId, deps);
    const replica = accountId === undefined ? undefined : await replicaOf(accountId, deps);
    const call = await verifyCall(request, { accounts: replica?.account ?? (() => undefined), service, now, maxBody: MAX_BODY_BYTES, sourceIp });
    if ("error" in call) return refusal(call.error, requestId);
    const callerAccountId = call.account.accountId;
    let managementAccountId: string | undefined;
    if (replica?.organization) {
      const org = await orgs.cache.get(replica.organization, orgs.stub(replica.organization));
      if (org?.has(callerAccountId)) managementAccountId = org.managementAccountId;
    }
    const ctx: SsoApiContext = {
      callerAccountId, managementAccountId, requestId,
      authorize: (action, resource, context) => {
        const result = authorizeResolved(call.account, call.caller.resolved, { action, resource, context: { ...call.context, ...context } });
        return result.decision === "Allow" ? undefined : accessDeniedMessage(call.caller.principal, action, resource, result);
      },
      execute: (svc, operation, input) => orgs.stub(managementAccountId!).ssoExecute(managementAccountId!, svc, operation, input, scope.region),
    };
    if (signIn) return await signInOf(bodyText(call.body), ctx, (userName) => orgs.stub(managementAccountId!).ssoSignIn(managementAccountId!, userName, scope.region));
    return await handleSso(target, bodyText(call.body), ctx);
  } catch (err) {
    console.error(`iam-edge identity center ${requestId}: ${String(err)}`);
    return ssoErrorResponse("InternalServerException", "The request processing has failed because of an unknown error.", requestId);
  }
}

async function signInOf(body: string, ctx: SsoApiContext, signIn: (userName: string) => Promise<SsoAnswer>): Promise<Response> {
  let userName: unknown;
  try {
    userName = (JSON.parse(body) as { UserName?: unknown }).UserName;
  } catch {
    userName = undefined;
  }
  if (typeof userName !== "string" || userName === "") return ssoErrorResponse("ValidationException", "The body must be {\"UserName\": \"<identity store user name>\"}", ctx.requestId);
  const denied = ctx.authorize("sso-oauth:CreateTokenWithIAM", "*", {});
  if (denied !== undefined) return ssoErrorResponse("AccessDeniedException", denied, ctx.requestId);
  if (ctx.managementAccountId !== ctx.callerAccountId) return ssoErrorResponse("AccessDeniedException", "Only the organization's management account signs users in", ctx.requestId);
  const answer = await signIn(userName);
  return answer.ok ? ssoJsonResponse(answer.output, ctx.requestId) : ssoErrorResponse(answer.code, answer.message, ctx.requestId);
}

/** Serves an access portal request (unsigned, the token in its header). Never throws for a bad request. */
export async function serveSsoPortal(request: Request, deps: ServiceDeps): Promise<Response> {
  try {
    const token = request.headers.get(PORTAL_TOKEN_HEADER) ?? "";
    const owner = tokenOwner(token);
    if (owner === undefined || !deps.organizations) return portalResponse({ ok: false, code: "UnauthorizedException", message: "Session token not found or invalid" });
    if (request.method !== "GET") return portalResponse({ ok: false, code: "InvalidRequestException", message: "The portal's operations are GET requests" });
    const call = portalCallOf(new URL(request.url));
    if ("error" in call) return portalResponse({ ok: false, code: "InvalidRequestException", message: call.error });
    return portalResponse(await deps.organizations.stub(owner).ssoPortal(owner, token, call));
  } catch (err) {
    console.error(`iam-edge access portal: ${String(err)}`);
    return portalResponse({ ok: false, code: "InternalServerException", message: "The request processing has failed because of an unknown error." });
  }
}
