/**
 * @module policy/validate/sid
 * The `Sid` element ("IAM JSON policy element reference: Sid").
 */
import { quote } from "../json.ts";
import { describe, report, type StatementScope } from "./common.ts";

/**
 * "In IAM, the Sid value is limited to ASCII uppercase letters (A-Z), lowercase letters (a-z),
 * and numbers (0-9)"; other services (resource policies) accept more.
 */
const SID = /^[A-Za-z0-9]*$/;

/** Checks the statement's Sid; `sids` maps the policy's Sids so far to their paths. */
export function checkSid(s: StatementScope, sids: Map<string, string>): void {
  const { ctx } = s;
  const sidEl = s.elements.get("Sid");
  if (!sidEl) return;
  const n = sidEl.member.value;
  if (n.type !== "string") {
    report(ctx, "error", "WRONG_TYPE", `\`Sid\` must be a string, not ${describe(n)}`, sidEl.path, n.span);
    return;
  }
  s.out.sid = n.value;
  if (!SID.test(n.value)) {
    const strict = ctx.kind !== "resource";
    report(ctx, strict ? "error" : "warning", "INVALID_SID",
      strict
        ? `\`Sid\` ${quote(n.value)} must contain only letters A-Z, a-z and digits 0-9`
        : `\`Sid\` ${quote(n.value)} has characters other than letters and digits, which some services reject`,
      sidEl.path, n.span);
  }
  // "Sid values must be unique within a JSON policy".
  if (n.value === "") return;
  const prev = sids.get(n.value);
  if (prev !== undefined) {
    report(ctx, "error", "DUPLICATE_SID", `\`Sid\` ${quote(n.value)} is already used at \`${prev}\``, sidEl.path, n.span);
  } else {
    sids.set(n.value, sidEl.path);
  }
}
