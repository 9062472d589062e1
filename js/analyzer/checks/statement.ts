/**
 * @module analyzer/checks/statement
 * One statement's shape: its elements, `Sid`, `Effect`, and which elements it must or must not
 * have for the policy type. Sources: "Grammar of the IAM JSON policy language", "IAM JSON policy
 * element reference" (Sid, Effect, Principal, NotPrincipal, Resource), the Organizations User
 * Guide's "SCP syntax" and "RCP syntax", and AWS's check reference for each code.
 */
import type { ObjectNode } from "../../policy/json.ts";
import type { PolicyContext, StatementView } from "../context.ts";
import { keyAt, member, valueAt, type At } from "../tree.ts";

const ELEMENTS = new Set(["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition"]);
const SID = /^[A-Za-z0-9]*$/;

export function checkStatement(ctx: PolicyContext, s: StatementView): void {
  const obj = s.at.node as ObjectNode;
  for (const m of obj.members) {
    if (!ELEMENTS.has(m.key)) ctx.sink.add("INVALID_POLICY_ELEMENT", keyAt(s.at, m), { element: m.key });
  }
  checkSid(ctx, s, obj);
  checkEffect(ctx, s, obj);
  checkPairs(ctx, s, obj);
  checkRequired(ctx, s);
  checkPrincipalPlacement(ctx, s, obj);
  checkTypes(ctx, s);
}

function checkSid(ctx: PolicyContext, s: StatementView, obj: ObjectNode): void {
  const sid = member(obj, "Sid");
  if (!sid) return;
  const at = valueAt(s.at, sid);
  if (at.node.type !== "string") {
    ctx.sink.add("DATA_TYPE_MISMATCH", at, { data_type: "string" });
  } else if (at.node.value === "") {
    ctx.sink.add("EMPTY_SID_VALUE", at);
  } else if (!SID.test(at.node.value) && ctx.policyType !== "RESOURCE_POLICY") {
    // "IAM JSON policy element reference: Sid": ASCII letters and digits in IAM policies;
    // resource policies of some services accept more (SNS, SQS), so they are not flagged.
    ctx.sink.add("UNSUPPORTED_SID", at);
  }
}

function checkEffect(ctx: PolicyContext, s: StatementView, obj: ObjectNode): void {
  const effect = member(obj, "Effect");
  if (!effect) {
    ctx.sink.add("MISSING_EFFECT", s.at);
    return;
  }
  const at = valueAt(s.at, effect);
  if (at.node.type !== "string") ctx.sink.add("DATA_TYPE_MISMATCH", at, { data_type: "string" });
  else if (at.node.value !== "Allow" && at.node.value !== "Deny") ctx.sink.add("INVALID_EFFECT", at, { effect: at.node.value });
}

/** Element pairs that exclude each other ("Grammar of the IAM JSON policy language"). */
function checkPairs(ctx: PolicyContext, s: StatementView, obj: ObjectNode): void {
  for (const [a, b] of [["Action", "NotAction"], ["Resource", "NotResource"], ["Principal", "NotPrincipal"]]) {
    const second = member(obj, b);
    if (member(obj, a) && second) ctx.sink.add("UNSUPPORTED_ELEMENT_COMBINATION", keyAt(s.at, second), { element1: a, element2: b });
  }
}

function checkRequired(ctx: PolicyContext, s: StatementView): void {
  if (!s.action && !s.notAction) ctx.sink.add("MISSING_ACTION", s.at);
  const hasResource = s.resource !== undefined || s.notResource !== undefined;
  if (ctx.trust) {
    // "Role trust policy syntax error resource": a trust policy applies to its role.
    const r = s.resource ?? s.notResource;
    if (r) ctx.sink.add("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", r);
  } else if (!hasResource) {
    ctx.sink.add("MISSING_RESOURCE", s.at);
  }
  for (const [el, code] of [[s.action, "EMPTY_ARRAY_ACTION"], [s.notAction, "EMPTY_ARRAY_ACTION"], [s.resource, "EMPTY_ARRAY_RESOURCE"], [s.notResource, "EMPTY_ARRAY_RESOURCE"]] as const) {
    if (el?.node.type === "array" && el.node.items.length === 0) ctx.sink.add(code, el);
  }
  if (s.condition?.node.type === "object" && s.condition.node.members.length === 0) ctx.sink.add("EMPTY_OBJECT_CONDITION", s.condition);
}

/**
 * Principal in identity policies and SCPs ("IAM JSON policy elements: Principal": "You cannot
 * use the Principal element in an identity-based policy"; "SCP syntax": SCPs do not support
 * principals); missing in resource and trust policies; NotPrincipal with Allow; NotPrincipal in
 * trust policies ("Role trust policy syntax error notprincipal").
 */
function checkPrincipalPlacement(ctx: PolicyContext, s: StatementView, obj: ObjectNode): void {
  const p = member(obj, "Principal") ?? member(obj, "NotPrincipal");
  if (ctx.policyType === "IDENTITY_POLICY") {
    if (p) ctx.sink.add("UNSUPPORTED_PRINCIPAL", keyAt(s.at, p), { policy_type: "IDENTITY_POLICY" });
    return;
  }
  if (ctx.policyType === "SERVICE_CONTROL_POLICY") {
    if (p) ctx.sink.add("SCP_SYNTAX_ERROR_PRINCIPAL", keyAt(s.at, p));
    return;
  }
  if (!p) {
    ctx.sink.add("MISSING_PRINCIPAL", s.at);
    return;
  }
  if (s.notPrincipal && ctx.trust) ctx.sink.add("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", s.notPrincipal);
  else if (s.notPrincipal && s.effect === "Allow") ctx.sink.add("ALLOW_WITH_NOT_PRINCIPAL", s.notPrincipal);
}

/** Element values of the wrong JSON type ("Data type mismatch"). */
function checkTypes(ctx: PolicyContext, s: StatementView): void {
  for (const el of [s.action, s.notAction, s.resource, s.notResource]) {
    if (!el) continue;
    if (el.node.type === "array") {
      el.node.items.forEach((node, index) => {
        if (node.type !== "string") ctx.sink.add("DATA_TYPE_MISMATCH", { node, path: [...el.path, { index }] } as At, { data_type: "string" });
      });
    } else if (el.node.type !== "string") {
      ctx.sink.add("DATA_TYPE_MISMATCH", el, { data_type: "array" });
    }
  }
  if (s.condition && s.condition.node.type !== "object") ctx.sink.add("DATA_TYPE_MISMATCH", s.condition, { data_type: "object" });
}
