/**
 * @module test/unit/policy/iam-strictness
 * IAM's own checks of Resource and NotResource (js/policy/validate/iam-resource.ts): errors in
 * the documents IAM takes (identity, boundary, session), nothing new for the policies other
 * services validate. Cases written from "IAM identifiers", "AWS JSON policy elements:
 * Resource" and the Service Authorization Reference (S3 and IAM resource types).
 */
import { describe, expect, it } from "vitest";
import { validatePolicy } from "../../../js/policy/validate.ts";
import type { PolicyKind } from "../../../js/policy/types.ts";

const IAM_KINDS: PolicyKind[] = ["identity", "boundary", "session"];
const OTHER_KINDS: PolicyKind[] = ["resource", "trust", "scp", "rcp"];
const NEW_CODES = ["RESOURCE_NOT_ARN", "UNKNOWN_PARTITION", "REGION_NOT_ALLOWED", "INVALID_IAM_RESOURCE"];

const identity = (resource: unknown, element = "Resource") =>
  ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", [element]: resource }] });
/** The error diagnostics of one document as `CODE path`. */
const errors = (doc: unknown, kind: PolicyKind = "identity") =>
  validatePolicy(doc, { kind, iamChecks: true }).diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.path}`);

describe("a Resource IAM refuses is an error in identity, boundary and session policies", () => {
  const refused: [string, string, string][] = [
    ["no `:` at all", "example-bucket", "RESOURCE_NOT_ARN"],
    ["an empty string", "", "RESOURCE_NOT_ARN"],
    ["a partition and nothing more", "arn:aws", "RESOURCE_NOT_ARN"],
    ["five parts with an empty one", "arn:aws:s3::example-bucket", "RESOURCE_NOT_ARN"],
    ["an empty service in a short ARN", "arn:aws::report", "RESOURCE_NOT_ARN"],
    ["an unknown partition", "arn:aws-mars:s3:::example-bucket", "UNKNOWN_PARTITION"],
    ["a partition in the wrong case", "arn:AWS:s3:::example-bucket", "UNKNOWN_PARTITION"],
    ["the partition where the prefix should be", "aws:s3:::example-bucket", "UNKNOWN_PARTITION"],
    ["a region in an IAM ARN", "arn:aws:iam:us-east-1:111122223333:role/app", "REGION_NOT_ALLOWED"],
    ["a wildcard region in an IAM ARN", "arn:aws:iam:*:111122223333:user/*", "REGION_NOT_ALLOWED"],
    ["a region in an S3 bucket ARN", "arn:aws:s3:us-east-1::example-bucket", "REGION_NOT_ALLOWED"],
    ["a region in an S3 object ARN", "arn:aws:s3:eu-west-1::example-bucket/reports/*", "REGION_NOT_ALLOWED"],
    ["an IAM resource of no IAM type", "arn:aws:iam::111122223333:bucket/x", "INVALID_IAM_RESOURCE"],
    ["an IAM ARN without a resource part", "arn:aws:iam::111122223333:", "INVALID_IAM_RESOURCE"],
    ["an IAM type without its slash", "arn:aws:iam::111122223333:user", "INVALID_IAM_RESOURCE"],
  ];
  for (const kind of IAM_KINDS) {
    it.each(refused)(`${kind}: %s`, (_title, resource, code) => {
      expect(errors(identity(resource), kind)).toEqual([`${code} /Statement/0/Resource`]);
      expect(errors(identity([resource]), kind)).toEqual([`${code} /Statement/0/Resource/0`]);
      expect(errors(identity(resource, "NotResource"), kind)).toEqual([`${code} /Statement/0/NotResource`]);
    });
  }

  it("every value of a list is checked, each at its own path", () => {
    expect(errors(identity(["arn:aws:s3:::ok", "nope", "arn:aws:iam:us-east-1::role/r"]))).toEqual([
      "RESOURCE_NOT_ARN /Statement/0/Resource/1",
      "REGION_NOT_ALLOWED /Statement/0/Resource/2",
    ]);
  });

  it("the messages name the value and follow the diagnostic style", () => {
    const d = validatePolicy(identity("arn:aws-mars:s3:::b"), { kind: "identity", iamChecks: true }).diagnostics.find((x) => x.code === "UNKNOWN_PARTITION")!;
    expect(d.message).toContain("`aws-mars`");
    expect(d.message).toMatch(/^[^A-Z]/);
    expect(d.message).not.toMatch(/\.$/);
  });

  it("text input gives the value's span", () => {
    const text = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:GetRole",\n"Resource":"arn:aws:iam:us-east-1:111122223333:role/app"}}';
    const d = validatePolicy(text, { kind: "identity", iamChecks: true }).diagnostics.find((x) => x.code === "REGION_NOT_ALLOWED")!;
    expect(d.span?.start).toMatchObject({ line: 2, column: 11 });
  });

  it("a policy with one of these errors does not compile (no normalized policy)", () => {
    expect(validatePolicy(identity("example-bucket"), { kind: "identity", iamChecks: true }).policy).toBeUndefined();
  });
});

describe("what IAM accepts stays accepted", () => {
  const accepted: [string, string][] = [
    ["`*`", "*"],
    ["every AWS partition", "arn:aws-us-gov:s3:::b"],
    ["the China partition", "arn:aws-cn:ec2:cn-north-1:111122223333:instance/*"],
    ["the European Sovereign Cloud partition", "arn:aws-eusc:s3:::b"],
    ["an ISO partition", "arn:aws-iso-b:s3:::b"],
    ["a wildcard partition", "arn:*:s3:::b"],
    ["an S3 access point in a region", "arn:aws:s3:us-west-2:111122223333:accesspoint/my-ap/object/*"],
    ["an S3 Batch Operations job", "arn:aws:s3:us-east-1:111122223333:job/*"],
    ["an S3 Storage Lens configuration", "arn:aws:s3:us-east-1:111122223333:storage-lens/*"],
    ["S3 Access Grants", "arn:aws:s3:*:*:access-grants/default/*"],
    ["a multi-Region access point (no region)", "arn:aws:s3::111122223333:accesspoint/mfzwi23gnjvgw.mrap"],
    ["an IAM role with a path", "arn:aws:iam::111122223333:role/service-role/app"],
    ["every IAM resource", "arn:aws:iam::*:*"],
    ["the root user", "arn:aws:iam::*:root"],
    ["a user named by a variable", "arn:aws:iam::*:user/${aws:username}"],
    ["an OIDC provider", "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"],
    ["an access report", "arn:aws:iam::111122223333:access-report/*"],
    ["a short ARN without an empty part (AWS's own policies use it)", "arn:aws:rds:*"],
    ["a region in another service", "arn:aws:dynamodb:us-east-1:111122223333:table/t"],
    ["a region in an S3-like service", "arn:aws:s3-object-lambda:us-east-1:111122223333:accesspoint/olap"],
  ];
  for (const kind of IAM_KINDS) {
    it.each(accepted)(`${kind}: %s`, (_title, resource) => {
      expect(errors(identity(resource), kind)).toEqual([]);
    });
  }
});

describe("other services' policies keep their own rules", () => {
  const principal = { AWS: "111122223333" };
  const statement = (resource: string) => ({ Effect: "Deny", Action: "s3:GetObject", Resource: resource, Principal: "*" });
  const docOf = (kind: PolicyKind, resource: string) => kind === "scp"
    ? { Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "s3:GetObject", Resource: resource }] }
    : kind === "trust"
      ? { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: principal }] }
      : { Version: "2012-10-17", Statement: [kind === "rcp" ? statement(resource) : { ...statement(resource), Principal: principal }] };
  for (const kind of OTHER_KINDS) {
    it(`${kind}: no IAM-only finding`, () => {
      for (const resource of ["example-bucket", "arn:aws-mars:s3:::b", "arn:aws:s3:us-east-1::b", "arn:aws:iam::111122223333:bucket/x"]) {
        const codes = validatePolicy(docOf(kind, resource), { kind, iamChecks: true }).diagnostics.map((d) => d.code);
        for (const code of NEW_CODES) expect(codes, `${kind} ${resource}`).not.toContain(code);
      }
    });
  }

  it("a bucket policy keeps the warning for a non-ARN resource", () => {
    const d = validatePolicy(docOf("resource", "example-bucket"), { kind: "resource", iamChecks: true }).diagnostics;
    expect(d.map((x) => `${x.severity} ${x.code}`)).toEqual(["warning INVALID_RESOURCE"]);
  });
});

describe("one finding per mistake", () => {
  it("a value the general ARN check already refuses draws no second error", () => {
    expect(errors(identity("arn::s3:::b"))).toEqual(["INVALID_RESOURCE /Statement/0/Resource"]);
    expect(errors(identity("arn:aws::::x"))).toEqual(["INVALID_RESOURCE /Statement/0/Resource"]);
    expect(errors(identity("arn:aws:iam:${aws:region}:111122223333:role/x"), "identity")).toEqual(["VARIABLE_NOT_ALLOWED /Statement/0/Resource"]);
  });
});

describe("only on request: what AWS stores is still decided", () => {
  const refused = ["example-bucket", "arn:aws-mars:s3:::b", "arn:aws:s3:us-east-1::b", "arn:aws:iam::111122223333:bucket/x"];

  it("a plain validate reports none of IAM's own checks (the general warning stays)", () => {
    for (const r of refused) {
      const d = validatePolicy(identity(r), { kind: "identity" }).diagnostics;
      expect(d.filter((x) => x.severity === "error"), r).toEqual([]);
      expect(d.filter((x) => NEW_CODES.includes(x.code)), r).toEqual([]);
    }
    expect(validatePolicy(identity("example-bucket"), { kind: "identity", iamChecks: false }).policy).toBeDefined();
  });

  it("the engine validates with them when asked, and compiles such a policy as AWS evaluates a stored one", async () => {
    const { createEngine } = await import("../../../js/index.ts");
    const engine = await createEngine();
    const doc = identity("arn:aws:s3:us-east-1::example-bucket");
    expect(engine.validate(doc, { kind: "identity", iamChecks: true }).map((d) => d.code)).toEqual(["REGION_NOT_ALLOWED"]);
    expect(engine.validate(doc, { kind: "identity" })).toEqual([]);
    const p = engine.compile(doc, { kind: "identity" });
    try {
      const principal = "arn:aws:iam::111122223333:user/alice";
      expect(engine.authorize({ principal, action: "s3:GetObject", resource: "arn:aws:s3:us-east-1::example-bucket" }, { identity: [p] }).decision).toBe("Allow");
      expect(p.diagnostics).toEqual([]);
    } finally {
      p.dispose();
    }
  });
});

describe("docs/diagnostics.md", () => {
  it("documents each of IAM's own codes", async () => {
    const { readFileSync } = await import("node:fs");
    const doc = readFileSync(new URL("../../../docs/diagnostics.md", import.meta.url), "utf8");
    for (const code of NEW_CODES) expect(doc, code).toContain("| `" + code + "` | error |");
  });
});
