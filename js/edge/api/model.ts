/**
 * @module edge/api/model
 * The account model's types this layer uses, imported in one place (the model's files move;
 * its public API does not).
 */
export type { Account } from "../../sts/account.ts";
export type { CloudTrailRecord } from "../../iam/audit/shapes.ts";
