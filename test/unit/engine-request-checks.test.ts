/**
 * Requests are checked too (issue 12): `authorize` decided a request whose principal was
 * `bogus`, whose action was `notanaction` or whose resource account was `abc`. Each field is now
 * checked for the form AWS gives it, and refused with a RequestError code of its own
 * (docs/errors.md). Cases from "IAM identifiers", "AWS JSON policy elements: Principal" and
 * "IAM JSON policy elements: Action"; every form the API, the CLI and the playground pass keeps
 * working.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationRequest, type CompiledPolicy, type Engine } from "../../js/index.ts";

let engine: Engine;
let allowAll: CompiledPolicy;
beforeAll(async () => {
  engine = await createEngine();
  allowAll = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "identity" });
});

const base = { principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject", resource: "arn:aws:s3:::bucket/key" };
const decide = (request: Partial<AuthorizationRequest>) => engine.authorize({ ...base, ...request } as AuthorizationRequest, { identity: [allowAll] }).decision;
const refused = (request: Partial<AuthorizationRequest>, code: string, path: string) =>
  expect(() => decide(request), JSON.stringify(request)).toThrow(expect.objectContaining({ name: "RequestError", code, path }));

describe("principal", () => {
  it("accepts every form of principal AWS authenticates", () => {
    for (const principal of [
      "arn:aws:iam::111122223333:user/alice", "arn:aws:iam::111122223333:user/division/team/alice", "arn:aws:iam::111122223333:root",
      "arn:aws:iam::111122223333:role/Ops", "arn:aws:iam::111122223333:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk",
      "arn:aws:sts::111122223333:assumed-role/Ops/session-1", "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com",
      "arn:aws:sts::111122223333:federated-user/bob", "arn:aws:iam::111122223333:federated-user/bob",
      "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", "arn:aws:iam::111122223333:saml-provider/Okta",
      "arn:aws-cn:iam::111122223333:user/alice", "arn:aws-us-gov:sts::111122223333:assumed-role/r/s", "arn:aws-iso-b:iam::111122223333:root",
      "111122223333", "*", "anonymous", "", "ec2.amazonaws.com", "lambda.amazonaws.com", "elasticmapreduce.amazonaws.com.cn",
      "accounts.google.com", "graph.facebook.com", "www.amazon.com", "cognito-identity.amazonaws.com",
      "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
      // SimulatePrincipalPolicy simulates a group's policies with the group as the caller.
      "arn:aws:iam::111122223333:group/Admins",
    ]) {
      expect(["Allow", "ImplicitDeny"], principal).toContain(decide({ principal }));
    }
  });

  it("refuses what is no principal: INVALID_PRINCIPAL", () => {
    for (const principal of [
      "bogus", "alice", "1111222233334", "11112222333", "arn:aws:iam::111122223333:policy/P", "arn:aws:iam::111122223333:user/",
      "arn:aws:iam::abc:user/alice", "arn:aws:iam:us-east-1:111122223333:user/alice", "arn:aws:s3:::bucket", "arn:foo:iam::111122223333:root",
      "arn:aws:sts::111122223333:assumed-role/Ops", "arn:aws:sts::111122223333:assumed-role/Ops/", "arn:aws:sts::111122223333:user/alice",
      "arn:aws:iam::111122223333:instance-profile/web", "EC2.AMAZONAWS.COM", "ec2.amazonaws.com.evil", "79A59DF900B949E55D96A1E698FBACEDFD6E09D98EACF8F8D5218E7CD47EF2BE",
      " arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:root ",
    ]) {
      refused({ principal }, "INVALID_PRINCIPAL", "/principal");
    }
  });
});

describe("action", () => {
  it("accepts service:Action in IAM's characters, any case", () => {
    for (const action of ["s3:GetObject", "S3:getobject", "execute-api:Invoke", "kafka-cluster:AlterCluster", "iam:PassRole", "sts:AssumeRole", "a:b", "ec2:Describe_Thing.v2-x"]) {
      expect(decide({ action }), action).toBe("Allow");
    }
  });

  it("refuses what is no action: INVALID_ACTION (a request names one action: no wildcards)", () => {
    for (const action of ["notanaction", "", "s3", "s3:", ":GetObject", "s3:Get*", "s3:Get?bject", "*", "s3:Get Object", "s3:Get\u00e9", "s3:GetObject:x", "s3 :GetObject", "s_3:GetObject", "s3:Get\u0000"]) {
      refused({ action }, "INVALID_ACTION", "/action");
    }
  });
});

describe("resource and resource account", () => {
  it("accepts `*` and ARNs whose account is empty, 12 digits or aws", () => {
    for (const resource of [
      "*", "arn:aws:s3:::bucket", "arn:aws:s3:::bucket/päth/ключ/😀", "arn:aws:iam::111122223333:role/Ops", "arn:aws:iam::aws:policy/AdministratorAccess",
      "arn:aws:ec2:eu-west-1:111122223333:instance/*", "arn:aws:logs:us-east-1:111122223333:log-group:x:log-stream:y", "arn:aws:kms:us-east-1:111122223333:key/1234abcd",
    ]) {
      expect(decide({ resource }), resource).toBe("Allow");
    }
    expect(engine.authorize({ principal: base.principal, action: "iam:ListUsers" }, { identity: [allowAll] }).decision).toBe("Allow");
  });

  it("refuses a resource that is neither `*` nor an ARN, or whose account is not one: INVALID_RESOURCE", () => {
    for (const resource of ["abc", "", "bucket/key", "arn:aws:s3", "arn:aws:s3:::", "arn:aws:iam::abc:role/x", "arn:aws:iam::1111:role/x", "arn::s3:::b", "arn:aws::::b", "ARN:aws:s3:::b", "**"]) {
      refused({ resource }, "INVALID_RESOURCE", "/resource");
    }
  });

  it("resourceAccount is 12 digits (or empty): INVALID_ACCOUNT", () => {
    expect(decide({ resourceAccount: "444455556666" })).toBe("ImplicitDeny"); // cross-account: no resource policy
    expect(decide({ resourceAccount: "111122223333" })).toBe("Allow");
    for (const resourceAccount of ["abc", "1111222233334", "11112222333", " 111122223333", "arn:aws:iam::111122223333:root", "*"]) {
      refused({ resourceAccount }, "INVALID_ACCOUNT", "/resourceAccount");
    }
  });
});

describe("every entry point checks", () => {
  it("authorizeBatch names the request; explain and linked bundles refuse alike", () => {
    const requests = [base, { ...base, principal: "bogus" }];
    expect(() => engine.authorizeBatch(requests, { identity: [allowAll] })).toThrow(expect.objectContaining({ code: "INVALID_PRINCIPAL", path: "/1/principal" }));
    expect(() => engine.authorizeBatch(requests, { identity: [allowAll] }, { details: true })).toThrow(expect.objectContaining({ code: "INVALID_PRINCIPAL", path: "/1/principal" }));
    const bundle = engine.link({ identity: [allowAll] });
    expect(() => engine.authorize({ ...base, action: "notanaction" }, bundle)).toThrow(expect.objectContaining({ code: "INVALID_ACTION" }));
    expect(() => engine.explain({ ...base, resourceAccount: "abc" }, bundle)).toThrow(expect.objectContaining({ code: "INVALID_ACCOUNT" }));
    // A refused action leaves no selection behind in the bundle.
    expect(bundle.byAction.has("notanaction")).toBe(false);
  });

  it("the message quotes the value, cut short", () => {
    expect(() => decide({ principal: "x".repeat(1000) })).toThrow(/^`x{64}…` is not a principal/);
  });
});
