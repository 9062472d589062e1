/**
 * @module test/unit/analyzer/builder-principal.test
 * The policy builder's Principal (js/playground/analyzer/builder-model.ts): the shapes of "AWS
 * JSON policy elements: Principal" (anyone, account ids and ARNs, service principals, federated
 * providers, lists) written and read back, a NotPrincipal kept as written, and a bucket policy
 * built with a principal that the analyzer finds no ERROR in.
 */
import { describe, expect, it } from "vitest";
import { fromPrincipal, fromStatement, toPrincipal, toStatement, withStatement, type BuiltStatement } from "../../../js/playground/analyzer/builder-model.ts";
import { validatePolicy } from "../../../js/analyzer/index.ts";

const bucketRead = (principal: BuiltStatement["principal"]): BuiltStatement => ({
  sid: "ReadReports", effect: "Allow", service: "s3", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::amzn-s3-demo-bucket/reports/*"], conditions: [], principal,
});

describe("builder: Principal", () => {
  it("writes anyone as \"*\" and principals by type, one value as a string, several as a list", () => {
    expect(toPrincipal({ anyone: true })).toBe("*");
    expect(toPrincipal({ anyone: false, entries: [{ type: "AWS", value: "123456789012" }] })).toEqual({ AWS: "123456789012" });
    expect(toPrincipal({
      anyone: false,
      entries: [
        { type: "Service", value: "ecs.amazonaws.com" }, { type: "AWS", value: "arn:aws:iam::123456789012:root" },
        { type: "Service", value: "elasticloadbalancing.amazonaws.com" }, { type: "Federated", value: "cognito-identity.amazonaws.com" },
      ],
    })).toEqual({
      AWS: "arn:aws:iam::123456789012:root", Service: ["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"], Federated: "cognito-identity.amazonaws.com",
    });
  });

  it("leaves Principal out while no principal is filled in (the analyzer then says MISSING_PRINCIPAL)", () => {
    expect(toPrincipal({ anyone: false, entries: [{ type: "AWS", value: "  " }] })).toBeUndefined();
    expect("Principal" in toStatement(bucketRead({ anyone: false, entries: [] }))).toBe(false);
  });

  it("reads the element back: \"*\", a type with a string or a list; refuses other shapes", () => {
    expect(fromPrincipal("*")).toEqual({ anyone: true });
    expect(fromPrincipal({ AWS: ["arn:aws:iam::123456789012:root", "999999999999"] })).toEqual({
      anyone: false, entries: [{ type: "AWS", value: "arn:aws:iam::123456789012:root" }, { type: "AWS", value: "999999999999" }],
    });
    expect(fromPrincipal({ Federated: "accounts.google.com" })).toEqual({ anyone: false, entries: [{ type: "Federated", value: "accounts.google.com" }] });
    expect(fromPrincipal("123456789012")).toBeUndefined();
    expect(fromPrincipal({ Users: "alice" })).toBeUndefined();
    expect(fromPrincipal({ AWS: 123456789012 })).toBeUndefined();
    expect(fromStatement({ Effect: "Allow", Principal: { Users: "alice" }, Action: "s3:GetObject", Resource: "*" })).toHaveProperty("reason");
  });

  it("a statement with Principal round-trips through the builder, in AWS's element order", () => {
    const statement = { Sid: "TrustEcs", Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Resource: "*" };
    const back = fromStatement(statement);
    expect(back).toHaveProperty("statement");
    if (!("statement" in back)) return;
    const written = toStatement(back.statement);
    expect(written).toEqual(statement);
    expect(Object.keys(written)).toEqual(["Sid", "Effect", "Principal", "Action", "Resource"]);
  });

  it("keeps a NotPrincipal as written while other elements change", () => {
    const notPrincipal = { AWS: ["arn:aws:iam::444455556666:role/admin", "arn:aws:iam::444455556666:root"] };
    const back = fromStatement({ Effect: "Deny", NotPrincipal: notPrincipal, Action: "s3:DeleteObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*" });
    expect(back).toHaveProperty("statement");
    if (!("statement" in back)) return;
    back.statement.actions.push("s3:DeleteObjectVersion");
    const written = toStatement(back.statement);
    expect(written.NotPrincipal).toEqual(notPrincipal);
    expect(written.Action).toEqual(["s3:DeleteObject", "s3:DeleteObjectVersion"]);
    expect("Principal" in written).toBe(false);
  });

  it("a bucket policy built with an account principal has no ERROR finding; without one, MISSING_PRINCIPAL", async () => {
    const text = withStatement("", 0, bucketRead({ anyone: false, entries: [{ type: "AWS", value: "111122223333" }] }));
    expect(typeof text).toBe("string");
    const request = { policyDocument: text as string, policyType: "RESOURCE_POLICY" as const, validatePolicyResourceType: "AWS::S3::Bucket" as const };
    const { findings } = await validatePolicy(request);
    expect(findings.filter((f) => f.findingType === "ERROR")).toEqual([]);
    const missing = withStatement("", 0, bucketRead({ anyone: false, entries: [] })) as string;
    const again = await validatePolicy({ ...request, policyDocument: missing });
    expect(again.findings.map((f) => f.issueCode)).toContain("MISSING_PRINCIPAL");
  });
});

describe("builder: a role trust policy", () => {
  it("is written without Resource (IAM refuses one in a trust policy) and has no ERROR finding", async () => {
    const trust: BuiltStatement = {
      sid: "", effect: "Allow", service: "sts", actions: ["sts:AssumeRole"], resources: [], conditions: [],
      principal: { anyone: false, entries: [{ type: "Service", value: "ec2.amazonaws.com" }] },
    };
    const text = withStatement("", 0, trust, { resource: false }) as string;
    expect(JSON.parse(text).Statement[0]).toEqual({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });
    const { findings } = await validatePolicy({ policyDocument: text, policyType: "RESOURCE_POLICY", validatePolicyResourceType: "AWS::IAM::AssumeRolePolicyDocument" });
    expect(findings.filter((f) => f.findingType === "ERROR")).toEqual([]);
  });
});
