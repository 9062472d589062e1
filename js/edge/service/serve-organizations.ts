/**
 * @module edge/service/serve-organizations
 * One Organizations API request (`X-Amz-Target: AWSOrganizationsV20161128.*`, signed for
 * `organizations`), in the Worker:
 *
 * 1. the caller's account (key-directory.ts), its copy brought to its object's stamp and its
 *    organization's guardrails put on it (organizations.ts);
 * 2. SigV4 verified and the caller resolved against that copy (the wire layer's `verifyCall`);
 * 3. the wire layer (js/edge/org-api) with the isolate's copy of the caller's organization:
 *    `organizations:<Op>` decided with the caller's own policies and its account's SCPs (the
 *    management account is exempt from SCPs), reads answered from the copy, changes and
 *    CreateOrganization run in the organization's object (organization-object.ts), which stores
 *    them before it answers; the next request sees the new version.
 *
 * Signature and credential failures answer in the JSON protocol's words
 * (UnrecognizedClientException, InvalidSignatureException, ...).
 */
import { accessDeniedMessage } from "../../iam/resolve/access-denied.ts";
import { authorizeResolved } from "../../iam/resolve/authorize.ts";
import { OrganizationsError } from "../../org/errors.ts";
import type { Organization } from "../../org/organization.ts";
import { QueryError } from "../aws-query/errors.ts";
import { signedScope } from "../api/detect.ts";
import { bodyText } from "../api/read-body.ts";
import { verifyCall } from "../api/verify-caller.ts";
import { jsonErrorFromQuery } from "../cloudtrail-api/sigv4-errors.ts";
import { handleOrganizations, type OrgApiContext } from "../org-api/handler.ts";
import { orgErrorResponse } from "../org-api/json.ts";
import type { OrgAnswer } from "./rpc.ts";
import { accountOfRequest, MAX_BODY_BYTES, replicaOf, type ServiceDeps } from "./serve-call.ts";

function refusal(e: QueryError, requestId: string): Response {
  const json = jsonErrorFromQuery(e);
  return orgErrorResponse({ code: json.code, message: json.message, status: json.status }, requestId);
}

function unwrap(answer: OrgAnswer): unknown {
  if (answer.ok) return answer.output;
  throw new OrganizationsError(answer.code as never, answer.message, answer.reason);
}

/** Serves an Organizations request (see the module doc). Never throws for a bad request. */
export async function serveOrganizations(request: Request, deps: ServiceDeps): Promise<Response> {
  const requestId = crypto.randomUUID();
  const orgs = deps.organizations;
  try {
    const scope = signedScope(request);
    if (!scope || !orgs) return refusal(new QueryError("MissingAuthenticationToken", 403, "Request is missing Authentication Token"), requestId);
    const now = deps.config.now();
    const sourceIp = request.headers.get("cf-connecting-ip") ?? undefined;
    const accountId = await accountOfRequest(request, scope.accessKeyId, deps);
    const replica = accountId === undefined ? undefined : await replicaOf(accountId, deps);
    const call = await verifyCall(request, { accounts: replica?.account ?? (() => undefined), service: "organizations", now, maxBody: MAX_BODY_BYTES, sourceIp });
    if ("error" in call) return refusal(call.error, requestId);
    const callerAccountId = call.account.accountId;
    let organization: Organization | undefined;
    if (replica?.organization) {
      const org = await orgs.cache.get(replica.organization, orgs.stub(replica.organization));
      if (org?.has(callerAccountId)) organization = org;
    }
    const ctx: OrgApiContext = {
      callerAccountId, organization, requestId,
      authorize: (action, resource, context) => {
        const result = authorizeResolved(call.account, call.caller.resolved, { action, resource, context: { ...call.context, ...context } });
        return result.decision === "Allow" ? undefined : accessDeniedMessage(call.caller.principal, action, resource, result);
      },
      execute: async (operation, input) => unwrap(await orgs.stub(organization!.managementAccountId).execute(organization!.managementAccountId, callerAccountId, operation, input)),
      createOrganization: async (input) => unwrap(await orgs.stub(callerAccountId).create(callerAccountId, input)),
    };
    return await handleOrganizations(request.headers.get("x-amz-target") ?? undefined, bodyText(call.body), ctx);
  } catch (err) {
    console.error(`iam-edge organizations ${requestId}: ${String(err)}`);
    return orgErrorResponse({ code: "ServiceException", message: "AWS Organizations can't complete your request because of an internal service error. Try again later." }, requestId);
  }
}
