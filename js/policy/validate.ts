/**
 * @module policy/validate
 * Validates a policy document for one policy kind and, when there is no error, returns its
 * normalized form. All problems are collected; nothing throws. Rules come from the AWS IAM User
 * Guide ("Grammar of the IAM JSON policy language", "IAM JSON policy element reference", "IAM
 * and AWS STS quotas"), the Organizations User Guide (SCP and RCP syntax) and Access Analyzer's
 * policy checks ("IAM policy validation check reference"); each rule cites its page.
 * Codes are listed in docs/diagnostics.md. One module per element, under validate/: start at
 * validate/statement.ts.
 */

import type { Diagnostic, NormalizedPolicy, ValidateOptions, ValidationResult } from "./types.ts";
import { toDocument } from "./input.ts";
import { readPolicyOptions } from "./options.ts";
import { indexMembers, type Ctx, type UnknownMember } from "./validate/common.ts";
import { checkSizeAndCharacters } from "./validate/size.ts";
import { checkId, checkVersion } from "./validate/document.ts";
import { checkStatements } from "./validate/statement.ts";

export { SIZE_LIMITS } from "./validate/size.ts";

/** "Grammar of the IAM JSON policy language": policy = { version?, id?, statement }. */
const TOP_ELEMENTS = ["Version", "Id", "Statement"] as const;
const UNKNOWN_TOP: UnknownMember = { code: "UNKNOWN_ELEMENT", before: "unknown policy element", after: "" };

/**
 * Every diagnostic of `input` as a policy of `options.kind`, and its normalized form when none
 * is an error. Without a known kind the answer is one `INVALID_KIND` diagnostic: the rules
 * depend on the kind; an option that is not valid (`maxSize: NaN`) is one `INVALID_OPTION`.
 */
export function validatePolicy(input: unknown, given: ValidateOptions): ValidationResult {
  const read = readPolicyOptions(given);
  if ("problem" in read) return { diagnostics: [{ severity: "error", code: read.problem.code, message: read.problem.message, path: "" }] };
  const options = read.options;
  const doc = toDocument(input);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const result: ValidationResult = { diagnostics };
  if (doc.text !== undefined) result.text = doc.text;
  if (!doc.root || doc.root.type !== "object") return result;
  const root = doc.root;
  const ctx: Ctx = { kind: options.kind, variables: false, iamChecks: options.iamChecks === true, diagnostics };

  checkSizeAndCharacters(ctx, doc.text, root, options, doc.measure);
  const top = indexMembers(ctx, root, "", TOP_ELEMENTS, UNKNOWN_TOP);
  const version = checkVersion(ctx, top.get("Version"), root);
  ctx.variables = version === "2012-10-17";
  const id = checkId(ctx, top.get("Id"));
  const statements = checkStatements(ctx, top.get("Statement"), root);

  if (!diagnostics.some((d) => d.severity === "error")) {
    const policy: NormalizedPolicy = { version, statements };
    if (id !== undefined) policy.id = id;
    result.policy = policy;
  }
  return result;
}
