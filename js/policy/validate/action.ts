/**
 * @module policy/validate/action
 * The `Action` and `NotAction` elements ("IAM JSON policy elements: Action" and "...:
 * NotAction"), with the rules of role trust policies and RCPs, and Access Analyzer's check for
 * `iam:PassRole` on every resource.
 */
import { quote } from "../json.ts";
import { actionMatches } from "../wildcard.ts";
import { report, stringList, type Ctx, type Item, type StatementScope } from "./common.ts";

/**
 * Actions a role trust policy may allow ("IAM JSON policy element reference: Action" and "How
 * IAM roles differ from resource-based policies": the trust policy controls who can assume the
 * role; IAM rejects other actions in it).
 */
const TRUST_ACTIONS = [
  "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
  "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext",
];

/**
 * Longest action accepted. No AWS action name comes close; the bound stops hostile input from
 * costing more than a quick length check.
 */
const MAX_ACTION_LENGTH = 256;
/** "IAM JSON policy elements: Action": `<service>:<action>`; service prefixes are lowercase letters, digits and `-`. */
const SERVICE = /^[A-Za-z0-9-]+$/;
const ACTION_NAME = /^[A-Za-z0-9_.*?-]+$/;

/** Checks Action / NotAction: exactly one of them, each value, and the kind's own rules. */
export function checkActionElements(s: StatementScope): void {
  const { ctx, elements: el, out } = s;
  const actEl = el.get("Action");
  const notActEl = el.get("NotAction");
  if (actEl && notActEl) {
    report(ctx, "error", "ACTION_AND_NOTACTION", "statement has both `Action` and `NotAction`; use one", notActEl.path, notActEl.member.keySpan);
  } else if (!actEl && !notActEl) {
    report(ctx, "error", "MISSING_ACTION", "statement has no `Action` or `NotAction`", s.path, s.node.span);
  }
  if (actEl) {
    const items = stringList(ctx, actEl.member.value, actEl.path, "Action", "error");
    if (items) {
      out.action = checkActions(ctx, items, "Action");
      if (ctx.kind === "trust") checkTrustActions(ctx, items);
      if (ctx.kind === "rcp" && !s.rcpFullAccess) checkRcpActions(ctx, items);
    }
  }
  if (notActEl) {
    const items = stringList(ctx, notActEl.member.value, notActEl.path, "NotAction", "error");
    if (items) out.notAction = checkActions(ctx, items, "NotAction");
    if (ctx.kind === "rcp") {
      report(ctx, "error", "RCP_NOTACTION", "resource control policies do not support `NotAction`", notActEl.path, notActEl.member.keySpan);
    }
  }
}

function checkActions(ctx: Ctx, items: Item[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    out.push(it.value);
    const problem = actionProblem(it.value, name);
    if (problem) report(ctx, "error", problem[0], problem[1], it.path, it.node.span);
  }
  return out;
}

/** What is wrong with action `a` of element `name`: [code, message], or null. */
function actionProblem(a: string, name: string): [string, string] | null {
  // Length first so a 100,000-character value costs nothing more.
  if (a.length > MAX_ACTION_LENGTH) return ["INVALID_ACTION", `action is ${a.length} characters long; the limit is ${MAX_ACTION_LENGTH}`];
  // "IAM policy elements: Variables and tags": variables are allowed in Resource and Condition only.
  if (a.includes("${")) return ["VARIABLE_NOT_ALLOWED", `policy variables are not allowed in ${quote(name)}: ${quote(a)}`];
  if (a === "*") return null;
  const colon = a.indexOf(":");
  if (colon < 0) return ["INVALID_ACTION", `${quote(a)} is not \`*\` or \`service:action\``];
  const service = a.slice(0, colon), action = a.slice(colon + 1);
  // "IAM JSON policy elements: Action": wildcards go in the action name, not the service prefix.
  if (/[*?]/.test(service)) return ["INVALID_ACTION", `wildcards are not allowed in the service prefix of ${quote(a)}`];
  if (!SERVICE.test(service)) return ["INVALID_ACTION", `${quote(service)} in ${quote(a)} is not a service prefix (letters, digits and \`-\`)`];
  if (!ACTION_NAME.test(action)) return ["INVALID_ACTION", `${quote(action)} in ${quote(a)} is not an action name (letters, digits and wildcards \`*\` \`?\`)`];
  return null;
}

function checkTrustActions(ctx: Ctx, items: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const a = it.value;
    if (a.length > MAX_ACTION_LENGTH) continue; // already an error
    const colon = a.indexOf(":");
    const inSts = colon >= 0 && a.slice(0, colon).toLowerCase() === "sts";
    // `sts:*` or `sts:AssumeRole*`: a wildcard within sts that matches at least one trust action.
    if (inSts && TRUST_ACTIONS.some((t) => actionMatches(a, t))) continue;
    report(ctx, "error", "TRUST_ACTION_NOT_ALLOWED",
      `${quote(a)} is not allowed in a trust policy; use \`sts:AssumeRole\`, \`sts:AssumeRoleWithSAML\`, \`sts:AssumeRoleWithWebIdentity\`, \`sts:TagSession\`, \`sts:SetSourceIdentity\` or \`sts:SetContext\``,
      it.path, it.node.span);
  }
}

/** "Resource control policies (RCPs)" syntax: `"Action": "*"` is not supported in RCPs. */
function checkRcpActions(ctx: Ctx, items: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.value === "*") report(ctx, "error", "RCP_ACTION_STAR", "resource control policies cannot use `\"Action\": \"*\"`; list service actions", it.path, it.node.span);
  }
}

/**
 * Access Analyzer, "Security Warning – Pass role with star in resource". Only policies that
 * grant (identity, resource) can hand out PassRole; boundaries, session policies, SCPs and
 * RCPs only limit.
 */
export function checkPassRoleWithStar(s: StatementScope): void {
  const { ctx, out } = s;
  if (ctx.kind !== "identity" && ctx.kind !== "resource") return;
  if (s.effect !== "Allow" || !out.action || !out.resource?.includes("*")) return;
  if (!out.action.some((a) => actionMatches(a, "iam:PassRole"))) return;
  const actEl = s.elements.get("Action")!;
  report(ctx, "security_warning", "PASS_ROLE_WITH_STAR",
    "allowing `iam:PassRole` on `\"Resource\": \"*\"` lets the principal pass any role to a service; list the role ARNs", actEl.path, actEl.member.value.span);
}
