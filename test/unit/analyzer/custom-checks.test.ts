/**
 * @module test/unit/analyzer/custom-checks.test
 * The custom checks against the engine. For random identity-policy pairs (fast-check) over a
 * small vocabulary: a FAIL of checkNoNewAccess carries an example request that the engine allows
 * under the new policy and not under the existing one; a PASS leaves no such request among every
 * request the vocabulary can build (each action × resource of its service × context: an action
 * applies to resource types of its own service, so `s3:GetObject` on a queue is no request AWS
 * would ever evaluate). AWS's result shapes:
 * result, message, reasons with statementIndex (and statementId when the statement has a Sid).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createEngine, type Engine } from "../../../js/index.ts";
import { checkAccessNotGranted, checkNoNewAccess, checkNoPublicAccess } from "../../../js/analyzer/index.ts";
import type { AuthorizationRequest } from "../../../js/engine/request.ts";

const PRINCIPAL = "arn:aws:iam::111122223333:user/iam-edge-analyzer";
const ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "sqs:SendMessage"];
const ACTION_PATTERNS = [...ACTIONS, "s3:Get*", "s3:*Object", "s3:*", "sqs:*"];
const RESOURCES = ["arn:aws:s3:::bucket-a", "arn:aws:s3:::bucket-a/x", "arn:aws:s3:::bucket-a/y", "arn:aws:s3:::bucket-b/x", "arn:aws:sqs:us-east-1:111122223333:q"];
const RESOURCE_PATTERNS = [...RESOURCES, "arn:aws:s3:::bucket-a/*", "arn:aws:s3:::*", "*"];
const CONTEXTS: Record<string, string>[] = [{}, { "aws:SourceIp": "10.0.0.1" }, { "aws:SourceIp": "192.0.2.7" }];

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

const statement = fc.record({
  Effect: fc.constantFrom("Allow", "Allow", "Deny"),
  Action: fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 3 }),
  Resource: fc.subarray(RESOURCE_PATTERNS, { minLength: 1, maxLength: 2 }),
  Condition: fc.option(fc.constant({ IpAddress: { "aws:SourceIp": "10.0.0.0/8" } }), { nil: undefined }),
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((Statement) => ({ Version: "2012-10-17", Statement: Statement.map((s) => JSON.parse(JSON.stringify(s))) }));

function allows(doc: object, r: { action: string; resource: string; context?: Record<string, string | string[]> }): boolean {
  const compiled = engine.compile(JSON.stringify(doc), { kind: "identity", id: "p" });
  try {
    const request: AuthorizationRequest = { principal: PRINCIPAL, action: r.action, resource: r.resource, context: r.context ?? {} };
    return engine.authorize(request, { identity: [compiled] }).decision === "Allow";
  } finally {
    compiled.dispose();
  }
}

describe("checkNoNewAccess", () => {
  it("FAIL: the example is allowed by the new policy and not by the existing one; PASS: no request of the vocabulary is", async () => {
    let fails = 0;
    let passes = 0;
    await fc.assert(
      fc.asyncProperty(policy, policy, async (fresh, existing) => {
        const r = await checkNoNewAccess({ newPolicyDocument: fresh, existingPolicyDocument: existing, policyType: "IDENTITY_POLICY" }, { engine });
        if (r.result === "FAIL") {
          fails++;
          expect(r.exampleRequest).toBeDefined();
          expect(allows(fresh, r.exampleRequest!)).toBe(true);
          expect(allows(existing, r.exampleRequest!)).toBe(false);
          expect(r.reasons.length).toBeGreaterThan(0);
          for (const reason of r.reasons) expect(reason.statementIndex).toBeLessThan(fresh.Statement.length);
        } else {
          passes++;
          expect(r.exampleRequest).toBeUndefined();
          for (const action of ACTIONS) for (const resource of RESOURCES) for (const context of CONTEXTS) {
            if (resource.split(":")[2] !== action.split(":")[0]) continue;
            const req = { action, resource, context };
            expect(allows(fresh, req) && !allows(existing, req), JSON.stringify(req)).toBe(false);
          }
        }
      }),
      { numRuns: 60, seed: 18 },
    );
    // The generator must reach both answers, or the property says little.
    expect(fails).toBeGreaterThan(5);
    expect(passes).toBeGreaterThan(5);
  });

  it("answers AWS's shape: a reason per new statement, with its Sid", async () => {
    const existing = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };
    const fresh = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }, { Sid: "Put", Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }] };
    const r = await checkNoNewAccess({ newPolicyDocument: fresh, existingPolicyDocument: existing, policyType: "IDENTITY_POLICY" }, { engine });
    expect(r.result).toBe("FAIL");
    expect(r.reasons).toEqual([{ description: "New access in the statement with index: 1.", statementIndex: 1, statementId: "Put" }]);
    expect(r.exampleRequest).toMatchObject({ action: "s3:PutObject" });
    expect(r.exampleRequest!.resource).toMatch(/^arn:aws:s3:::b\//);
    const same = await checkNoNewAccess({ newPolicyDocument: existing, existingPolicyDocument: fresh, policyType: "IDENTITY_POLICY" }, { engine });
    expect(same).toMatchObject({ result: "PASS", reasons: [] });
  });
});

describe("checkAccessNotGranted", () => {
  const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::logs/*" }] };
  it("FAIL when the policy grants a listed action, with an example the engine allows", async () => {
    const r = await checkAccessNotGranted({ policyDocument: doc, access: [{ actions: ["s3:DeleteObject"] }], policyType: "IDENTITY_POLICY" }, { engine });
    expect(r.result).toBe("FAIL");
    expect(r.reasons[0]).toMatchObject({ statementIndex: 0 });
    expect(allows(doc, r.exampleRequest!)).toBe(true);
    expect(r.exampleRequest!.action).toBe("s3:DeleteObject");
  });
  it("PASS when it does not (other service, or another resource)", async () => {
    expect((await checkAccessNotGranted({ policyDocument: doc, access: [{ actions: ["sqs:SendMessage"] }], policyType: "IDENTITY_POLICY" }, { engine })).result).toBe("PASS");
    expect((await checkAccessNotGranted({ policyDocument: doc, access: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::secrets/k"] }], policyType: "IDENTITY_POLICY" }, { engine })).result).toBe("PASS");
  });
});

describe("checkNoPublicAccess", () => {
  const bucket = (principal: unknown, condition?: object) => ({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::site/*", ...(condition ? { Condition: condition } : {}) }],
  });
  it("FAIL for a bucket policy open to everyone", async () => {
    const r = await checkNoPublicAccess({ policyDocument: bucket("*"), resourceType: "AWS::S3::Bucket" }, { engine });
    expect(r.result).toBe("FAIL");
    expect(r.reasons[0]).toMatchObject({ statementIndex: 0 });
  });
  it("PASS for one account, or everyone narrowed to an organization", async () => {
    expect((await checkNoPublicAccess({ policyDocument: bucket({ AWS: "arn:aws:iam::111122223333:root" }), resourceType: "AWS::S3::Bucket" }, { engine })).result).toBe("PASS");
    const org = bucket("*", { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } });
    expect((await checkNoPublicAccess({ policyDocument: org, resourceType: "AWS::S3::Bucket" }, { engine })).result).toBe("PASS");
  });
});
