import { describe, expect, it } from "vitest";
import { draftArn, fromStatement, operatorsFor, statementsOf, toStatement, withStatement, type BuiltStatement } from "../../../js/playground/analyzer/builder-model.ts";
import { findingMarks, findingSummary, validateRequest } from "../../../js/playground/analyzer/finding-marks.ts";
import { formOfExample } from "../../../js/playground/analyzer/example-request.ts";
import { splitList } from "../../../js/playground/analyzer/custom-check-pane.ts";

const built: BuiltStatement = {
  sid: "Read", effect: "Allow", service: "s3", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::amzn-s3-demo-bucket/*"],
  conditions: [{ operator: "StringEquals", key: "s3:ExistingObjectTag/team", values: ["a", "b"] }],
};

describe("builder model: operators by key type (IAM JSON policy elements: Condition operators)", () => {
  it("gives a Bool key only Bool and Null", () => expect(operatorsFor("Bool")).toEqual(["Bool", "Null"]));
  it("gives an IP key IpAddress and NotIpAddress", () => expect(operatorsFor("IPAddress")).toEqual(["IpAddress", "NotIpAddress", "Null"]));
  it("qualifies every operator of a multivalued key", () => {
    const ops = operatorsFor("ArrayOfString");
    expect(ops).toContain("ForAnyValue:StringEquals");
    expect(ops).toContain("ForAllValues:StringLike");
    expect(ops.filter((o) => o !== "Null" && !o.startsWith("For"))).toEqual([]);
  });
  it("lets an ARN key take Arn and String operators, not Numeric ones", () => {
    expect(operatorsFor("ARN")).toEqual(expect.arrayContaining(["ArnLike", "StringEquals"]));
    expect(operatorsFor("ARN")).not.toContain("NumericEquals");
  });
  it("gives a Date key the Date operators only", () => expect(operatorsFor("Date").filter((o) => !o.startsWith("Date"))).toEqual(["Null"]));
});

describe("builder model: ARN drafts and statements", () => {
  it("fills the partition and stars the other placeholders", () => {
    expect(draftArn("arn:${Partition}:s3:::${BucketName}/${ObjectName}")).toBe("arn:aws:s3:::*/*");
    expect(draftArn("arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}")).toBe("arn:aws:iam::*:role/*");
  });
  it("writes one value as a string and several as a list, with a Condition block", () => {
    expect(toStatement(built)).toEqual({
      Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::amzn-s3-demo-bucket/*",
      Condition: { StringEquals: { "s3:ExistingObjectTag/team": ["a", "b"] } },
    });
  });
  it("writes Resource * when no resource is chosen", () => expect(toStatement({ ...built, resources: [] }).Resource).toBe("*"));
  it("reads back what it wrote", () => expect(fromStatement(toStatement(built))).toEqual({ statement: built }));
  it("reads a numeric or boolean condition value as text", () => {
    const r = fromStatement({ Effect: "Deny", Action: ["ec2:StopInstances"], Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": false } } });
    expect(r).toMatchObject({ statement: { effect: "Deny", service: "ec2", conditions: [{ operator: "Bool", key: "aws:MultiFactorAuthPresent", values: ["false"] }] } });
  });
  it("says why a statement does not fit the builder", () => {
    expect(fromStatement({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })).toEqual({ reason: "the builder does not edit NotAction" });
    expect(fromStatement({ Effect: "Allow", Action: ["s3:GetObject", "ec2:StopInstances"] })).toEqual({ reason: "its actions are not of one service" });
    expect(fromStatement({ Effect: "Allow", Action: "*:Get*" })).toEqual({ reason: "its actions are not of one service" });
    expect(fromStatement({ Effect: "Permit", Action: "s3:GetObject" })).toEqual({ reason: "its Effect is neither Allow nor Deny" });
    expect(fromStatement({ Effect: "Allow", Action: "s3:GetObject", Condition: { StringEquals: ["x"] } })).toMatchObject({ reason: expect.stringContaining("Condition") });
  });
  it("replaces a statement, appends one, keeps the document's other members", () => {
    const text = JSON.stringify({ Version: "2012-10-17", Id: "x", Statement: { Effect: "Deny", Action: "s3:*", Resource: "*" } });
    const added = JSON.parse(withStatement(text, 1, built) as string);
    expect(added.Id).toBe("x");
    expect(added.Statement).toHaveLength(2);
    expect(added.Statement[1].Sid).toBe("Read");
    const replaced = JSON.parse(withStatement(text, 0, built) as string);
    expect(replaced.Statement).toEqual([toStatement(built)]);
    expect(JSON.parse(withStatement("", 0, built) as string)).toEqual({ Version: "2012-10-17", Statement: [toStatement(built)] });
  });
  it("refuses to write into JSON that does not parse", () => {
    expect(withStatement("{ nope", 0, built)).toEqual({ reason: expect.stringContaining("does not parse") });
    expect(statementsOf("[1]")).toEqual({ reason: "the policy is not a JSON object" });
  });
});

describe("analyzer helpers of the page", () => {
  it("asks ValidatePolicy for the editor's policy type", () => {
    expect(validateRequest("identity", "{}").policyType).toBe("IDENTITY_POLICY");
    expect(validateRequest("boundary", "{}").policyType).toBe("IDENTITY_POLICY");
    expect(validateRequest("scp", "{}").policyType).toBe("SERVICE_CONTROL_POLICY");
    expect(validateRequest("resource", "{}")).toEqual({ policyDocument: "{}", policyType: "RESOURCE_POLICY" });
    expect(validateRequest("trust", "{}").validatePolicyResourceType).toBe("AWS::IAM::AssumeRolePolicyDocument");
  });
  it("marks each location with the finding type's severity", () => {
    const span = { start: { line: 2, column: 1, offset: 5 }, end: { line: 2, column: 4, offset: 8 } };
    const f = (findingType: "ERROR" | "SECURITY_WARNING" | "SUGGESTION") => ({ findingType, issueCode: "X", findingDetails: "d", learnMoreLink: "", locations: [{ path: [], span }, { path: [], span }] });
    const marks = findingMarks([f("ERROR"), f("SECURITY_WARNING"), f("SUGGESTION")]);
    expect(marks.map((m) => [m.severity, m.markClass])).toEqual([
      ["error", "cm-finding-error"], ["error", "cm-finding-error"], ["warning", "cm-finding-security-warning"],
      ["warning", "cm-finding-security-warning"], ["info", "cm-finding-suggestion"], ["info", "cm-finding-suggestion"],
    ]);
    expect(findingSummary([f("ERROR"), f("SUGGESTION"), f("SUGGESTION")])).toBe("1 error, 2 suggestions");
    expect(findingSummary([])).toBe("No findings.");
  });
  it("turns an example request into form fields and typed context rows", () => {
    expect(formOfExample({ principal: "p", action: "s3:GetObject", resource: "r", context: { "aws:SourceIp": "192.0.2.1", "aws:TagKeys": ["a", "b"] } })).toEqual({
      principal: "p", action: "s3:GetObject", resource: "r",
      context: [{ key: "aws:SourceIp", type: "string", value: "192.0.2.1" }, { key: "aws:TagKeys", type: "stringList", value: "a,b" }],
    });
  });
  it("splits a typed list on commas and new lines", () => expect(splitList(" s3:GetObject,\n iam:PassRole ,, ")).toEqual(["s3:GetObject", "iam:PassRole"]));
});
