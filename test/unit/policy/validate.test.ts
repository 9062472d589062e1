/** @module test/unit/policy/validate — policy validation rules and normalization. */
import { describe, expect, it } from "vitest";
import { SIZE_LIMITS, validatePolicy } from "../../../js/policy/validate.ts";
import type { PolicyKind, Severity } from "../../../js/policy/types.ts";

type Obj = Record<string, unknown>;
const V = "2012-10-17";
const ID: Obj = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" };
const RES: Obj = { ...ID, Principal: { AWS: "arn:aws:iam::123456789012:root" } };
const TRUST: Obj = { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } };
const RCP: Obj = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { BoolIfExists: { "aws:SecureTransport": "false" } } };
const BASE: Record<PolicyKind, Obj> = { identity: ID, boundary: ID, session: ID, scp: ID, resource: RES, trust: TRUST, rcp: RCP };

const without = (o: Obj, key: string): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const policy = (...statements: Obj[]) => ({ Version: V, Statement: statements });
const run = (input: unknown, kind: PolicyKind = "identity") => validatePolicy(input, { kind });
const summary = (input: unknown, kind: PolicyKind = "identity") =>
  run(input, kind).diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`);

describe("valid policies", () => {
  it.each(Object.keys(BASE) as PolicyKind[])("a minimal %s policy has no diagnostics and is normalized", (kind) => {
    const r = run(policy(BASE[kind]), kind);
    expect(r.diagnostics).toEqual([]);
    expect(r.policy!.version).toBe(V);
    expect(r.policy!.statements).toHaveLength(1);
    expect(r.policy!.statements[0].path).toBe("/Statement/0");
  });
});

/** [title, kind, input, severity, code, path] — each diagnostic code at least once, with its path. */
const CASES: [string, PolicyKind, unknown, Severity, string, string][] = [
  ["syntax error", "identity", '{"Version": }', "error", "JSON_SYNTAX", "/Version"],
  ["duplicate key", "identity", `{"Version":"${V}","Version":"${V}","Statement":${JSON.stringify(ID)}}`, "error", "JSON_DUPLICATE_KEY", "/Version"],
  ["too deep", "identity", { Version: V, Statement: ID, x: JSON.parse("[".repeat(70) + "]".repeat(70)) }, "error", "JSON_TOO_DEEP", "/x" + "/0".repeat(63)],
  ["elements differing in case", "identity", policy({ ...ID, action: "s3:PutObject" }), "error", "DUPLICATE_KEY_DIFFERENT_CASE", "/Statement/0/action"],
  ["condition keys differing in case", "identity", policy({ ...ID, Condition: { StringEquals: { "aws:username": "a", "AWS:UserName": "b" } } }), "error", "DUPLICATE_KEY_DIFFERENT_CASE", "/Statement/0/Condition/StringEquals/AWS:UserName"],
  ["operators differing in case", "identity", policy({ ...ID, Condition: { StringEquals: { "aws:username": "a" }, stringequals: { "aws:userid": "b" } } }), "error", "DUPLICATE_KEY_DIFFERENT_CASE", "/Statement/0/Condition/stringequals"],
  ["function value", "identity", { Version: V, Statement: { ...ID, Sid: () => "x" } }, "error", "INVALID_JS_VALUE", "/Statement/Sid"],
  ["not an object", "identity", "[]", "error", "NOT_AN_OBJECT", ""],
  ["unknown kind", "bogus" as PolicyKind, policy(ID), "error", "INVALID_KIND", ""],
  ["bad URL encoding", "identity", "%7B%2", "error", "INVALID_URL_ENCODING", ""],
  ["too large", "session", policy({ ...ID, Resource: Array.from({ length: 100 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }), "error", "POLICY_TOO_LARGE", ""],
  ["unknown top-level element", "identity", { Version: V, Statement: ID, Foo: 1 }, "error", "UNKNOWN_ELEMENT", "/Foo"],
  ["unknown statement element", "identity", policy({ ...ID, Actions: "s3:*" }), "error", "UNKNOWN_ELEMENT", "/Statement/0/Actions"],
  ["invalid version", "identity", { Version: "2012-10-18", Statement: ID }, "error", "INVALID_VERSION", "/Version"],
  ["numeric version", "identity", { Version: 2012, Statement: ID }, "error", "INVALID_VERSION", "/Version"],
  ["missing version", "identity", { Statement: ID }, "warning", "MISSING_VERSION", ""],
  ["old version", "identity", { Version: "2008-10-17", Statement: ID }, "warning", "OLD_VERSION", "/Version"],
  ["Id in identity policy", "identity", { Version: V, Id: "x", Statement: ID }, "warning", "ID_NOT_SUPPORTED", "/Id"],
  ["Id not a string", "resource", { Version: V, Id: 5, Statement: RES }, "error", "WRONG_TYPE", "/Id"],
  ["missing statement", "identity", { Version: V }, "error", "MISSING_STATEMENT", ""],
  ["empty statement", "identity", { Version: V, Statement: [] }, "error", "EMPTY_STATEMENT", "/Statement"],
  ["statement not an object", "identity", { Version: V, Statement: [ID, "x"] }, "error", "WRONG_TYPE", "/Statement/1"],
  ["statement a string", "identity", { Version: V, Statement: "x" }, "error", "WRONG_TYPE", "/Statement"],
  ["missing effect", "identity", policy({ Action: "s3:*", Resource: "*" }), "error", "MISSING_EFFECT", "/Statement/0"],
  ["lowercase effect", "identity", policy({ ...ID, Effect: "allow" }), "error", "INVALID_EFFECT", "/Statement/0/Effect"],
  ["effect not a string", "identity", policy({ ...ID, Effect: true }), "error", "WRONG_TYPE", "/Statement/0/Effect"],
  ["missing action", "identity", policy({ Effect: "Allow", Resource: "*" }), "error", "MISSING_ACTION", "/Statement/0"],
  ["action and notaction", "identity", policy({ ...ID, NotAction: "iam:*" }), "error", "ACTION_AND_NOTACTION", "/Statement/0/NotAction"],
  ["empty action array", "identity", policy({ ...ID, Action: [] }), "error", "EMPTY_ARRAY", "/Statement/0/Action"],
  ["empty resource array", "identity", policy({ ...ID, Resource: [] }), "error", "EMPTY_ARRAY", "/Statement/0/Resource"],
  ["action not a string", "identity", policy({ ...ID, Action: ["s3:GetObject", 5] }), "error", "WRONG_TYPE", "/Statement/0/Action/1"],
  ["action object", "identity", policy({ ...ID, Action: { a: 1 } }), "error", "WRONG_TYPE", "/Statement/0/Action"],
  ["wildcard in service", "identity", policy({ ...ID, Action: ["s3:GetObject", "s*:GetObject"] }), "error", "INVALID_ACTION", "/Statement/0/Action/1"],
  ["action without colon", "identity", policy({ ...ID, Action: "GetObject" }), "error", "INVALID_ACTION", "/Statement/0/Action"],
  ["action with bad characters", "identity", policy({ ...ID, Action: "s3:Get Object" }), "error", "INVALID_ACTION", "/Statement/0/Action"],
  ["long action", "identity", policy({ ...ID, Action: "s3:" + "a".repeat(300) }), "error", "INVALID_ACTION", "/Statement/0/Action"],
  ["missing resource", "identity", policy({ Effect: "Allow", Action: "s3:*" }), "error", "MISSING_RESOURCE", "/Statement/0"],
  ["resource and notresource", "identity", policy({ ...ID, NotResource: "*" }), "error", "RESOURCE_AND_NOTRESOURCE", "/Statement/0/NotResource"],
  ["resource in trust policy", "trust", policy({ ...TRUST, Resource: "*" }), "error", "RESOURCE_NOT_ALLOWED", "/Statement/0/Resource"],
  ["resource not arn", "identity", policy({ ...ID, Resource: "xyz:a:b:c:d:e" }), "error", "INVALID_RESOURCE", "/Statement/0/Resource"],
  ["resource without service", "identity", policy({ ...ID, Resource: "arn:aws::::x" }), "error", "INVALID_RESOURCE", "/Statement/0/Resource"],
  ["resource with few parts", "identity", policy({ ...ID, Resource: ["*", "bucket-name"] }), "warning", "INVALID_RESOURCE", "/Statement/0/Resource/1"],
  ["missing principal", "resource", policy(ID), "error", "MISSING_PRINCIPAL", "/Statement/0"],
  ["principal in identity policy", "identity", policy({ ...ID, Principal: "*" }), "error", "PRINCIPAL_NOT_ALLOWED", "/Statement/0/Principal"],
  ["notprincipal in scp", "scp", policy({ ...ID, NotPrincipal: "*" }), "error", "PRINCIPAL_NOT_ALLOWED", "/Statement/0/NotPrincipal"],
  ["principal and notprincipal", "resource", policy({ ...RES, Effect: "Deny", NotPrincipal: { AWS: "123456789012" } }), "error", "PRINCIPAL_AND_NOTPRINCIPAL", "/Statement/0/NotPrincipal"],
  ["notprincipal with allow", "resource", policy({ ...ID, NotPrincipal: { AWS: "123456789012" } }), "error", "NOTPRINCIPAL_WITH_ALLOW", "/Statement/0/NotPrincipal"],
  ["notprincipal in trust", "trust", policy({ Effect: "Deny", Action: "sts:AssumeRole", NotPrincipal: { AWS: "123456789012" } }), "error", "NOTPRINCIPAL_NOT_ALLOWED", "/Statement/0/NotPrincipal"],
  ["unknown principal type", "resource", policy({ ...ID, Principal: { User: "x" } }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal/User"],
  ["lowercase principal type", "resource", policy({ ...ID, Principal: { aws: "123456789012" } }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal/aws"],
  ["partial wildcard principal", "resource", policy({ ...ID, Principal: { AWS: ["123456789012", "arn:aws:iam::123456789012:role/*"] } }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal/AWS/1"],
  ["service star", "resource", policy({ ...ID, Principal: { Service: "*" } }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal/Service"],
  ["string principal", "resource", policy({ ...ID, Principal: "123456789012" }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal"],
  ["bad AWS principal", "resource", policy({ ...ID, Principal: { AWS: "arn:aws:iam::123456789012:group/g" } }), "error", "INVALID_PRINCIPAL", "/Statement/0/Principal/AWS"],
  ["empty principal array", "resource", policy({ ...ID, Principal: { AWS: [] } }), "error", "EMPTY_ARRAY", "/Statement/0/Principal/AWS"],
  ["principal number", "resource", policy({ ...ID, Principal: 5 }), "error", "WRONG_TYPE", "/Statement/0/Principal"],
  ["bad sid", "identity", policy({ ...ID, Sid: "my-sid" }), "error", "INVALID_SID", "/Statement/0/Sid"],
  ["odd sid in resource policy", "resource", policy({ ...RES, Sid: "my sid" }), "warning", "INVALID_SID", "/Statement/0/Sid"],
  ["duplicate sid", "identity", policy({ ...ID, Sid: "A" }, { ...ID, Sid: "A" }), "error", "DUPLICATE_SID", "/Statement/1/Sid"],
  ["condition not an object", "identity", policy({ ...ID, Condition: [] }), "error", "WRONG_TYPE", "/Statement/0/Condition"],
  ["operator block not an object", "identity", policy({ ...ID, Condition: { StringEquals: "x" } }), "error", "WRONG_TYPE", "/Statement/0/Condition/StringEquals"],
  ["null condition value", "identity", policy({ ...ID, Condition: { StringEquals: { "aws:username": [null] } } }), "error", "WRONG_TYPE", "/Statement/0/Condition/StringEquals/aws:username/0"],
  ["unknown operator", "identity", policy({ ...ID, Condition: { StringEqual: { "aws:username": "a" } } }), "error", "UNKNOWN_OPERATOR", "/Statement/0/Condition/StringEqual"],
  ["NullIfExists", "identity", policy({ ...ID, Condition: { NullIfExists: { "aws:username": "true" } } }), "error", "NULL_IF_EXISTS", "/Statement/0/Condition/NullIfExists"],
  ["operator case", "identity", policy({ ...ID, Condition: { stringEquals: { "aws:username": "a" } } }), "warning", "OPERATOR_CASE", "/Statement/0/Condition/stringEquals"],
  ["empty condition values", "identity", policy({ ...ID, Condition: { StringEquals: { "aws:username": [] } } }), "warning", "EMPTY_ARRAY", "/Statement/0/Condition/StringEquals/aws:username"],
  ["bad number", "identity", policy({ ...ID, Condition: { NumericLessThan: { "s3:max-keys": ["10", "ten"] } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/NumericLessThan/s3:max-keys/1"],
  ["bad date", "identity", policy({ ...ID, Condition: { DateGreaterThan: { "aws:CurrentTime": "2023-02-29" } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/DateGreaterThan/aws:CurrentTime"],
  ["bad cidr", "identity", policy({ ...ID, Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/33" } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/IpAddress/aws:SourceIp"],
  ["bad base64", "identity", policy({ ...ID, Condition: { BinaryEquals: { "s3:x": "not base64!" } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/BinaryEquals/s3:x"],
  ["bad bool", "identity", policy({ ...ID, Condition: { Bool: { "aws:SecureTransport": "yes" } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/Bool/aws:SecureTransport"],
  ["bad null value", "identity", policy({ ...ID, Condition: { Null: { "aws:TagKeys": "maybe" } } }), "error", "INVALID_CONDITION_VALUE", "/Statement/0/Condition/Null/aws:TagKeys"],
  ["bool with several values", "identity", policy({ ...ID, Condition: { Bool: { "aws:SecureTransport": [true, false] } } }), "warning", "BOOL_MULTIPLE_VALUES", "/Statement/0/Condition/Bool/aws:SecureTransport"],
  ["malformed variable in condition", "identity", policy({ ...ID, Condition: { StringLike: { "s3:prefix": "home/${aws:username/*" } } }), "error", "INVALID_VARIABLE", "/Statement/0/Condition/StringLike/s3:prefix"],
  ["malformed variable in resource", "identity", policy({ ...ID, Resource: "arn:aws:s3:::b/${}" }), "error", "INVALID_VARIABLE", "/Statement/0/Resource"],
  ["variable with numeric operator", "identity", policy({ ...ID, Condition: { NumericEquals: { "s3:max-keys": "${aws:username}" } } }), "error", "VARIABLE_NOT_ALLOWED", "/Statement/0/Condition/NumericEquals/s3:max-keys"],
  ["variable in action", "identity", policy({ ...ID, Action: "s3:${aws:username}" }), "error", "VARIABLE_NOT_ALLOWED", "/Statement/0/Action"],
  ["variable in principal", "resource", policy({ ...ID, Principal: { AWS: "arn:aws:iam::123456789012:user/${aws:username}" } }), "error", "VARIABLE_NOT_ALLOWED", "/Statement/0/Principal/AWS"],
  ["variable in ARN account", "identity", policy({ ...ID, Resource: "arn:aws:iam::${aws:PrincipalAccount}:role/x" }), "error", "VARIABLE_NOT_ALLOWED", "/Statement/0/Resource"],
  ["variable under old version", "identity", { Version: "2008-10-17", Statement: { ...ID, Resource: "arn:aws:s3:::b/${aws:username}" } }, "warning", "VARIABLE_UNSUPPORTED_VERSION", "/Statement/Resource"],
  ["variable without version in condition", "identity", { Statement: { ...ID, Condition: { StringEquals: { "s3:prefix": "${aws:username}" } } } }, "warning", "VARIABLE_UNSUPPORTED_VERSION", "/Statement/Condition/StringEquals/s3:prefix"],
  ["non-sts trust action", "trust", policy({ ...TRUST, Action: ["sts:AssumeRole", "s3:GetObject"] }), "error", "TRUST_ACTION_NOT_ALLOWED", "/Statement/0/Action/1"],
  ["star trust action", "trust", policy({ ...TRUST, Action: "*" }), "error", "TRUST_ACTION_NOT_ALLOWED", "/Statement/0/Action"],
  ["sts wildcard matching no trust action", "trust", policy({ ...TRUST, Action: "sts:Get*" }), "error", "TRUST_ACTION_NOT_ALLOWED", "/Statement/0/Action"],
  ["rcp principal", "rcp", policy({ ...RCP, Principal: { AWS: "123456789012" } }), "error", "RCP_PRINCIPAL", "/Statement/0/Principal"],
  ["rcp notaction", "rcp", policy({ ...without(RCP, "Action"), NotAction: "s3:GetObject" }), "error", "RCP_NOTACTION", "/Statement/0/NotAction"],
  ["rcp notprincipal", "rcp", policy({ ...without(RCP, "Principal"), NotPrincipal: { AWS: "123456789012" } }), "error", "NOTPRINCIPAL_NOT_ALLOWED", "/Statement/0/NotPrincipal"],
  ["rcp action star", "rcp", policy({ ...RCP, Action: ["s3:*", "*"] }), "error", "RCP_ACTION_STAR", "/Statement/0/Action/1"],
  ["rcp allow", "rcp", policy({ ...RCP, Effect: "Allow" }), "error", "RCP_ALLOW", "/Statement/0/Effect"],
  ["non-Latin-1 character", "identity", JSON.stringify(policy({ ...ID, Sid: "Café" })).replace("Café", "Caf€"), "error", "INVALID_CHARACTER", ""],
  ["pass role with star", "identity", policy({ Effect: "Allow", Action: ["ec2:RunInstances", "iam:Pass*"], Resource: "*" }), "security_warning", "PASS_ROLE_WITH_STAR", "/Statement/0/Action"],
  ["wildcard with StringEquals", "identity", policy({ ...ID, Condition: { StringEquals: { "s3:prefix": "home/*" } } }), "warning", "WILDCARD_WITHOUT_LIKE", "/Statement/0/Condition/StringEquals/s3:prefix"],
  ["ForAllValues with single-valued key", "identity", policy({ ...ID, Condition: { "ForAllValues:StringEquals": { "aws:PrincipalTag/team": "a" } } }), "warning", "FORALLVALUES_WITH_SINGLE_VALUED_KEY", "/Statement/0/Condition/ForAllValues:StringEquals/aws:PrincipalTag~1team"],
  ["multivalued key without qualifier", "identity", policy({ ...ID, Condition: { StringEquals: { "aws:TagKeys": "a" } } }), "warning", "MISSING_QUALIFIER", "/Statement/0/Condition/StringEquals/aws:TagKeys"],
];

describe("diagnostic codes", () => {
  it.each(CASES)("%s", (_title, kind, input, severity, code, path) => {
    const r = run(input, kind);
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ severity, code, path }));
    const hasError = r.diagnostics.some((d) => d.severity === "error");
    expect(r.policy === undefined).toBe(hasError);
    for (const d of r.diagnostics) {
      expect(d.message, d.code).toMatch(/^[^A-Z]/); // lowercase first letter (or a backtick)
      expect(d.message, d.code).not.toMatch(/\.$/);
    }
  });

  it("documents every code it can produce", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../../docs/diagnostics.md", import.meta.url), "utf8");
    for (const code of new Set(CASES.map((c) => c[4]))) expect(doc, code).toContain("`" + code + "`");
  });
});

describe("the kind", () => {
  it("is required: without it, or with an unknown one, the only diagnostic says so", () => {
    for (const options of [undefined, {}, { kind: "Identity" }, { kind: ["identity"] }]) {
      const r = validatePolicy(policy(ID), options as never);
      expect(r).toEqual({ diagnostics: [expect.objectContaining({ severity: "error", code: "INVALID_KIND", path: "" })] });
    }
  });
});

describe("exact diagnostics", () => {
  it("collects every problem instead of stopping at the first", () => {
    expect(summary(policy({ Effect: "Permit", Action: [], Resource: "*" }, { Sid: "x-y", Action: "s3:*" }))).toEqual([
      "error INVALID_EFFECT /Statement/0/Effect",
      "error EMPTY_ARRAY /Statement/0/Action",
      "error INVALID_SID /Statement/1/Sid",
      "error MISSING_EFFECT /Statement/1",
      "error MISSING_RESOURCE /Statement/1",
    ]);
  });

  it("gives spans when text was given", () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": "s3:GetObject",
    "Resource": "*",
    "Condition": {"StringEquals": {"aws:username": ["a", {}]}}
  }]
}`;
    const r = run(text);
    expect(r.text).toBe(text);
    const d = r.diagnostics.find((x) => x.code === "WRONG_TYPE")!;
    expect(d.path).toBe("/Statement/0/Condition/StringEquals/aws:username/1");
    expect(d.span!.start).toEqual({ line: 7, column: 57, offset: text.indexOf("{}") });
  });

  it("spans an unknown element at its key", () => {
    const text = `{"Version":"2012-10-17",\n"Statment":[]}`;
    const d = run(text).diagnostics;
    expect(d.map((x) => x.code)).toEqual(["UNKNOWN_ELEMENT", "MISSING_STATEMENT"]);
    expect(d[0].span!.start).toEqual({ line: 2, column: 0, offset: 25 });
    expect(d[0].message).toBe("unknown policy element `Statment`");
  });

  it("hints at element case", () => {
    const d = run(policy({ Effect: "Allow", action: "s3:*", Resource: "*" })).diagnostics;
    expect(d[0].message).toBe("unknown statement element `action`; names are case-sensitive: did you mean `Action`");
  });

  it("uses IAM's wording for Resource in a trust policy", () => {
    const d = run(policy({ ...TRUST, NotResource: "*" }), "trust").diagnostics;
    expect(d.map((x) => x.message)).toEqual(["trust policy statement has prohibited field `NotResource`"]);
  });

  it("reports the first invalid character with its position", () => {
    const text = `{"Version":"2012-10-17",\n"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::A\u4e2dB\u4e2d"}}`;
    const d = run(text).diagnostics;
    expect(d).toHaveLength(1);
    expect(d[0].message).toBe("character U+4E2D is not allowed in identity policies; only tab, line breaks and U+0020 to U+00FF are (and 1 more)");
    expect(d[0].span!.start).toEqual({ line: 2, column: text.indexOf("\u4e2d") - 25, offset: text.indexOf("\u4e2d") });
    expect(run(text, "resource").diagnostics.map((x) => x.code)).toEqual(["MISSING_PRINCIPAL"]);
  });

  it("accepts Latin-1 characters in identity policies", () => {
    expect(run(policy({ ...ID, Condition: { StringEquals: { "aws:username": "José" } } })).diagnostics).toEqual([]);
  });

  it("accepts trust wildcards within sts that match a trust action", () => {
    expect(run(policy({ ...TRUST, Action: ["sts:*", "sts:AssumeRole*", "STS:assumerolewithsaml", "sts:TagSession"] }), "trust").diagnostics).toEqual([]);
  });

  it("allows variables after the fifth colon of a resource", () => {
    const r = run(policy({ ...ID, Resource: ["arn:aws:s3:::bucket/${aws:username}/*", "arn:aws:s3:::${*}x"] }));
    expect(r.diagnostics).toEqual([]);
  });

  it("allows variables in Bool values and string conditions", () => {
    const r = run(policy({ ...ID, Condition: { Bool: { "aws:MultiFactorAuthPresent": "${aws:PrincipalTag/mfa, 'true'}" }, StringEquals: { "aws:ResourceTag/owner": "${aws:username}" } } }));
    expect(r.diagnostics).toEqual([]);
  });

  it("does not call an escaped wildcard a wildcard", () => {
    expect(run(policy({ ...ID, Condition: { StringEquals: { "s3:prefix": "a${*}b" } } })).diagnostics).toEqual([]);
  });

  it("honours maxSize and counts without whitespace", () => {
    const p = policy(ID);
    const size = JSON.stringify(p).length;
    expect(validatePolicy(p, { kind: "identity", maxSize: size }).diagnostics).toEqual([]);
    expect(validatePolicy(p, { kind: "identity", maxSize: size - 1 }).diagnostics.map((d) => d.code)).toEqual(["POLICY_TOO_LARGE"]);
    expect(validatePolicy(JSON.stringify(p, null, 8), { kind: "identity", maxSize: size }).diagnostics).toEqual([]);
  });

  it("measures object input once, as JSON.stringify would", () => {
    let reads = 0;
    const p = policy(ID);
    const tricky = { ...p, get Id() { return ++reads === 1 ? "x" : "y".repeat(10_000); } };
    const r = validatePolicy(tricky, { kind: "resource", maxSize: JSON.stringify({ ...p, Id: "x" }).length });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["MISSING_PRINCIPAL"]);
    expect(reads).toBe(1);
  });

  it("uses the documented quotas", () => {
    expect(SIZE_LIMITS).toEqual({ identity: 6144, boundary: 6144, session: 2048, trust: 2048, scp: 5120, rcp: 5120, resource: 20480 });
  });

  it("reports rather than throws on hostile input", () => {
    const big = '{"Version":"2012-10-17","Statement":[' + Array(30_000).fill('{"Effect":"Allow","Action":"s3:x","Resource":"*"}').join(",") + "]}";
    expect(big.length).toBeGreaterThan(1_000_000);
    expect(big.length).toBeLessThanOrEqual(1_048_576 * 2);
    const r1 = run(big.slice(0, 1_048_576));
    expect(r1.diagnostics.length).toBeGreaterThan(0);
    const r2 = run('{"Statement":' + "[".repeat(10_000) + "]".repeat(10_000) + "}");
    expect(r2.diagnostics.map((d) => d.code)).toEqual(["JSON_TOO_DEEP"]);
    const r3 = run(policy({ ...ID, Action: "s3:" + "a".repeat(100_000) }));
    expect(r3.diagnostics.map((d) => d.code)).toEqual(["POLICY_TOO_LARGE", "INVALID_ACTION"]);
    expect(r3.diagnostics[1].message).toBe("action is 100003 characters long; the limit is 256");
    const r4 = run('{"Version":"2012-10-17","Statement":[' + Array(20_000).fill('{"Effect":"Allow","Action":"s3:x","Resource":"*"}').join(",") + "]}", "resource");
    expect(r4.diagnostics.filter((d) => d.code === "POLICY_TOO_LARGE")).toHaveLength(1);
    const r5 = run(big);
    expect(r5.diagnostics.map((d) => d.code)).toEqual(["POLICY_TOO_LARGE"]);
  });
});

describe("normalization", () => {
  it("accepts scalar or array forms everywhere", () => {
    const scalar = run(policy({ Effect: "Deny", NotAction: "iam:*", NotResource: "arn:aws:s3:::b" })).policy!;
    expect(scalar.statements[0]).toMatchObject({ effect: "Deny", notAction: ["iam:*"], notResource: ["arn:aws:s3:::b"] });
    expect(scalar.statements[0].action).toBeUndefined();
    const arrays = run(policy({ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["*"] })).policy!;
    expect(arrays.statements[0]).toMatchObject({ action: ["s3:GetObject", "s3:PutObject"], resource: ["*"] });
  });

  it("numbers a single statement object 0 with path /Statement", () => {
    const p = run({ Version: V, Id: "x", Statement: { ...RES, Sid: "S1" } }, "resource").policy!;
    expect(p).toMatchObject({ version: V, id: "x", statements: [{ index: 0, sid: "S1", path: "/Statement" }] });
  });

  it("normalizes principal sets", () => {
    const p = run(policy({
      ...ID,
      Principal: {
        AWS: ["123456789012", "arn:aws:iam::123456789012:role/r", "arn:aws:sts::123456789012:assumed-role/r/s", "AROAEXAMPLEID1234567"],
        Service: "ec2.amazonaws.com",
        Federated: ["arn:aws:iam::123456789012:saml-provider/p", "cognito-identity.amazonaws.com"],
        CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
      },
    }), "resource").policy!;
    expect(p.statements[0].principal).toEqual({
      star: false,
      aws: ["123456789012", "arn:aws:iam::123456789012:role/r", "arn:aws:sts::123456789012:assumed-role/r/s", "AROAEXAMPLEID1234567"],
      service: ["ec2.amazonaws.com"],
      federated: ["arn:aws:iam::123456789012:saml-provider/p", "cognito-identity.amazonaws.com"],
      canonicalUser: ["79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"],
    });
    const star = { star: true, aws: [], service: [], federated: [], canonicalUser: [] };
    expect(run(policy({ ...ID, Principal: "*" }), "resource").policy!.statements[0].principal).toEqual(star);
    expect(run(policy({ ...ID, Principal: { AWS: "*" } }), "resource").policy!.statements[0].principal).toEqual(star);
    expect(run(policy({ ...ID, Effect: "Deny", NotPrincipal: { AWS: ["*", "123456789012"] } }), "resource").policy!.statements[0].notPrincipal)
      .toEqual({ ...star, aws: ["123456789012"] });
  });

  it("produces one condition entry per operator and key, keys as written, values as text", () => {
    const text = JSON.stringify(policy({
      ...ID,
      Condition: {
        "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": ["a*", "b"] },
        NumericLessThan: { "s3:Max-Keys": 10, "s3:other": [1.50, "2e3"] },
        Bool: { "aws:SecureTransport": true },
      },
    }));
    const r = run(text);
    expect(r.diagnostics).toEqual([]);
    const c = r.policy!.statements[0].conditions;
    expect(c.map(({ span, ...rest }) => rest)).toEqual([
      { operator: "ForAnyValue:StringLikeIfExists", base: "StringLike", qualifier: "ForAnyValue", ifExists: true, key: "aws:TagKeys", values: ["a*", "b"], path: "/Statement/0/Condition/ForAnyValue:StringLikeIfExists/aws:TagKeys" },
      { operator: "NumericLessThan", base: "NumericLessThan", qualifier: "", ifExists: false, key: "s3:Max-Keys", values: ["10"], path: "/Statement/0/Condition/NumericLessThan/s3:Max-Keys" },
      { operator: "NumericLessThan", base: "NumericLessThan", qualifier: "", ifExists: false, key: "s3:other", values: ["1.5", "2e3"], path: "/Statement/0/Condition/NumericLessThan/s3:other" },
      { operator: "Bool", base: "Bool", qualifier: "", ifExists: false, key: "aws:SecureTransport", values: ["true"], path: "/Statement/0/Condition/Bool/aws:SecureTransport" },
    ]);
    expect(c[0].span!.start.offset).toBe(text.indexOf('"aws:TagKeys"'));
    expect(c[0].span!.end.offset).toBe(text.indexOf('"b"]') + 4);
  });

  it("keeps the raw text of numbers written in JSON text", () => {
    const r = run(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericEquals":{"s3:max-keys":1.50}}}}`);
    expect(r.policy!.statements[0].conditions[0].values).toEqual(["1.50"]);
  });

  it("records a null version when Version is missing and keeps the policy", () => {
    const r = run({ Statement: ID });
    expect(r.policy!.version).toBeNull();
  });

  it("decodes URL-encoded input", () => {
    const json = JSON.stringify(policy(TRUST));
    const r = run(encodeURIComponent(json), "trust");
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe(json);
    expect(r.policy!.statements[0].principal!.service).toEqual(["ec2.amazonaws.com"]);
  });
});

describe("RCPFullAWSAccess", () => {
  const full = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*" };
  it("accepts the AWS-managed full-access statement so an organization's RCPs load as listed", () => {
    expect(summary(policy(full), "rcp")).toEqual([]);
  });
  it("still rejects any other Allow or Action star in an RCP", () => {
    expect(summary(policy({ ...full, Condition: { Bool: { "aws:SecureTransport": "true" } } }), "rcp")).toEqual(
      expect.arrayContaining(["error RCP_ALLOW /Statement/0/Effect", "error RCP_ACTION_STAR /Statement/0/Action"]));
    expect(summary(policy({ ...full, Action: "s3:*" }), "rcp")).toContain("error RCP_ALLOW /Statement/0/Effect");
    expect(summary(policy({ ...full, Effect: "Deny" }), "rcp")).toContain("error RCP_ACTION_STAR /Statement/0/Action");
  });
});

describe("RCP Version", () => {
  it("is required and must be 2012-10-17 (AWS Organizations, RCP syntax)", () => {
    const rcp = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" };
    expect(summary({ Statement: rcp }, "rcp")).toContain("error INVALID_VERSION ");
    expect(summary({ Version: "2008-10-17", Statement: rcp }, "rcp")).toContain("error INVALID_VERSION /Version");
    expect(summary({ Statement: { ...rcp, Principal: undefined } }, "identity")).not.toContain("error INVALID_VERSION ");
  });
});
