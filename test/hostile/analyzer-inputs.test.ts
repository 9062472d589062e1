/**
 * @module test/hostile/analyzer-inputs.test
 * Hostile policies for the analyzer: every one gets findings (or an AnalyzerError for a bad
 * request), never a crash or a hang. Deep nesting, huge arrays of wildcard actions (the
 * redundancy check is per service, not quadratic over the policy), prototype-named keys,
 * lone surrogates, non-JSON, values of every wrong type, and a bad request.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { AnalyzerError, loadCatalog, validatePolicy, validatePolicyWith, type Catalog } from "../../js/analyzer/index.ts";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});
const lint = (policyDocument: string) => validatePolicyWith(catalog, { policyDocument, policyType: "IDENTITY_POLICY" }).findings;
const codes = (text: string) => lint(text).map((f) => f.issueCode);

describe("hostile policies", () => {
  it("deep nesting is a finding, not a stack overflow", () => {
    const deep = `{"Version":"2012-10-17","Statement":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(lint(deep).length).toBeGreaterThan(0);
  });

  it("10,000 wildcard actions across services are linted", () => {
    const actions = Array.from({ length: 10_000 }, (_, i) => `${["s3", "ec2", "iam", "sqs"][i % 4]}:${"Get".slice(0, 1 + (i % 3))}*${i}`);
    const found = codes(JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] }));
    expect(found).toContain("INVALID_ACTION");
  });

  it("keys named after Object.prototype are names like any other", () => {
    for (const key of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const text = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${key}:${key}","Resource":"arn:aws:${key}:::x","Condition":{"${key}":{"${key}:${key}":"x"}}}]}`;
      const found = codes(text);
      expect(found, key).toContain("INVALID_SERVICE_IN_ACTION");
      expect(found.length, key).toBeGreaterThan(1);
    }
  });

  it("lone surrogates, control characters and non-JSON give findings", () => {
    expect(lint('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:\\ud800","Resource":"*"}]}').length).toBeGreaterThan(0);
    expect(lint("\u0000\u0001").length).toBeGreaterThan(0);
    expect(lint("").length).toBeGreaterThan(0);
    expect(lint("[]").length).toBeGreaterThan(0);
    expect(lint('{"Statement":{"Effect":1,"Action":[null,true,{},[]],"Resource":{"a":1},"Condition":[]}}').length).toBeGreaterThan(3);
  });

  it("a bad request is an AnalyzerError", async () => {
    await expect(validatePolicy({ policyDocument: "{}", policyType: "SESSION" as never })).rejects.toBeInstanceOf(AnalyzerError);
    await expect(validatePolicy(null as never)).rejects.toBeInstanceOf(AnalyzerError);
    await expect(validatePolicy({ policyDocument: 5 as never, policyType: "IDENTITY_POLICY" })).rejects.toBeInstanceOf(AnalyzerError);
  });
});
