/**
 * @module analyzer/validate-policy
 * `validatePolicy`: Access Analyzer's ValidatePolicy, offline. The document is parsed with
 * positions (js/policy/input.ts), then every check family of ./checks runs on each statement
 * and on the document; findings come back in document order with AWS's issue codes, details,
 * links and locations. Nothing throws for a bad policy: only a bad request (an unknown policy
 * type) is an AnalyzerError, as AWS answers ValidationException.
 */
import { toDocument } from "../policy/input.ts";
import { loadCatalog } from "./catalog/load.ts";
import type { Catalog } from "./catalog/catalog.ts";
import { readStatement, type PolicyContext, type StatementView } from "./context.ts";
import { AnalyzerError } from "./errors.ts";
import { FindingSink } from "./findings.ts";
import { checkActions } from "./checks/actions.ts";
import { checkConditions } from "./checks/conditions.ts";
import { checkDocument, checkSize, checkUniqueSids, reportParse } from "./checks/document.ts";
import { checkKeySupport, checkMissingActionForKey } from "./checks/key-support.ts";
import { checkPassRole } from "./checks/pass-role.ts";
import { checkPrincipals } from "./checks/principals.ts";
import { checkRedundantStatements } from "./checks/redundancy.ts";
import { checkResourcePolicyType } from "./checks/resource-policy.ts";
import { checkResources } from "./checks/resources.ts";
import { checkServicePrincipal } from "./checks/service-principal.ts";
import { checkStatement } from "./checks/statement.ts";
import { checkTrust } from "./checks/trust.ts";
import { checkVariables } from "./checks/variables.ts";
import { checkSecurity } from "./security/security-findings.ts";
import { POLICY_TYPES, VALIDATE_POLICY_RESOURCE_TYPES, type ValidatePolicyRequest, type ValidatePolicyResponse } from "./types.ts";
import type { At } from "./tree.ts";

/**
 * Every finding of one policy, as ValidatePolicy answers them.
 * @example
 * const { findings } = await validatePolicy({ policyDocument: text, policyType: "IDENTITY_POLICY" });
 * for (const f of findings) console.log(f.findingType, f.issueCode, f.locations[0]?.span.start.line);
 */
export async function validatePolicy(request: ValidatePolicyRequest): Promise<ValidatePolicyResponse> {
  checkRequest(request);
  return validatePolicyWith(await loadCatalog(), request);
}

/** The same with a catalog already loaded: synchronous, for editors that lint on each keystroke and for batches. */
export function validatePolicyWith(catalog: Catalog, request: ValidatePolicyRequest): ValidatePolicyResponse {
  checkRequest(request);
  const text = typeof request.policyDocument === "string" ? request.policyDocument : JSON.stringify(request.policyDocument);
  const sink = new FindingSink();
  // Line spans: a policy's nodes carry offsets only, and the few that findings report get their line and column.
  const doc = toDocument(text, { lineSpans: true });
  reportParse(sink, doc.diagnostics);
  if (!doc.root || doc.root.type !== "object") return { findings: sink.sorted() };
  const root: At = { node: doc.root, path: [] };
  const version = doc.root.members.find((m) => m.key === "Version")?.value;
  const ctx: PolicyContext = {
    sink, catalog, policyType: request.policyType, resourceType: request.validatePolicyResourceType,
    trust: request.validatePolicyResourceType === "AWS::IAM::AssumeRolePolicyDocument",
    version: version?.type === "string" ? version.value : null,
    text: doc.text ?? text,
  };
  checkSize(ctx, root);
  const statements = checkDocument(ctx, root).map((at, i) => readStatement(at, i));
  for (const s of statements) checkOne(ctx, s);
  checkUniqueSids(ctx, statements);
  checkRedundantStatements(ctx, statements);
  checkSecurity(ctx, statements);
  return { findings: sink.sorted() };
}

function checkOne(ctx: PolicyContext, s: StatementView): void {
  checkStatement(ctx, s);
  checkActions(ctx, s);
  checkResources(ctx, s);
  for (const r of s.resources) if (r.text.includes("${")) checkVariables(ctx, r.text, r.at);
  checkPrincipals(ctx, s);
  checkConditions(ctx, s);
  checkKeySupport(ctx, s);
  checkMissingActionForKey(ctx, s);
  checkPassRole(ctx, s);
  checkServicePrincipal(ctx, s);
  checkTrust(ctx, s);
  checkResourcePolicyType(ctx, s);
}

function checkRequest(request: ValidatePolicyRequest): void {
  if (typeof request !== "object" || request === null) throw new AnalyzerError("the request must be an object with `policyDocument` and `policyType`");
  if (!POLICY_TYPES.includes(request.policyType)) {
    throw new AnalyzerError(`\`policyType\` must be one of ${POLICY_TYPES.join(", ")}, not \`${String(request.policyType)}\``);
  }
  const doc = request.policyDocument;
  if (typeof doc !== "string" && (typeof doc !== "object" || doc === null)) throw new AnalyzerError("`policyDocument` must be JSON text or an object");
  const rt = request.validatePolicyResourceType;
  if (rt !== undefined && !VALIDATE_POLICY_RESOURCE_TYPES.includes(rt)) {
    throw new AnalyzerError(`\`validatePolicyResourceType\` must be one of ${VALIDATE_POLICY_RESOURCE_TYPES.join(", ")}`);
  }
  if (rt !== undefined && request.policyType !== "RESOURCE_POLICY") throw new AnalyzerError("`validatePolicyResourceType` is only valid with `policyType` RESOURCE_POLICY");
}
