/**
 * @module edge/sso-api/handler
 * One IAM Identity Center API call in AWS's JSON 1.1 (`POST /`, a JSON object body), after the
 * caller's signature verified:
 * - `X-Amz-Target: SWBExternalService.<Op>` is the SSO admin API (signing name `sso`), authorized
 *   as `sso:<Op>`; `AWSIdentityStore.<Op>` the identity store API (signing name
 *   `identitystore`), authorized as `identitystore:<Op>` (Service Authorization Reference, "Actions
 *   defined by AWS IAM Identity Center" and "... Identity Store");
 * - only the organization's management account administers its instance ("Organization
 *   instances": "managed from the management account"; a delegated administrator is not
 *   modelled): a caller of another account, or outside an organization, is AccessDeniedException;
 * - the operation runs where the instance is stored (`ctx.execute`), which answers the model's
 *   output or its SsoError; errors are `{"__type": "<Code>", "Message": ...}` with the status the
 *   model gives the code (js/sso/errors.ts). Never throws for a bad request.
 */
import type { ContextValue } from "../../engine/request.ts";
import { SSO_ERROR_STATUS, type SsoErrorCode } from "../../sso/errors.ts";
import { ADMIN_OPERATIONS, IDENTITY_STORE_OPERATIONS } from "../../sso/instance.ts";

type Input = Record<string, unknown>;
const HEADERS = { "content-type": "application/x-amz-json-1.1" };
export const ADMIN_PREFIX = "SWBExternalService.";
export const IDENTITY_STORE_PREFIX = "AWSIdentityStore.";

export type SsoService = "sso" | "identitystore";
export type SsoAnswer = { ok: true; output: unknown } | { ok: false; code: string; message: string };

export interface SsoApiContext {
  callerAccountId: string;
  /** The management account of the caller's organization (undefined: none). */
  managementAccountId: string | undefined;
  authorize(action: string, resource: string, context: Record<string, ContextValue>): string | undefined;
  execute(service: SsoService, operation: string, input: Input): Promise<SsoAnswer>;
  requestId: string;
}

/** The service a target names, or undefined. */
export function ssoServiceOf(target: string | null | undefined): SsoService | undefined {
  if (typeof target !== "string") return undefined;
  if (target.startsWith(ADMIN_PREFIX)) return "sso";
  if (target.startsWith(IDENTITY_STORE_PREFIX)) return "identitystore";
  return undefined;
}

export function ssoJsonResponse(output: unknown, requestId: string): Response {
  const body = JSON.stringify(output ?? {}, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
  return new Response(body, { status: 200, headers: { ...HEADERS, "x-amzn-requestid": requestId } });
}

export function ssoErrorResponse(code: string, message: string, requestId: string, status?: number): Response {
  const s = status ?? SSO_ERROR_STATUS[code as SsoErrorCode] ?? 400;
  return new Response(JSON.stringify({ __type: code, Message: message }), { status: s, headers: { ...HEADERS, "x-amzn-requestid": requestId, "x-amzn-errortype": code } });
}

function inputOf(body: string): Input | undefined {
  try {
    const parsed: unknown = body.trim() === "" ? {} : JSON.parse(body);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Input) : undefined;
  } catch {
    return undefined;
  }
}

/** The ARN an operation is authorized on: the permission set's or instance's when named, else `*`. */
function resourceOf(input: Input): string {
  for (const k of ["PermissionSetArn", "InstanceArn"]) if (typeof input[k] === "string") return input[k] as string;
  return "*";
}

/** Serves one call (see the module doc). */
export async function handleSso(target: string | undefined, body: string, ctx: SsoApiContext): Promise<Response> {
  const service = ssoServiceOf(target);
  const name = target?.slice(target.indexOf(".") + 1) ?? "";
  const known = service === "sso" ? ADMIN_OPERATIONS : IDENTITY_STORE_OPERATIONS;
  if (!service || !known.includes(name)) return ssoErrorResponse("UnknownOperationException", `The operation ${String(target ?? "").slice(0, 128)} is not served by this endpoint`, ctx.requestId, 400);
  const input = inputOf(body);
  if (!input) return ssoErrorResponse("SerializationException", "The request body must be a JSON object", ctx.requestId, 400);
  const action = `${service}:${name}`;
  const denied = ctx.authorize(action, resourceOf(input), {});
  if (denied !== undefined) return ssoErrorResponse("AccessDeniedException", `You don't have permissions to access this resource. ${denied}`, ctx.requestId);
  if (ctx.managementAccountId !== ctx.callerAccountId) {
    return ssoErrorResponse("AccessDeniedException", "IAM Identity Center is administered from the organization's management account", ctx.requestId);
  }
  const answer = await ctx.execute(service, name, input);
  return answer.ok ? ssoJsonResponse(answer.output, ctx.requestId) : ssoErrorResponse(answer.code, answer.message, ctx.requestId);
}
