/**
 * @module test/unit/edge-api/coverage-doc.test
 * docs/edge.md's protocol coverage table is the dispatch table: every operation of the AWS
 * models of IAM, STS and CloudTrail (as the pinned SDK clients list them) with its status here.
 * Fails when the doc is stale; `UPDATE_EDGE_DOCS=1 npx vitest run test/unit/edge-api/coverage-doc.test.ts`
 * rewrites the table.
 */
import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { API_OPERATIONS } from "../../../js/edge/api/operations-table.ts";
import { IAM_OPERATIONS } from "../../../js/edge/iam-api/operations.ts";
import { STS_OPERATIONS } from "../../../js/edge/sts-api/operations.ts";
import { IAM_MODEL } from "../../../js/edge/aws-query/models/iam.ts";
import { STS_MODEL } from "../../../js/edge/aws-query/models/sts.ts";
import { Account } from "../../../js/sts/account.ts";

const DOC = "docs/edge.md";
const BEGIN = "<!-- coverage table: generated from API_OPERATIONS by test/unit/edge-api/coverage-doc.test.ts -->";
const END = "<!-- end of coverage table -->";

function table(): string {
  const count = (api: string, status?: string) => API_OPERATIONS.filter((r) => r.api === api && (!status || r.status === status)).length;
  const summary = ["IAM", "STS", "CloudTrail"].map((api) => `${api} ${count(api, "served")} of ${count(api)}`).join(", ");
  const rows = API_OPERATIONS.map((r) => `| ${r.api} | ${r.operation} | ${r.status} |`);
  return [BEGIN, "", `Served: ${summary}.`, "", "| API | operation | status |", "| --- | --- | --- |", ...rows, "", END].join("\n");
}

describe("docs/edge.md coverage table", () => {
  it("lists every operation with its status, as the dispatch table has it", () => {
    const doc = readFileSync(DOC, "utf8");
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect(start, "docs/edge.md has no coverage table markers").toBeGreaterThanOrEqual(0);
    const current = doc.slice(start, end + END.length);
    if (process.env.UPDATE_EDGE_DOCS === "1") writeFileSync(DOC, doc.slice(0, start) + table() + doc.slice(end + END.length));
    else expect(current, "stale: run UPDATE_EDGE_DOCS=1 npx vitest run test/unit/edge-api/coverage-doc.test.ts").toBe(table());
  });

  it("every served operation is in the AWS model, and the counts are the SDKs'", () => {
    expect(API_OPERATIONS.filter((r) => r.api === "IAM").length).toBeGreaterThanOrEqual(176);
    expect(API_OPERATIONS.filter((r) => r.api === "STS").length).toBeGreaterThanOrEqual(11);
    expect(API_OPERATIONS.find((r) => r.api === "CloudTrail" && r.operation === "LookupEvents")?.status).toBe("served");
    // A handler for a name the AWS model lacks would never be reached: every handler is listed.
    expect(Object.keys(IAM_OPERATIONS).filter((n) => !Object.hasOwn(IAM_MODEL.operations, n))).toEqual([]);
    expect(Object.keys(STS_OPERATIONS).filter((n) => !Object.hasOwn(STS_MODEL.operations, n))).toEqual([]);
    expect(API_OPERATIONS.filter((r) => r.status === "served").length).toBe(Object.keys(IAM_OPERATIONS).length + Object.keys(STS_OPERATIONS).length + 1);
  });

  it("every served operation has its method on the account model", () => {
    const methods = [...Object.keys(IAM_OPERATIONS), "AssumeRole", "AssumeRoleWithWebIdentity", "GetSessionToken", "GetCallerIdentity"]
      .map((n) => n.charAt(0).toLowerCase() + n.slice(1));
    expect(methods.filter((m) => typeof (Account.prototype as unknown as Record<string, unknown>)[m] !== "function")).toEqual([]);
    expect(typeof Account.prototype.toAuthorizationDetails).toBe("function");
  });
});
