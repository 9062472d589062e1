/**
 * @module edge/api/caller-options
 * How the verified caller is handed to the model, so that the model's authorization is the one
 * AWS makes for those credentials:
 * - by default the credentials themselves (`{ accessKeyId, sessionToken }`): the model resolves
 *   them to the exact session (its session policies, tags, MFA) and logs the access key id in
 *   the audit record's userIdentity;
 * - for the operations that act on "the identity that signs the request" when `UserName` is
 *   left out (GetUser, access keys, login profile, MFA device listing and deactivation, ChangePassword:
 *   docs/iam.md "Whose credentials"), a user or root caller is given by its ARN, which is how the
 *   model finds that identity, with the session's context keys (`aws:MultiFactorAuthPresent`,
 *   ...) passed as request context so the decision is the same. A role session keeps its
 *   credentials: the model then answers ValidationError "Must specify userName when calling with
 *   non-User credentials", as IAM does.
 * `requestId` rides along for the audit record (see docs/edge.md).
 */
import type { ApiCallContext } from "./call-context.ts";

/** Operations whose omitted UserName means the signing identity (their model methods resolve it from the caller's ARN). */
const ACTS_ON_SIGNER = new Set([
  "GetUser", "CreateAccessKey", "UpdateAccessKey", "DeleteAccessKey", "ListAccessKeys", "CreateLoginProfile", "GetLoginProfile",
  "DeleteLoginProfile", "DeactivateMFADevice", "ListMFADevices",
]);

function actsOnSigner(operation: string, input: Record<string, unknown>): boolean {
  return operation === "ChangePassword" || (ACTS_ON_SIGNER.has(operation) && input.UserName === undefined);
}

/** The OperationOptions of an IAM operation. */
export function iamOptions(ctx: ApiCallContext, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  const caller = ctx.caller;
  if (!caller) return { context: ctx.context, requestId: ctx.requestId };
  if (actsOnSigner(operation, input) && caller.resolved.type !== "AssumedRole") {
    return { caller: caller.principal, context: { ...ctx.context, ...caller.resolved.context }, requestId: ctx.requestId };
  }
  return { caller: credentialsOf(ctx), context: ctx.context, requestId: ctx.requestId };
}

/** The StsOptions of an STS operation. */
export function stsOptions(ctx: ApiCallContext): Record<string, unknown> {
  const options: Record<string, unknown> = { context: ctx.context, region: ctx.region, requestId: ctx.requestId };
  if (ctx.caller) options.caller = credentialsOf(ctx);
  return options;
}

function credentialsOf(ctx: ApiCallContext): { accessKeyId: string; sessionToken?: string } {
  const { accessKeyId, sessionToken } = ctx.caller!;
  return sessionToken === undefined ? { accessKeyId } : { accessKeyId, sessionToken };
}
