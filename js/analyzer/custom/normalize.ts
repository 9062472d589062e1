/**
 * @module analyzer/custom/normalize
 * A custom check's policy in the policy layer's normalized form (js/policy/validate.ts), or the
 * AnalyzerError AWS's ValidationException stands for when it is not a valid policy of its type.
 */
import { validatePolicy } from "../../policy/validate.ts";
import type { NormalizedPolicy } from "../../policy/types.ts";
import { AnalyzerError } from "../errors.ts";
import type { AccessCheckPolicyType } from "../types.ts";

export function kindOf(policyType: AccessCheckPolicyType): "identity" | "resource" {
  if (policyType === "IDENTITY_POLICY") return "identity";
  if (policyType === "RESOURCE_POLICY") return "resource";
  throw new AnalyzerError(`\`policyType\` must be IDENTITY_POLICY or RESOURCE_POLICY, not \`${String(policyType)}\``);
}

export function normalize(text: string, kind: "identity" | "resource", what: string): NormalizedPolicy {
  const { policy, diagnostics } = validatePolicy(text, { kind });
  if (!policy) {
    const first = diagnostics.find((d) => d.severity === "error");
    throw new AnalyzerError(`the ${what} is not a valid ${kind} policy: ${first?.message ?? "invalid"}`);
  }
  return policy;
}
