/**
 * @module iam/simulate/exclusions
 * PolicyExclusionList (SimulatePrincipalPolicy): which of the principal's policies a simulation
 * leaves out, by kind, ARN pattern or inline policy identifier (`*` and `?` wildcards).
 */
import { wildcardMatch } from "../../policy/wildcard.ts";
import { IamError } from "../errors.ts";
import type { PolicySource } from "../resolve/types.ts";
import type { PolicyExclusion } from "./shapes.ts";

/** Exclusion patterns match case-sensitively, with the policy language's `*` and `?` (the one JS matcher). */
const globMatch = (pattern: string, value: string): boolean => wildcardMatch(pattern, value);
export function excluded(source: PolicySource, exclusions: PolicyExclusion[]): boolean {
  return exclusions.some((x) => {
    if (source.kind === "boundary") return x.PolicyType === "permission-boundary" && (!x.PolicyArn || globMatch(x.PolicyArn, source.policyArn ?? ""));
    if (x.PolicyType === "inline") {
      const id = x.InlinePolicyIdentifier;
      return !!source.owner && !!id && id.AttachmentType === source.owner.type && globMatch(id.AttachmentName, source.owner.name) && globMatch(id.PolicyName, source.policyName);
    }
    if (x.PolicyType === "aws-managed" || x.PolicyType === "user-managed") {
      return !source.owner && source.awsManaged === (x.PolicyType === "aws-managed") && (!x.PolicyArn || globMatch(x.PolicyArn, source.policyArn ?? ""));
    }
    return false;
  });
}
export function checkExclusions(list: unknown): PolicyExclusion[] {
  if (list === undefined) return [];
  const types = ["inline", "aws-managed", "user-managed", "permission-boundary", "scp", "rcp"];
  if (!Array.isArray(list) || list.some((x) => !x || !types.includes(x.PolicyType))) {
    throw new IamError("InvalidInput", `PolicyExclusionList must be a list of {PolicyType: ${types.join("|")}, PolicyArn?, InlinePolicyIdentifier?}`);
  }
  for (const x of list as PolicyExclusion[]) {
    if (x.PolicyType === "inline") {
      const id = x.InlinePolicyIdentifier;
      if (!id || typeof id.PolicyName !== "string" || typeof id.AttachmentName !== "string" || !["user", "group", "role"].includes(id.AttachmentType)) {
        throw new IamError("InvalidInput", "an inline PolicyExclusion needs InlinePolicyIdentifier {PolicyName, AttachmentType: user|group|role, AttachmentName}");
      }
    }
  }
  return list as PolicyExclusion[];
}
