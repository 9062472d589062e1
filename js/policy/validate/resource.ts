/**
 * @module policy/validate/resource
 * The `Resource` and `NotResource` elements ("IAM JSON policy elements: Resource" and "...:
 * NotResource"): ARNs ("IAM identifiers"), policy variables in the resource part only, and, in
 * the documents IAM itself takes, IAM's own ARN checks (iam-resource.ts).
 */
import { quote } from "../json.ts";
import { parseTemplate } from "../variables.ts";
import { report, stringList, type Ctx, type Item, type StatementScope } from "./common.ts";
import { IAM_STRICT_KINDS, iamResourceProblem } from "./iam-resource.ts";

/** Checks Resource / NotResource: none in trust policies, else exactly one, and each value. */
export function checkResourceElements(s: StatementScope): void {
  const { ctx, elements: el, out } = s;
  const resEl = el.get("Resource");
  const notResEl = el.get("NotResource");
  if (ctx.kind === "trust") {
    // IAM's own wording for a role trust policy with a Resource: "Has prohibited field Resource".
    for (const [e, name] of [[resEl, "Resource"], [notResEl, "NotResource"]] as const) {
      if (e) report(ctx, "error", "RESOURCE_NOT_ALLOWED", `trust policy statement has prohibited field \`${name}\``, e.path, e.member.keySpan);
    }
    return;
  }
  if (resEl && notResEl) {
    report(ctx, "error", "RESOURCE_AND_NOTRESOURCE", "statement has both `Resource` and `NotResource`; use one", notResEl.path, notResEl.member.keySpan);
  } else if (!resEl && !notResEl) {
    report(ctx, "error", "MISSING_RESOURCE", "statement has no `Resource` or `NotResource`", s.path, s.node.span);
  }
  if (resEl) {
    const items = stringList(ctx, resEl.member.value, resEl.path, "Resource", "error");
    if (items) out.resource = checkResources(ctx, items);
  }
  if (notResEl) {
    const items = stringList(ctx, notResEl.member.value, notResEl.path, "NotResource", "error");
    if (items) out.notResource = checkResources(ctx, items);
  }
}

function checkResources(ctx: Ctx, items: Item[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    out.push(it.value);
    if (it.value === "*") continue;
    const before = ctx.diagnostics.length;
    if (it.value.includes("${")) checkVariables(ctx, it);
    checkArn(ctx, it);
    // IAM's own checks, unless the value already has an error (one finding per mistake).
    if (ctx.iamChecks && IAM_STRICT_KINDS.has(ctx.kind) && !ctx.diagnostics.slice(before).some((d) => d.severity === "error")) {
      const problem = iamResourceProblem(it.value, ctx.kind);
      if (problem) report(ctx, "error", problem.code, problem.message, it.path, it.node.span);
    }
  }
  return out;
}

/** Policy variables in a resource: live only under 2012-10-17, well formed, in the resource part. */
function checkVariables(ctx: Ctx, it: Item): void {
  const r = it.value;
  const at = (sev: "error" | "warning", code: string, message: string) => report(ctx, sev, code, message, it.path, it.node.span);
  if (!ctx.variables) {
    at("warning", "VARIABLE_UNSUPPORTED_VERSION", `${quote(r)} is read as literal text: policy variables need \`"Version": "2012-10-17"\``);
    return;
  }
  const t = parseTemplate(r);
  if ("error" in t) {
    at("error", "INVALID_VARIABLE", `${t.error} at offset ${t.offset} of ${quote(r)}`);
    return;
  }
  // "IAM policy elements: Variables and tags": in Resource, variables may appear only in the
  // resource part of the ARN, after the fifth colon.
  const v = firstVariable(r);
  if (v < 0) return;
  let colons = 0;
  for (let i = 0; i < v && colons < 5; i++) if (r.charCodeAt(i) === 0x3a) colons++;
  if (colons < 5) {
    at("error", "VARIABLE_NOT_ALLOWED", `policy variables are allowed only in the resource part of an ARN (after the fifth \`:\`): ${quote(r)}`);
  }
}

/** Offset of the first `${` that starts a variable (not a `${*}`-style escape), or -1. */
function firstVariable(s: string): number {
  let i = s.indexOf("${");
  while (i >= 0) {
    if (!(/^[*?$]$/.test(s[i + 2] ?? "") && s[i + 3] === "}")) return i;
    i = s.indexOf("${", i + 4);
  }
  return -1;
}

/** "IAM identifiers": ARN format `arn:partition:service:region:account-id:resource`. */
function checkArn(ctx: Ctx, it: Item): void {
  const r = it.value;
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < r.length && parts.length < 5; i++) {
    if (r.charCodeAt(i) === 0x3a) {
      parts.push(r.slice(start, i));
      start = i + 1;
    }
  }
  if (parts.length < 5) {
    // Not an error: a few services accept non-ARN resource strings.
    report(ctx, "warning", "INVALID_RESOURCE", `${quote(r)} is not \`*\` or an ARN (\`arn:partition:service:region:account:resource\`)`, it.path, it.node.span);
  } else if (parts[0] !== "arn") {
    report(ctx, "error", "INVALID_RESOURCE", `${quote(r)} must start with \`arn:\``, it.path, it.node.span);
  } else if (parts[1] === "" || parts[2] === "") {
    report(ctx, "error", "INVALID_RESOURCE", `${quote(r)} must name a partition and a service (\`arn:partition:service:...\`)`, it.path, it.node.span);
  }
}
