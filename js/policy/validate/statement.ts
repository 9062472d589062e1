/**
 * @module policy/validate/statement
 * The `Statement` element and each statement in it ("Grammar of the IAM JSON policy
 * language": statement = { sid?, effect, principal?, action, resource?, condition? }). Each
 * element has its own module; this one indexes a statement's elements and runs them in
 * document order, so diagnostics come out in that order.
 */
import type { NormalizedStatement, PolicyKind } from "../types.ts";
import { quote, type ObjectNode } from "../json.ts";
import { child, describe, indexMembers, report, type Ctx, type Element, type StatementScope, type UnknownMember } from "./common.ts";
import { checkSid } from "./sid.ts";
import { checkEffect, effectText } from "./effect.ts";
import { checkActionElements, checkPassRoleWithStar } from "./action.ts";
import { checkResourceElements } from "./resource.ts";
import { checkPrincipalElements, isBareStar } from "./principal.ts";
import { checkCondition } from "./condition.ts";

const STATEMENT_ELEMENTS = [
  "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
] as const;
const UNKNOWN_STATEMENT_ELEMENT: UnknownMember = { code: "UNKNOWN_ELEMENT", before: "unknown statement element", after: "" };

/** The statements of the `Statement` element: one object, or an array of them. */
export function checkStatements(ctx: Ctx, st: Element | undefined, root: ObjectNode): NormalizedStatement[] {
  const statements: NormalizedStatement[] = [];
  if (!st) {
    report(ctx, "error", "MISSING_STATEMENT", "policy has no `Statement`", "", root.span);
    return statements;
  }
  const n = st.member.value;
  // "IAM JSON policy element reference: Sid": "Sid values must be unique within a JSON policy".
  const sids = new Map<string, string>();
  if (n.type === "object") {
    statements.push(checkStatement(ctx, n, st.path, 0, sids));
  } else if (n.type === "array") {
    if (n.items.length === 0) report(ctx, "error", "EMPTY_STATEMENT", "`Statement` must contain at least one statement", st.path, n.span);
    for (let i = 0; i < n.items.length; i++) {
      const item = n.items[i];
      const p = child(st.path, i);
      if (item.type === "object") statements.push(checkStatement(ctx, item, p, i, sids));
      else report(ctx, "error", "WRONG_TYPE", `each statement must be an object, not ${describe(item)}`, p, item.span);
    }
  } else {
    report(ctx, "error", "WRONG_TYPE", `\`Statement\` must be an object or an array of objects, not ${describe(n)}`, st.path, n.span);
  }
  return statements;
}

function checkStatement(ctx: Ctx, node: ObjectNode, path: string, index: number, sids: Map<string, string>): NormalizedStatement {
  const elements = indexMembers(ctx, node, path, STATEMENT_ELEMENTS, UNKNOWN_STATEMENT_ELEMENT);
  const out: NormalizedStatement = { index, effect: "Allow", conditions: [], path };
  if (node.span) out.span = node.span;
  const effect = effectText(elements);
  const s: StatementScope = { ctx, node, path, elements, out, effect, rcpFullAccess: isRcpFullAccess(ctx.kind, effect, elements) };
  checkSid(s, sids);
  checkEffect(s);
  checkActionElements(s);
  checkResourceElements(s);
  checkPrincipalElements(s);
  if (ctx.kind === "rcp" && effect === "Allow" && !s.rcpFullAccess) {
    // "Resource control policies (RCPs)": only the AWS-managed RCPFullAWSAccess allows; the
    // engine adds it implicitly, so customer RCPs are Deny-only.
    const effEl = elements.get("Effect")!;
    report(ctx, "error", "RCP_ALLOW", "resource control policies can only use `\"Effect\": \"Deny\"`", effEl.path, effEl.member.value.span);
  }
  const condEl = elements.get("Condition");
  if (condEl) out.conditions = checkCondition(ctx, condEl.member.value, condEl.path);
  checkPassRoleWithStar(s);
  return out;
}

/** Whether an element is `"*"` or `["*"]`. */
function isStar(e: Element | undefined): boolean {
  const v = e?.member.value;
  return v?.type === "string" ? v.value === "*" : v?.type === "array" && v.items.length === 1 && v.items[0].type === "string" && v.items[0].value === "*";
}

/**
 * The AWS-managed RCPFullAWSAccess statement (Allow `*` to `*` on `*`) is the one RCP Allow
 * AWS has; it is accepted so an organization's RCPs load as AWS lists them ("Resource control
 * policies (RCPs)"). The engine treats it as present at every level anyway.
 */
function isRcpFullAccess(kind: PolicyKind, effect: string | undefined, el: Map<string, Element>): boolean {
  const principal = el.get("Principal");
  return kind === "rcp" && effect === "Allow" && isStar(el.get("Action")) && isStar(el.get("Resource"))
    && !!principal && isBareStar(principal.member.value)
    && !el.get("Condition") && !el.get("NotAction") && !el.get("NotResource") && !el.get("NotPrincipal");
}
