/**
 * @module policy/validate/document
 * The policy's top-level elements other than `Statement`: `Version` ("IAM JSON policy element
 * reference: Version") and `Id` ("IAM JSON policy element reference: Id").
 */
import type { PolicyKind } from "../types.ts";
import { quote, type ObjectNode } from "../json.ts";
import { describe, report, type Ctx, type Element } from "./common.ts";

/** "IAM JSON policy element reference: Version". */
const VERSIONS = ["2012-10-17", "2008-10-17"];

/** "IAM JSON policy element reference: Id": IAM-managed policies ignore Id; resource policies use it. */
const NO_ID: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "session"]);

/** The policy's `Version` when it is a valid one, else null (reported unless merely absent). */
export function checkVersion(ctx: Ctx, v: Element | undefined, root: ObjectNode): string | null {
  // AWS Organizations "RCP syntax": every RCP must state `"Version": "2012-10-17"`.
  const versionRequired = ctx.kind === "rcp";
  if (!v) {
    // "IAM JSON policy element reference: Version": without it, defaults to 2008-10-17 behaviour.
    if (versionRequired) report(ctx, "error", "INVALID_VERSION", "resource control policies must have `\"Version\": \"2012-10-17\"`", "", root.span);
    else report(ctx, "warning", "MISSING_VERSION", "policy has no `Version`; add `\"Version\": \"2012-10-17\"` so policy variables work", "", root.span);
    return null;
  }
  const n = v.member.value;
  if (n.type !== "string" || !VERSIONS.includes(n.value)) {
    const shown = n.type === "string" ? quote(n.value) : describe(n);
    report(ctx, "error", "INVALID_VERSION", `\`Version\` must be \`2012-10-17\` or \`2008-10-17\`, not ${shown}`, v.path, n.span);
    return null;
  }
  if (n.value === "2008-10-17" && versionRequired) {
    report(ctx, "error", "INVALID_VERSION", "resource control policies must have `\"Version\": \"2012-10-17\"`", v.path, n.span);
  } else if (n.value === "2008-10-17") {
    report(ctx, "warning", "OLD_VERSION", "`Version` `2008-10-17` does not support policy variables; use `2012-10-17`", v.path, n.span);
  }
  return n.value;
}

/** The policy's `Id` when it is a string. */
export function checkId(ctx: Ctx, idEl: Element | undefined): string | undefined {
  if (!idEl) return undefined;
  const n = idEl.member.value;
  if (n.type !== "string") {
    report(ctx, "error", "WRONG_TYPE", `\`Id\` must be a string, not ${describe(n)}`, idEl.path, n.span);
    return undefined;
  }
  if (NO_ID.has(ctx.kind)) {
    report(ctx, "warning", "ID_NOT_SUPPORTED", `\`Id\` is ignored in ${ctx.kind} policies`, idEl.path, idEl.member.keySpan);
  }
  return n.value;
}
