/**
 * @module analyzer/custom/check-no-new-access
 * CheckNoNewAccess: does the new policy allow anything the existing one does not? Candidate
 * requests come from both policies (./candidates.ts); the engine decides each against both.
 * FAIL carries the first request the new policy allows and the existing one does not, and one
 * reason per new statement that grants such a request (AWS's shape: "New access in the
 * statement with index: N.").
 */
import type { Engine } from "../../engine/engine.ts";
import type { AuthorizationResult } from "../../engine/result.ts";
import { loadCatalog } from "../catalog/load.ts";
import type { CheckNoNewAccessRequest, CustomCheckResponse } from "../types.ts";
import { candidates } from "./candidates.ts";
import { decider, toText } from "./evaluate.ts";
import { kindOf, normalize } from "./normalize.ts";
import { reasonsFrom } from "./reasons.ts";

export interface CustomCheckOptions {
  /** The engine that decides candidate requests (from `createEngine()`). */
  engine: Engine;
}

/**
 * @example
 * const r = await checkNoNewAccess({ newPolicyDocument, existingPolicyDocument, policyType: "IDENTITY_POLICY" }, { engine });
 * if (r.result === "FAIL") console.log(r.reasons, r.exampleRequest);
 */
export async function checkNoNewAccess(request: CheckNoNewAccessRequest, options: CustomCheckOptions): Promise<CustomCheckResponse> {
  const kind = kindOf(request?.policyType);
  const newText = toText(request.newPolicyDocument, "newPolicyDocument");
  const oldText = toText(request.existingPolicyDocument, "existingPolicyDocument");
  const newPolicy = normalize(newText, kind, "new policy");
  const oldPolicy = normalize(oldText, kind, "existing policy");
  const catalog = await loadCatalog();
  const fresh = decider(options.engine, newText, kind, "new policy");
  const existing = decider(options.engine, oldText, kind, "existing policy");
  try {
    const found: AuthorizationResult[] = [];
    let example: CustomCheckResponse["exampleRequest"];
    for (const c of candidates(catalog, newPolicy, [newPolicy, oldPolicy], kind === "resource")) {
      const r = fresh.decide(c);
      if (r.decision !== "Allow" || existing.decide(c).decision === "Allow") continue;
      found.push(r);
      example ??= exampleOf(fresh.request(c));
    }
    if (!example) return { result: "PASS", message: "The modified permissions do not grant new access compared to your existing policy.", reasons: [] };
    return {
      result: "FAIL",
      message: "The modified permissions grant new access compared to your existing policy.",
      reasons: reasonsFrom(found, "new policy", (i) => `New access in the statement with index: ${i}.`),
      exampleRequest: example,
    };
  } finally {
    fresh.dispose();
    existing.dispose();
  }
}

export function exampleOf(r: { principal: string; action: string; resource?: string; context?: Record<string, unknown> }): NonNullable<CustomCheckResponse["exampleRequest"]> {
  const out: NonNullable<CustomCheckResponse["exampleRequest"]> = { action: r.action, resource: r.resource ?? "*", principal: r.principal };
  if (r.context && Object.keys(r.context).length) out.context = r.context as Record<string, string | string[]>;
  return out;
}
