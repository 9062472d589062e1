/**
 * @module sts/session-policies
 * Session policies as AssumeRole and AssumeRoleWithWebIdentity take them ("Session policies";
 * AssumeRole API Reference, Policy and PolicyArns): one inline `Policy`, validated as a session
 * policy (MalformedPolicyDocument with the engine's diagnostics), and up to 10 `PolicyArns` of
 * managed policies of the role's account or AWS's; their plaintext, the inline policy without
 * whitespace and the ARNs, may not exceed 2,048 characters (PackedPolicyTooLarge).
 */
import type { AccountState } from "../iam/account-state.ts";
import { IamError } from "../iam/errors.ts";
import { checkPolicyArn } from "../iam/ops/shared.ts";
import { findManagedPolicy } from "../iam/aws-managed.ts";
import { documentText, policySize } from "../iam/policy-document.ts";

export const PACKED_LIMIT = 2048;
export const MAX_POLICY_ARNS = 10;

export interface SessionPolicies {
  /** The inline policy as compact JSON text. */
  policy?: string;
  policyArns: string[];
  /** Plaintext characters counted against PACKED_LIMIT. */
  plaintext: number;
}

export function packedTooLarge(percent: number): IamError {
  return new IamError("PackedPolicyTooLarge", `Packed policy consumes ${percent}% of allotted space, please use smaller policy for assuming the role.`);
}

function validation(field: string, constraint: string): IamError {
  return new IamError("ValidationError", `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`);
}

export function checkSessionPolicies(account: AccountState, policy: unknown, arns: unknown): SessionPolicies {
  const out: SessionPolicies = { policyArns: [], plaintext: 0 };
  if (policy !== undefined && policy !== null) {
    if (policy === "") throw validation("policy", "Member must have length greater than or equal to 1");
    const errors = account.engine.validate(policy, { kind: "session", maxSize: 1 << 20, iamChecks: true }).filter((d) => d.severity === "error");
    if (errors.length > 0) {
      const first = errors[0];
      const where = first.span ? ` (line ${first.span.start.line}, column ${first.span.start.column})` : first.path ? ` (at ${first.path})` : "";
      throw new IamError("MalformedPolicyDocument", `${first.message}${where}`, errors);
    }
    const raw = documentText(policy);
    out.policy = JSON.stringify(JSON.parse(raw));
    out.plaintext += policySize(raw);
  }
  if (arns !== undefined && arns !== null) {
    if (!Array.isArray(arns)) throw validation("policyArns", "Member must be a list of {arn}");
    if (arns.length > MAX_POLICY_ARNS) throw validation("policyArns", `Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
    for (const a of arns) {
      const arn = checkPolicyArn(typeof a === "object" && a !== null ? (a as { arn?: unknown }).arn : undefined, "policyArns.member.arn");
      const own = arn.includes(":iam::aws:") || arn.includes(`:iam::${account.accountId}:`);
      if (!own || !findManagedPolicy(account, arn)) throw new IamError("InvalidParameterValue", `Policy ${arn} does not exist or is not attachable.`);
      out.policyArns.push(arn);
      out.plaintext += arn.length;
    }
  }
  if (out.plaintext > PACKED_LIMIT) throw packedTooLarge(Math.ceil((100 * out.plaintext) / PACKED_LIMIT));
  return out;
}
