/**
 * @module analyzer/checks/principals
 * Principal and NotPrincipal values ("IAM JSON policy elements: Principal"): `"*"` or an object
 * of `AWS`, `Service`, `Federated`, `CanonicalUser`; no partial wildcards; unique ids (AIDA...,
 * AROA...) that IAM turns into ARNs; service principals (`name.amazonaws.com`); federated
 * principals in trust policies (a SAML or OIDC provider ARN, or a provider's domain name); the
 * assumed-role principal beside its own role.
 */
import type { ObjectNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import { items, keyAt, strings, valueAt, type At } from "../tree.ts";

const KEYS = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);
/** "IAM identifiers": unique ids of users (AIDA) and roles (AROA). */
const USER_ID = /^AIDA[A-Z0-9]{12,}$/;
const ROLE_ID = /^AROA[A-Z0-9]{12,}$/;
/** Service principals: `service.amazonaws.com`, and the partitions' other domains (`.amazonaws.com.cn`, `.c2s.ic.gov`, ...). */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(?:amazonaws\.com(?:\.cn)?|amazon\.com|c2s\.ic\.gov|sc2s\.sgov\.gov)$/;
/** A federated principal in a trust policy: a SAML or OIDC provider ARN, or a provider's domain. */
const FEDERATED = /^(?:arn:[a-z-]+:iam::\d{12}:(?:saml-provider|oidc-provider)\/\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/\S*)?)$/i;

export function checkPrincipals(ctx: PolicyContext, s: StatementView): void {
  const at = s.principal ?? s.notPrincipal;
  if (!at || ctx.policyType === "IDENTITY_POLICY" || ctx.policyType === "SERVICE_CONTROL_POLICY") return;
  if (at.node.type === "string") {
    if (at.node.value !== "*") ctx.sink.add("INVALID_PRINCIPAL_FORMAT", at);
    else if (ctx.trust) ctx.sink.add("ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", at);
    return;
  }
  if (at.node.type !== "object") {
    ctx.sink.add("INVALID_PRINCIPAL_FORMAT", at);
    return;
  }
  const obj = at.node as ObjectNode;
  if (obj.members.length === 0) ctx.sink.add("EMPTY_OBJECT_PRINCIPAL", at);
  for (const m of obj.members) {
    if (!KEYS.has(m.key)) {
      ctx.sink.add("INVALID_PRINCIPAL_KEY", keyAt(at, m), { "principal-key": m.key });
      continue;
    }
    const value = valueAt(at, m);
    if (value.node.type === "array" && value.node.items.length === 0) ctx.sink.add("EMPTY_ARRAY_PRINCIPAL", value);
    for (const item of items(value)) if (item.node.type !== "string") ctx.sink.add("DATA_TYPE_MISMATCH", item, { data_type: "string" });
    for (const v of strings(value)) checkValue(ctx, m.key, v.text, v.at);
  }
  checkRedundantAssumedRole(ctx, at);
}

function checkValue(ctx: PolicyContext, key: string, text: string, at: At): void {
  if (text.includes("${")) {
    ctx.sink.add("VARIABLE_UNSUPPORTED_IN_ELEMENT", at, { variable: text });
    return;
  }
  if (/[*?]/.test(text)) {
    // Only `"AWS": "*"` is a wildcard principal; `*` elsewhere, or inside a value, is not supported.
    if (text === "*" && key === "AWS") {
      if (ctx.trust) ctx.sink.add("ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL", at);
      return;
    }
    ctx.sink.add("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", at, { principal_key: key });
    return;
  }
  if (key === "AWS") {
    if (USER_ID.test(text)) ctx.sink.add("INVALID_USER_REFERENCE", at, { userid: text });
    else if (ROLE_ID.test(text)) ctx.sink.add("INVALID_ROLE_REFERENCE", at, { roleid: text });
  } else if (key === "Service") {
    if (!SERVICE_PRINCIPAL.test(text)) ctx.sink.add("INVALID_SERVICE_PRINCIPAL_FORMAT", at, { expectedFormat: "<service-name>.amazonaws.com" });
  } else if (key === "Federated") {
    if (!ctx.trust) ctx.sink.add("FEDERATED_PRINCIPAL_NOT_SUPPORTED", at);
    else if (!FEDERATED.test(text)) ctx.sink.add("INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY", at);
  }
}

/** "Suggestion – Redundant principal in role trust policy": `assumed-role/R/session` beside `role/R` of the same account. */
function checkRedundantAssumedRole(ctx: PolicyContext, principal: At): void {
  if (!ctx.trust || principal.node.type !== "object") return;
  const aws = (principal.node as ObjectNode).members.filter((m) => m.key === "AWS").flatMap((m) => strings(valueAt(principal, m)));
  const roles = new Map<string, string>();
  for (const v of aws) {
    const role = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(v.text);
    if (role) roles.set(`${role[1]}:${role[2]}:${role[3]}`, v.text);
  }
  for (const v of aws) {
    const session = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(v.text);
    const parent = session && roles.get(`${session[1]}:${session[2]}:${session[3]}`);
    if (parent) ctx.sink.add("REDUNDANT_PRINCIPAL_IN_ROLE_TRUST_POLICY", v.at, { redundant_principal: v.text, parent_role: parent });
  }
}
