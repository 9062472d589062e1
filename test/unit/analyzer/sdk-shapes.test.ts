/**
 * @module test/unit/analyzer/sdk-shapes.test
 * The analyzer's answers are assignable to the types of @aws-sdk/client-accessanalyzer (v3,
 * pinned): `npm run typecheck` compiles this file, so a field of the wrong name or type fails
 * the build. At run time: each finding and custom-check answer has exactly AWS's keys (plus the
 * documented `exampleRequest` extension), and path elements are single-member unions as AWS's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type {
  CheckAccessNotGrantedResponse, CheckNoNewAccessResponse, CheckNoPublicAccessResponse,
  ValidatePolicyCommandInput, ValidatePolicyResponse as SdkValidatePolicyResponse,
} from "@aws-sdk/client-accessanalyzer";
import { createEngine, type Engine } from "../../../js/index.ts";
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess, validatePolicy, type ValidatePolicyRequest } from "../../../js/analyzer/index.ts";

const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "S", Effect: "Allow", Action: ["s3:GetObjectt", "iam:PassRole"], Resource: "*", Condition: { StringEquals: { "aws:username": "${aws:username" } } }],
});

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe("shapes of @aws-sdk/client-accessanalyzer", () => {
  it("validatePolicy: request and response", async () => {
    const input: ValidatePolicyRequest = { policyDocument: POLICY, policyType: "IDENTITY_POLICY" };
    const sdkInput: ValidatePolicyCommandInput = input as ValidatePolicyRequest & { policyDocument: string };
    const response: SdkValidatePolicyResponse = await validatePolicy(sdkInput as ValidatePolicyRequest);
    expect(response.findings!.length).toBeGreaterThan(1);
    for (const f of response.findings!) {
      expect(Object.keys(f).sort()).toEqual(["findingDetails", "findingType", "issueCode", "learnMoreLink", "locations"]);
      for (const l of f.locations!) {
        expect(Object.keys(l).sort()).toEqual(["path", "span"]);
        for (const p of l.path!) expect(Object.keys(p)).toHaveLength(1);
        for (const end of [l.span!.start!, l.span!.end!]) expect(Object.keys(end).sort()).toEqual(["column", "line", "offset"]);
      }
    }
  });

  it("custom checks: result, message, reasons", async () => {
    const fresh = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "New", Effect: "Allow", Action: "s3:PutObject", Resource: "*" }] });
    const old = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
    const a: CheckNoNewAccessResponse = await checkNoNewAccess({ newPolicyDocument: fresh, existingPolicyDocument: old, policyType: "IDENTITY_POLICY" }, { engine });
    const b: CheckAccessNotGrantedResponse = await checkAccessNotGranted({ policyDocument: fresh, access: [{ actions: ["s3:PutObject"] }], policyType: "IDENTITY_POLICY" }, { engine });
    const bucket = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] });
    const c: CheckNoPublicAccessResponse = await checkNoPublicAccess({ policyDocument: bucket, resourceType: "AWS::S3::Bucket" }, { engine });
    for (const r of [a, b, c]) {
      expect(r.result).toBe("FAIL");
      expect(Object.keys(r).sort()).toEqual(["exampleRequest", "message", "reasons", "result"]);
      for (const reason of r.reasons!) expect(["description", "statementId", "statementIndex"]).toEqual(expect.arrayContaining(Object.keys(reason)));
    }
    expect(a.reasons).toEqual([{ description: "New access in the statement with index: 0.", statementIndex: 0, statementId: "New" }]);
  });
});
