/**
 * @module analyzer/checks/service-principal
 * Resource policies that grant a service principal ("AWS service principals" and "The confused
 * deputy problem", IAM User Guide): without `aws:SourceArn`, `aws:SourceAccount`,
 * `aws:SourceOrgID` or `aws:SourceOrgPaths` any customer's use of the service can reach the
 * resource ("Restrict access to service principal"); network keys are never in a service's
 * request context ("Unsupported condition key for service principal"); principal keys describe
 * the service, not the customer it acts for ("Recommended condition key for service principal").
 * Role trust policies are exempt: a service assumes a role only for the role's own account.
 */
import type { ObjectNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import { strings, valueAt } from "../tree.ts";

const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]);
const NETWORK_KEYS = new Set(["aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:vpcsourceip"]);
const PRINCIPAL_KEYS = new Set(["aws:principalaccount", "aws:principalarn", "aws:principalorgid", "aws:principalorgpaths"]);

export function checkServicePrincipal(ctx: PolicyContext, s: StatementView): void {
  if (ctx.trust || ctx.policyType !== "RESOURCE_POLICY" || s.effect !== "Allow" || s.principal?.node.type !== "object") return;
  const services = (s.principal.node as ObjectNode).members.filter((m) => m.key === "Service").flatMap((m) => strings(valueAt(s.principal!, m)));
  if (services.length === 0) return;
  const keys = s.conditions.map((c) => ({ c, lower: c.key.toLowerCase() }));
  const network = keys.filter((k) => NETWORK_KEYS.has(k.lower));
  if (network.length > 0) ctx.sink.add("UNSUPPORTED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", network.map((k) => k.c.keyAt), { conditionKeys: network.map((k) => k.c.key).join(", ") });
  for (const k of keys.filter((x) => PRINCIPAL_KEYS.has(x.lower))) {
    ctx.sink.add("RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL", k.c.keyAt, { servicePrincipalPrefix: services[0].text.split(".")[0], key: k.c.key });
  }
  if (!keys.some((k) => SOURCE_KEYS.has(k.lower))) ctx.sink.add("RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL", services.map((v) => v.at));
}
