/**
 * @module edge/api/operations-table
 * Every operation of the AWS models of IAM, STS and CloudTrail (as the pinned SDK clients list
 * them) and whether this endpoint serves it: the source of docs/edge.md's coverage table (a
 * test fails when the table there differs from this one).
 */
import { CLOUDTRAIL_MODEL } from "../aws-query/models/cloudtrail.ts";
import { IAM_MODEL } from "../aws-query/models/iam.ts";
import { STS_MODEL } from "../aws-query/models/sts.ts";
import { IAM_OPERATIONS } from "../iam-api/operations.ts";
import { STS_OPERATIONS } from "../sts-api/operations.ts";

export type ApiOperationStatus = "served" | "not implemented";

export interface ApiOperationRow {
  api: "IAM" | "STS" | "CloudTrail";
  operation: string;
  status: ApiOperationStatus;
}

function rows(api: ApiOperationRow["api"], names: readonly string[], served: (name: string) => boolean): ApiOperationRow[] {
  return [...names].sort().map((operation) => ({ api, operation, status: served(operation) ? "served" : "not implemented" }));
}

export const API_OPERATIONS: readonly ApiOperationRow[] = [
  ...rows("IAM", Object.keys(IAM_MODEL.operations), (n) => Object.hasOwn(IAM_OPERATIONS, n)),
  ...rows("STS", Object.keys(STS_MODEL.operations), (n) => Object.hasOwn(STS_OPERATIONS, n)),
  ...rows("CloudTrail", CLOUDTRAIL_MODEL.operations, (n) => n === "LookupEvents"),
];
