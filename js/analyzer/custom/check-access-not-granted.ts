/**
 * @module analyzer/custom/check-access-not-granted
 * CheckAccessNotGranted: does the policy allow any of the listed actions (on the listed
 * resources, or any resource when none are listed)? AWS takes at most one access item, with up
 * to 100 actions and 100 resources ("CheckAccessNotGranted", IAM Access Analyzer API
 * Reference); the same limits apply here.
 */
import type { AuthorizationResult } from "../../engine/result.ts";
import { AnalyzerError } from "../errors.ts";
import { loadCatalog } from "../catalog/load.ts";
import type { CheckAccessNotGrantedRequest, CustomCheckResponse } from "../types.ts";
import { candidates, type Candidate } from "./candidates.ts";
import { exampleOf, type CustomCheckOptions } from "./check-no-new-access.ts";
import { decider, toText } from "./evaluate.ts";
import { instantiate } from "./satisfy.ts";
import { kindOf, normalize } from "./normalize.ts";
import { reasonsFrom } from "./reasons.ts";
import { actionMatches, resourceMatches } from "../../policy/wildcard.ts";

/**
 * @example
 * const r = await checkAccessNotGranted({ policyDocument, access: [{ actions: ["s3:DeleteBucket"] }], policyType: "IDENTITY_POLICY" }, { engine });
 */
export async function checkAccessNotGranted(request: CheckAccessNotGrantedRequest, options: CustomCheckOptions): Promise<CustomCheckResponse> {
  const kind = kindOf(request?.policyType);
  const text = toText(request.policyDocument, "policyDocument");
  const access = checkAccess(request.access);
  const policy = normalize(text, kind, "policy");
  const catalog = await loadCatalog();
  const decide = decider(options.engine, text, kind, "policy");
  try {
    const actions = access.actions ?? [];
    const resources = access.resources ?? [];
    const wanted = (c: Candidate) =>
      (actions.length === 0 || actions.some((a) => actionMatches(a, c.action))) &&
      (resources.length === 0 || resources.some((r) => resourceMatches(r, c.resource) || r === c.resource));
    // The listed values are tried as they are, and the policy's own candidates filtered to them.
    const concrete = (actions.length ? actions : ["*"]).flatMap((a) => (/[*?]/.test(a) ? catalog.expandAction(a).map((i) => `${i.service}:${i.name}`) : [a]));
    const listed: Candidate[] = concrete.flatMap((action) =>
      (resources.length ? resources.map(instantiate) : ["*"]).map((resource) => ({ action, resource, context: {} })));
    const pool = [...listed, ...candidates(catalog, policy, [policy], kind === "resource").filter(wanted)];
    const found: AuthorizationResult[] = [];
    let example: CustomCheckResponse["exampleRequest"];
    for (const c of pool) {
      if (/[*?]/.test(c.action)) continue;
      const r = decide.decide(c);
      if (r.decision !== "Allow") continue;
      found.push(r);
      example ??= exampleOf(decide.request(c));
    }
    if (!example) return { result: "PASS", message: "The policy document does not grant access to perform the listed actions or resources.", reasons: [] };
    return {
      result: "FAIL",
      message: "The policy document grants access to perform one or more of the listed actions or resources.",
      reasons: reasonsFrom(found, "policy", (i) => `One or more of the listed actions or resources in the statement with index: ${i}.`),
      exampleRequest: example,
    };
  } finally {
    decide.dispose();
  }
}

function checkAccess(access: unknown): { actions?: string[]; resources?: string[] } {
  if (!Array.isArray(access) || access.length !== 1) throw new AnalyzerError("`access` must hold exactly one item of `actions` and/or `resources`");
  const item = access[0] as { actions?: unknown; resources?: unknown };
  const list = (v: unknown, name: string): string[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length > 100 || v.some((x) => typeof x !== "string" || x === "")) throw new AnalyzerError(`\`access[0].${name}\` must be a list of at most 100 non-empty strings`);
    return v as string[];
  };
  const actions = list(item?.actions, "actions");
  const resources = list(item?.resources, "resources");
  if (!actions?.length && !resources?.length) throw new AnalyzerError("`access[0]` must name at least one action or resource");
  return { actions, resources };
}
