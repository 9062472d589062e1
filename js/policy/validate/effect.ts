/**
 * @module policy/validate/effect
 * The `Effect` element ("IAM JSON policy element reference: Effect"): exactly `Allow` or
 * `Deny`, case-sensitive.
 */
import { quote } from "../json.ts";
import { describe, report, type Element, type StatementScope } from "./common.ts";

/** The Effect as written, when it is a string (what later rules test, valid or not). */
export function effectText(elements: Map<string, Element>): string | undefined {
  const v = elements.get("Effect")?.member.value;
  return v?.type === "string" ? v.value : undefined;
}

export function checkEffect(s: StatementScope): void {
  const { ctx } = s;
  const effEl = s.elements.get("Effect");
  if (!effEl) {
    report(ctx, "error", "MISSING_EFFECT", "statement has no `Effect`", s.path, s.node.span);
    return;
  }
  const n = effEl.member.value;
  if (n.type !== "string") {
    report(ctx, "error", "WRONG_TYPE", `\`Effect\` must be a string, not ${describe(n)}`, effEl.path, n.span);
  } else if (n.value === "Allow" || n.value === "Deny") {
    s.out.effect = n.value;
  } else {
    report(ctx, "error", "INVALID_EFFECT", `\`Effect\` must be \`Allow\` or \`Deny\` (case-sensitive), not ${quote(n.value)}`, effEl.path, n.span);
  }
}
