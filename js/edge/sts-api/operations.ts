/**
 * @module edge/sts-api/operations
 * The STS operations this endpoint serves, by their AWS name, each calling the account model's
 * STS method with the verified caller's credentials (js/sts: AssumeRole checks the caller's
 * permission and the role's trust policy, GetSessionToken is for users and root only,
 * GetCallerIdentity needs no permission). `UNSIGNED` lists the operations AWS takes without a
 * signature (their token is the proof: STS API Reference, AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML, "Calling ... does not require the use of AWS security credentials").
 */
import type { ApiCall } from "../api/call-context.ts";
import type { OperationHandler } from "../iam-api/operations.ts";

type StsMethod = (input: unknown, options?: unknown) => Promise<unknown>;

function method(call: ApiCall, name: string): StsMethod {
  const fn = (call.account as unknown as Record<string, StsMethod | undefined>)[name];
  if (typeof fn !== "function") throw new TypeError(`the account model has no ${name}`);
  return fn.bind(call.account);
}

export const STS_OPERATIONS: Readonly<Record<string, OperationHandler>> = {
  AssumeRole: (call) => method(call, "assumeRole")(call.input, call.options),
  AssumeRoleWithWebIdentity: (call) => method(call, "assumeRoleWithWebIdentity")(call.input),
  AssumeRoleWithSAML: (call) => method(call, "assumeRoleWithSAML")(call.input),
  GetSessionToken: (call) => method(call, "getSessionToken")(call.input, call.options),
  GetCallerIdentity: (call) => method(call, "getCallerIdentity")(undefined, call.options),
};

/** Operations called without a signature. */
export const UNSIGNED = new Set(["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"]);
