/**
 * @module iam/resolve/caller
 * "Controlling access to IAM": every IAM action is itself authorized. When an operation is given
 * a caller (`options.caller`: a principal ARN of the account, or credentials), the caller's
 * policies must allow the operation's action on its resource, else AccessDenied with AWS's text;
 * a change IAM refuses whatever the policies say (the engine's reason UnmodifiableEntity) is
 * IAM's UnmodifiableEntity once the policies allow it.
 * A caller that is not a principal of this account has no policies here: implicitly denied.
 * Credentials are resolved by STS (`account.resolveCredentials`), whose errors
 * (InvalidClientTokenId, ExpiredToken, ...) pass through.
 */
import type { AccountState, OperationOptions } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { AuthorizationResult } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { noteOperationCheck } from "../audit/run.ts";
import { accessDeniedMessage, denialError } from "./access-denied.ts";
import { authorizePrincipal, authorizeResolved, mergeContext } from "./authorize.ts";
import { suppliedContext } from "./supplied-context.ts";
import type { CallerCredentials } from "./types.ts";

/**
 * Authorizes `action` on `resource` for `options.caller` (nothing to do without a caller). The
 * request context is the operation's own keys (`request`: `aws:RequestTag/*`, `iam:PolicyARN`,
 * ..., from the request's parameters) over the transport keys of `options.context`
 * (supplied-context.ts): every other key of `options.context` is ignored. `shown` is the
 * resource as AWS's denial names it, when that is not an ARN (ListPolicies: `policy path /`).
 */
export async function authorizeOperation(account: AccountState, options: OperationOptions | undefined, action: string, resource: string, request?: Record<string, ContextValue | undefined>, shown = resource): Promise<void> {
  const check = noteOperationCheck(account, options, action, resource);
  if (!options?.caller) return;
  const caller: unknown = options.caller;
  const byArn = typeof caller === "string";
  const context = mergeContext(suppliedContext(options.context, { mfa: byArn }), request as Record<string, ContextValue> | undefined);
  const { arn, result } = !byArn && caller !== null && typeof caller === "object"
    ? await decideCredentials(account, caller as CallerCredentials, action, resource, context)
    : { arn: options.caller, result: decideArn(account, options.caller, action, resource, context, shown) };
  if (check) check.result = result;
  if (result.decision !== "Allow") throw denialError(arn, action, shown, result);
}

/** Credentials `{ accessKeyId, sessionToken }` (untyped callers; STS operations take them typed): the principal they resolve to, and its decision. */
async function decideCredentials(account: AccountState, credentials: CallerCredentials, action: string, resource: string, context?: Record<string, ContextValue>): Promise<{ arn: string; result: AuthorizationResult }> {
  const { resolved } = await account.resolveCredentials(credentials, { serviceName: "iam" });
  return { arn: resolved.arn, result: authorizeResolved(account, resolved, { action, resource, context }) };
}

/** A principal ARN's decision; one that is not a principal of this account is implicitly denied. */
function decideArn(account: AccountState, caller: string, action: string, resource: string, context: Record<string, ContextValue> | undefined, shown: string): AuthorizationResult {
  try {
    return authorizePrincipal(account, caller, { action, resource, context });
  } catch (err) {
    if (err instanceof IamError && (err.code === "NoSuchEntity" || err.code === "InvalidInput")) {
      throw new IamError("AccessDenied", accessDeniedMessage(caller, action, shown, { decision: "ImplicitDeny", matchedStatements: [], reason: { code: "NoAllow" } }));
    }
    throw err;
  }
}

