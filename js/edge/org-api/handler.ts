/**
 * @module edge/org-api/handler
 * One Organizations API call (JSON 1.1: `POST /`, `X-Amz-Target: AWSOrganizationsV20161128.<Op>`,
 * a JSON object body), after the caller's signature verified:
 *
 * 1. the operation, from the target: an unknown one is `UnknownOperationException`, one of AWS's
 *    that is not served here `UnknownOperationException` naming it (400, no retry);
 * 2. the body, a JSON object (`SerializationException` otherwise);
 * 3. authorization: `organizations:<Op>` on each of its resources (operations.ts), decided with the
 *    caller's own policies and its account's SCPs (`ctx.authorize`); a denial is
 *    AccessDeniedException with the engine's reason;
 * 4. the operation: reads on `ctx.organization` here, changes through `ctx.execute` (where the
 *    organization is stored: its Durable Object), CreateOrganization through
 *    `ctx.createOrganization`; the model's rules answer AWS's errors (js/org).
 *
 * It only parses and serializes: every rule is the model's. Never throws for a bad request.
 */
import type { ContextValue } from "../../engine/request.ts";
import { OrganizationsError } from "../../org/errors.ts";
import type { Organization } from "../../org/organization.ts";
import { ORGANIZATIONS_MODEL } from "./model.ts";
import { ORG_OPERATIONS, requestPolicyType } from "./operations.ts";
import { orgErrorResponse, orgJsonResponse, type OrgApiError } from "./json.ts";

type Input = Record<string, unknown>;

export interface OrgApiContext {
  /** The account whose principal signed the request. */
  callerAccountId: string;
  /** The caller's account's organization (undefined: it is in none). */
  organization: Organization | undefined;
  /** Decides `action` on `resource` for the caller; answers the AccessDenied message when denied. */
  authorize(action: string, resource: string, context: Record<string, ContextValue>): string | undefined;
  /** Runs a change where the organization is stored; throws OrganizationsError as the model does. */
  execute(operation: string, input: Input): Promise<unknown>;
  /** CreateOrganization for the caller's account (the caller becomes its management account). */
  createOrganization(input: Input): Promise<unknown>;
  requestId: string;
}

export const TARGET_PREFIX = `${ORGANIZATIONS_MODEL.targetPrefix}.`;

/** True when the request names the Organizations API in `X-Amz-Target`. */
export function isOrganizationsTarget(target: string | null | undefined): boolean {
  return typeof target === "string" && target.startsWith(TARGET_PREFIX);
}

class Refusal extends Error {
  constructor(readonly error: OrgApiError) {
    super(error.message);
  }
}

function operationOf(target: string | undefined): string {
  const name = isOrganizationsTarget(target) ? target!.slice(TARGET_PREFIX.length) : "";
  if (!ORGANIZATIONS_MODEL.operations.includes(name)) throw new Refusal({ code: "UnknownOperationException", message: `Unknown operation ${String(target ?? "").slice(0, 128)}` });
  if (name !== "CreateOrganization" && !Object.hasOwn(ORG_OPERATIONS, name)) {
    throw new Refusal({ code: "UnknownOperationException", message: `The Organizations operation ${name} is not served by this endpoint` });
  }
  return name;
}

function inputOf(body: string): Input {
  let parsed: unknown;
  try {
    parsed = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    throw new Refusal({ code: "SerializationException", message: "The request body is not valid JSON" });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Refusal({ code: "SerializationException", message: "The request body must be a JSON object" });
  return parsed as Input;
}

function authorize(ctx: OrgApiContext, name: string, input: Input): void {
  const op = ORG_OPERATIONS[name];
  const resources = op ? op.resources(ctx.organization, input) : ["*"];
  const context: Record<string, ContextValue> = { ...(op?.context?.(input) ?? {}) };
  const type = requestPolicyType(ctx.organization, input);
  if (type !== undefined) context["organizations:PolicyType"] = type;
  for (const resource of resources) {
    const denied = ctx.authorize(`organizations:${name}`, resource, context);
    if (denied !== undefined) throw new Refusal({ code: "AccessDeniedException", message: `You don't have permissions to access this resource. ${denied}` });
  }
}

async function run(ctx: OrgApiContext, name: string, input: Input): Promise<unknown> {
  if (name === "CreateOrganization") {
    if (ctx.organization) throw new OrganizationsError("AlreadyInOrganizationException", "This account is already a member of an organization.");
    return await ctx.createOrganization(input);
  }
  if (!ctx.organization) throw new OrganizationsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
  const op = ORG_OPERATIONS[name];
  // Awaited here, so a rejection has its handler at once (workerd reports a promise rejected before one is attached).
  return op.readOnly ? op.run(ctx.organization, ctx.callerAccountId, input) : await ctx.execute(name, input);
}

/** Serves one call (see the module doc). */
export async function handleOrganizations(target: string | undefined, body: string, ctx: OrgApiContext): Promise<Response> {
  try {
    const name = operationOf(target);
    const input = inputOf(body);
    authorize(ctx, name, input);
    return orgJsonResponse(await run(ctx, name, input), ctx.requestId);
  } catch (err) {
    if (err instanceof Refusal) return orgErrorResponse(err.error, ctx.requestId);
    if (err instanceof OrganizationsError) return orgErrorResponse({ code: err.code, message: err.message, reason: err.reason }, ctx.requestId);
    return orgErrorResponse({ code: "ServiceException", message: "AWS Organizations can't complete your request because of an internal service error. Try again later." }, ctx.requestId);
  }
}

/** Runs a change on the stored organization (its Durable Object), for `ctx.execute`. */
export function runChange(org: Organization, caller: string, operation: string, input: Input): unknown {
  const op = ORG_OPERATIONS[operation];
  if (!op || op.readOnly) throw new Error(`${operation} is not an Organizations change served here`);
  return op.run(org, caller, input);
}
