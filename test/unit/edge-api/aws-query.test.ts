/**
 * @module test/unit/edge-api/aws-query.test
 * The awsQuery pieces on their own: the strict form decoder and its limits, the shape-driven
 * decoder (lists, maps, nested structures, types, required members), the XML writer (member
 * order, lists, maps, escaping, booleans, numbers, timestamps, blobs), the error statuses, API
 * detection, and that the generated models match the installed SDK clients.
 */
import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { parseForm } from "../../../js/edge/aws-query/form.ts";
import { decodeInput } from "../../../js/edge/aws-query/decode.ts";
import { responseXml, escapeText } from "../../../js/edge/aws-query/xml.ts";
import { QueryError, statusOf } from "../../../js/edge/aws-query/errors.ts";
import { IAM_MODEL } from "../../../js/edge/aws-query/models/iam.ts";
import { STS_MODEL } from "../../../js/edge/aws-query/models/sts.ts";
import { detectApi, signedScope } from "../../../js/edge/api/detect.ts";

const op = (name: string) => IAM_MODEL.operations[name];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof QueryError ? `${err.code} ${err.status}` : `not a QueryError: ${String(err)}`;
  }
  return undefined;
}

describe("parseForm", () => {
  it("decodes + and %XX as UTF-8, keeps order, takes names without values as empty", () => {
    const p = parseForm("Action=Get+User&Path=%2Fa%2Fb%2F&Name=%C3%A9t%C3%A9&Empty&Tags=");
    expect([...p]).toEqual([["Action", "Get User"], ["Path", "/a/b/"], ["Name", "été"], ["Empty", ""], ["Tags", ""]]);
    expect([...parseForm("")]).toEqual([]);
    expect([...parseForm("&&a=1&")]).toEqual([["a", "1"]]);
  });

  it("refuses what URLSearchParams would pass through", () => {
    expect(codeOf(() => parseForm("a=%zz"))).toBe("MalformedQueryString 404");
    expect(codeOf(() => parseForm("a=%4"))).toBe("MalformedQueryString 404");
    expect(codeOf(() => parseForm("a=%C3"))).toBe("MalformedQueryString 404");
    expect(codeOf(() => parseForm("%ff=1"))).toBe("MalformedQueryString 404");
  });

  it("is bounded: parameters, name length, depth, duplicates", () => {
    const limits = { maxParameters: 3, maxNameLength: 10, maxDepth: 3 };
    expect(codeOf(() => parseForm("a=1&b=2&c=3", limits))).toBeUndefined();
    expect(codeOf(() => parseForm("a=1&b=2&c=3&d=4", limits))).toBe("InvalidQueryParameter 400");
    expect(codeOf(() => parseForm("abcdefghijk=1", limits))).toBe("InvalidQueryParameter 400");
    expect(codeOf(() => parseForm("a.b.c.d=1", limits))).toBe("InvalidQueryParameter 400");
    expect(codeOf(() => parseForm("a=1&a=2", limits))).toBe("InvalidQueryParameter 400");
  });
});

describe("decodeInput", () => {
  it("structures, lists of structures, lists of strings, numbers and booleans", () => {
    const params = parseForm([
      "UserName=alice", "Path=/dev/", "Tags.member.1.Key=team", "Tags.member.1.Value=blue", "Tags.member.2.Key=env", "Tags.member.2.Value=",
    ].join("&"));
    expect(decodeInput(IAM_MODEL, op("CreateUser")[0], params)).toEqual({ UserName: "alice", Path: "/dev/", Tags: [{ Key: "team", Value: "blue" }, { Key: "env", Value: "" }] });
    const sim = parseForm([
      "PolicySourceArn=arn:aws:iam::111122223333:user/a", "ActionNames.member.1=s3:GetObject", "ActionNames.member.2=s3:PutObject",
      "ContextEntries.member.1.ContextKeyName=aws:SourceIp", "ContextEntries.member.1.ContextKeyType=ip",
      "ContextEntries.member.1.ContextKeyValues.member.1=10.0.0.1", "MaxItems=5",
      "PolicyExclusionList.member.1.InlinePolicyIdentifier.PolicyName=p", "PolicyExclusionList.member.1.InlinePolicyIdentifier.AttachmentType=user",
      "PolicyExclusionList.member.1.InlinePolicyIdentifier.AttachmentName=a",
    ].join("&"));
    expect(decodeInput(IAM_MODEL, op("SimulatePrincipalPolicy")[0], sim)).toEqual({
      PolicySourceArn: "arn:aws:iam::111122223333:user/a", ActionNames: ["s3:GetObject", "s3:PutObject"],
      ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyType: "ip", ContextKeyValues: ["10.0.0.1"] }], MaxItems: 5,
      PolicyExclusionList: [{ InlinePolicyIdentifier: { PolicyName: "p", AttachmentType: "user", AttachmentName: "a" } }],
    });
    expect(decodeInput(IAM_MODEL, op("CreatePolicyVersion")[0], parseForm("PolicyArn=x&PolicyDocument=%7B%7D&SetAsDefault=true"))).toEqual({ PolicyArn: "x", PolicyDocument: "{}", SetAsDefault: true });
  });

  it("an empty list is `Name=`; a list stops at the first missing index", () => {
    expect(decodeInput(IAM_MODEL, op("CreateUser")[0], parseForm("UserName=a&Tags="))).toEqual({ UserName: "a", Tags: [] });
    expect(decodeInput(IAM_MODEL, op("UntagUser")[0], parseForm("UserName=a&TagKeys.member.1=x&TagKeys.member.3=z"))).toEqual({ UserName: "a", TagKeys: ["x"] });
  });

  it("maps are entry.N.key / entry.N.value", () => {
    const ref = IAM_MODEL.shapes.findIndex((s) => s[0] === "S" && s[1] === "AcquireRoleRequest");
    const params = parseForm("TemplateArn=t&ReplacementValues.entry.1.key=k1&ReplacementValues.entry.1.value.Values.member.1=v");
    expect(decodeInput(IAM_MODEL, ref, params)).toEqual({ TemplateArn: "t", ReplacementValues: { k1: { Values: ["v"] } } });
  });

  it("type errors and missing required members are listed in AWS's words", () => {
    const e = (() => {
      try {
        decodeInput(IAM_MODEL, op("UpdateAccountPasswordPolicy")[0], parseForm("MinimumPasswordLength=ten&RequireSymbols=yes"));
      } catch (err) {
        return err as QueryError;
      }
    })();
    expect(e?.code).toBe("ValidationError");
    expect(e?.message).toBe("2 validation errors detected: Value 'ten' at 'minimumPasswordLength' failed to satisfy constraint: Member must be a number; Value 'yes' at 'requireSymbols' failed to satisfy constraint: Member must be true or false");
    expect(codeOf(() => decodeInput(STS_MODEL, STS_MODEL.operations.AssumeRole[0], parseForm("RoleArn=x")))).toBe("ValidationError 400");
    expect(decodeInput(STS_MODEL, STS_MODEL.operations.GetCallerIdentity[0], parseForm("Unknown=1"))).toEqual({});
  });
});

describe("responseXml", () => {
  it("members in the shape's order, lists as member, booleans, numbers, dates, no unknown fields", () => {
    const xml = responseXml(IAM_MODEL, "ListUsers", op("ListUsers")[1], {
      IsTruncated: false, Extra: "dropped",
      Users: [{ UserName: "a&b", Path: "/", Arn: "arn", UserId: "AIDA", CreateDate: new Date("2026-01-02T03:04:05Z"), Tags: [] }],
    }, "rid");
    expect(xml).toBe('<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult><Users><member><Path>/</Path><UserName>a&amp;b</UserName><UserId>AIDA</UserId><Arn>arn</Arn><CreateDate>2026-01-02T03:04:05Z</CreateDate><Tags></Tags></member></Users><IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ListUsersResponse>');
  });

  it("no Result element for operations without output; blobs base64; control characters as references", () => {
    expect(responseXml(IAM_MODEL, "DeleteUser", op("DeleteUser")[1], {}, "r")).toBe('<DeleteUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteUserResponse>');
    const mfa = responseXml(IAM_MODEL, "CreateVirtualMFADevice", op("CreateVirtualMFADevice")[1], { VirtualMFADevice: { SerialNumber: "s", Base32StringSeed: "ABC" } }, "r");
    expect(mfa).toContain(`<Base32StringSeed>${btoa("ABC")}</Base32StringSeed>`);
    expect(escapeText("a\u0001b<c>\r\n\t")).toBe("a&#x1;b&lt;c&gt;&#xd;\n\t");
    const sts = responseXml(STS_MODEL, "GetCallerIdentity", STS_MODEL.operations.GetCallerIdentity[1], { UserId: "u", Account: "1", Arn: "a" }, "r");
    expect(sts).toBe('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>u</UserId><Account>1</Account><Arn>a</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>');
  });

  it("a value that does not fit its shape is left out, not written half", () => {
    const xml = responseXml(IAM_MODEL, "GetUser", op("GetUser")[1], { User: { UserName: "a", Tags: "not a list", PermissionsBoundary: 5 } }, "r");
    expect(xml).toContain("<User><UserName>a</UserName></User>");
  });
});

describe("errors, detection, generated models", () => {
  it("statuses come from the AWS model, then the common errors, then the model's", () => {
    expect(statusOf(IAM_MODEL, "NoSuchEntity")).toBe(404);
    expect(statusOf(IAM_MODEL, "EntityAlreadyExists")).toBe(409);
    expect(statusOf(IAM_MODEL, "LimitExceeded")).toBe(409);
    expect(statusOf(IAM_MODEL, "ServiceFailure")).toBe(500);
    expect(statusOf(STS_MODEL, "PackedPolicyTooLarge")).toBe(400);
    expect(statusOf(STS_MODEL, "IDPRejectedClaim")).toBe(403);
    expect(statusOf(STS_MODEL, "ExpiredToken", 400)).toBe(403);
    expect(statusOf(IAM_MODEL, "MalformedQueryString")).toBe(404);
    expect(statusOf(IAM_MODEL, "SomethingNew", 418)).toBe(418);
  });

  it("detectApi and signedScope", () => {
    const req = (url: string, headers: Record<string, string>, method = "POST") => ({ method, url, headers: new Headers(headers) });
    const auth = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/${service}/aws4_request, SignedHeaders=host, Signature=00` });
    expect(detectApi(req("http://h/", auth("iam")))).toBe("iam");
    expect(detectApi(req("http://h/", auth("sts")))).toBe("sts");
    expect(detectApi(req("http://h/", { ...auth("cloudtrail"), "x-amz-target": "CloudTrail_20131101.LookupEvents" }))).toBe("cloudtrail");
    expect(detectApi(req("http://h/", { ...auth("cloudtrail"), "x-amz-target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents" }))).toBe("cloudtrail");
    expect(detectApi(req("http://h/bucket/key", auth("s3"), "GET"))).toBeUndefined();
    expect(detectApi(req("http://h/", { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }))).toBe("query");
    expect(detectApi(req("http://h/?Action=GetUser&Version=2010-05-08", {}, "GET"))).toBe("query");
    expect(detectApi(req("http://h/index.html", {}, "GET"))).toBeUndefined();
    expect(signedScope(req("http://h/", auth("iam")))).toEqual({ accessKeyId: "AKIDEXAMPLE", region: "eu-west-1", service: "iam" });
    expect(signedScope(req("http://h/?X-Amz-Credential=AKID%2F20260101%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Algorithm=AWS4-HMAC-SHA256", {}, "GET"))).toEqual({ accessKeyId: "AKID", region: "us-east-1", service: "sts" });
  });

  it("the generated models match the installed SDK clients (node generate.mjs --check)", () => {
    expect(() => execFileSync(process.execPath, ["js/edge/aws-query/models/generate.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
    expect(Object.keys(IAM_MODEL.operations).length).toBeGreaterThanOrEqual(176);
    expect(Object.keys(STS_MODEL.operations).length).toBeGreaterThanOrEqual(11);
  });
});
