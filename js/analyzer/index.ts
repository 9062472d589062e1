/**
 * @module iam-edge/analyzer
 * The policy analyzer, offline: Access Analyzer's policy checks (`validatePolicy`), its custom
 * checks with an example request on FAIL (`checkNoNewAccess`, `checkAccessNotGranted`,
 * `checkNoPublicAccess`), and recommendations for an account (`recommendAccount`). Web APIs
 * only: it runs in Node, Workers and browsers. The action catalog it needs is loaded on first
 * use (`loadCatalog`), never by the engine's or the account model's entries.
 */
export { validatePolicy, validatePolicyWith } from "./validate-policy.ts";
export { loadCatalog } from "./catalog/load.ts";
export { Catalog } from "./catalog/catalog.ts";
export type { ActionInfo, ResourceTypeInfo, ConditionKeyInfo } from "./catalog/types.ts";
export { AnalyzerError } from "./errors.ts";
export { CHECKS, LEARN_MORE_BASE } from "./checks/table.ts";
export type { IssueCode } from "./checks/table.ts";
export { EXTRA_CHECKS } from "./checks/extra-table.ts";
export type * from "./types.ts";
export { checkNoNewAccess, type CustomCheckOptions } from "./custom/check-no-new-access.ts";
export { checkAccessNotGranted } from "./custom/check-access-not-granted.ts";
export { checkNoPublicAccess } from "./custom/check-no-public-access.ts";
export { recommendAccount, type RecommendOptions } from "./account/recommend-account.ts";
export { CONTROLS } from "./account/controls.ts";
export type { AccountRecommendation, RecommendationCode, AccountResourceType } from "./account/controls.ts";
