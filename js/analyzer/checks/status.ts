/**
 * @module analyzer/checks/status
 * The checks of AWS's reference that iam-edge does not raise, each with why. Every other code
 * of ./table.ts is raised, and test/unit/analyzer/checks.test.ts holds a policy that triggers
 * it and one that does not; docs/analyzer.md's table is checked against both lists.
 */
import type { IssueCode } from "./table.ts";

const RETIRED_SCP = "retired by AWS: since 2025-09-19 SCPs support the full IAM policy language (\"AWS Organizations now offers full IAM policy language support for service control policies\"), so the element is valid";

export const NOT_RAISED: Partial<Record<IssueCode, string>> = {
  SCP_SYNTAX_ERROR_ACTION_WILDCARD: RETIRED_SCP,
  SCP_SYNTAX_ERROR_ALLOW_CONDITION: RETIRED_SCP,
  SCP_SYNTAX_ERROR_ALLOW_NOTACTION: RETIRED_SCP,
  SCP_SYNTAX_ERROR_ALLOW_RESOURCE: RETIRED_SCP,
  SCP_SYNTAX_ERROR_NOTRESOURCE: RETIRED_SCP,
  MISSING_PAIRED_CONDITION_KEYS: "AWS does not publish which condition keys it pairs; a guessed list would invent findings",
  IRRELEVANT_CONDITION_KEY_IN_POLICY: "AWS does not publish which keys it deems irrelevant for each resource policy type",
};
