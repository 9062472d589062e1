/**
 * @module test/unit/analyzer/speed-paths.test
 * The shortcuts the lint speed work added give the answers of the paths they stand in front of:
 * the catalog's answers cached by the value as written (`actionCount`, `hasMatchingAction`,
 * `actionsAtLevel`) against the same questions asked in another case and through the uncached
 * per-service questions; a service's supported keys against every action's own; the statement
 * fingerprint, which statements of equal canonical text share, and which ordinary differences
 * change; the literal-head test in front of the redundant-resource matcher.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, validatePolicyWith, type Catalog } from "../../../js/analyzer/index.ts";
import { fingerprint } from "../../../js/analyzer/checks/fingerprint.ts";
import { parseJson } from "../../../js/policy/json.ts";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

/** Swaps the case of every letter: the catalog compares names ignoring case. */
const swapCase = (s: string) => s.replace(/[a-z]/gi, (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()));

const VALUES = ["s3:GetObject", "s3:Get*", "s3:get*object", "S3:PUTOBJECT", "iam:Pass?ole", "ec2:*", "s3:NoSuchAction", "nosuchservice:Get*", "s3:", "s3:*Policy", "iam:*", "kms:Put*"];

describe("catalog answers cached by the value as written", () => {
  it("actionCount agrees with countMatching, in any case, and is -1 for an unknown service", () => {
    for (const v of VALUES) {
      const [service, name] = [v.slice(0, v.indexOf(":")), v.slice(v.indexOf(":") + 1)];
      const expected = catalog.hasService(service) ? catalog.countMatching(service, name) : -1;
      expect(catalog.actionCount(v), v).toBe(expected);
      expect(catalog.actionCount(swapCase(v)), swapCase(v)).toBe(expected);
    }
    expect(catalog.actionCount("s3:GetObject")).toBe(1);
    expect(catalog.actionCount("nosuchservice:Get*")).toBe(-1);
  });

  it("hasMatchingAction agrees with the expansion, asked twice and in another case", () => {
    for (const v of [...VALUES, "*", "s3*:Get*", "nocolon"]) {
      const expected = catalog.expandAction(v).length > 0 || v === "*";
      expect(catalog.hasMatchingAction(v), v).toBe(expected);
      expect(catalog.hasMatchingAction(v), v).toBe(expected);
      expect(catalog.hasMatchingAction(swapCase(v)), swapCase(v)).toBe(expected);
    }
  });

  it("actionsAtLevel gives the expansion's actions of that level, in its order, whatever the case", () => {
    const level = "Permissions management";
    for (const v of [...VALUES, "*:Put*", "s3*:Put*"]) {
      const expected = catalog.expandAction(v).filter((a) => a.accessLevel.includes(level)).map((a) => `${a.service}:${a.name}`);
      expect(catalog.actionsAtLevel(v, level), v).toEqual(expected);
      expect(catalog.actionsAtLevel(swapCase(v), level), swapCase(v)).toEqual(expected);
    }
    expect(catalog.actionsAtLevel("s3:PutBucketPolicy", level)).toEqual(["s3:PutBucketPolicy"]);
    expect(catalog.actionsAtLevel("s3:GetObject", level)).toEqual([]);
  });

  it("serviceSupportsKey is true exactly for the keys some action of the service supports", () => {
    for (const service of ["s3", "ec2", "iam", "aws-portal", "lambda"]) {
      const actions = catalog.matchingActions(service, "*");
      for (const key of ["aws:ResourceTag/env", "aws:RequestTag/env", "aws:TagKeys", `${service}:NoSuchKey`, "s3:prefix", "ec2:Region"]) {
        const expected = actions.some((a) => catalog.actionSupportsKey(a, key));
        expect(catalog.serviceSupportsKey(service, key), `${service} ${key}`).toBe(expected);
      }
    }
    expect(catalog.serviceSupportsKey("ec2", "aws:ResourceTag/env")).toBe(true);
    expect(catalog.serviceSupportsKey("aws-portal", "aws:ResourceTag/env")).toBe(false);
  });
});

describe("statement fingerprint", () => {
  const fp = (json: string) => fingerprint(parseJson(json).root!, true);

  it("is shared by statements of equal canonical text: members and items in any order, a one-item list as its item, Sid left out", () => {
    const a = fp('{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}');
    const b = fp('{"Condition":{"Bool":{"aws:SecureTransport":"true"}},"Resource":["*"],"Action":["s3:PutObject","s3:GetObject"],"Effect":"Allow","Sid":"B"}');
    expect(b).toBe(a);
  });

  it("differs when an action, a value, an element or a nested Sid differs", () => {
    const base = fp('{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}');
    expect(fp('{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"*"}')).not.toBe(base);
    expect(fp('{"Effect":"Deny","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}')).not.toBe(base);
    expect(fp('{"Effect":"Allow","NotAction":["s3:GetObject","s3:PutObject"],"Resource":"*"}')).not.toBe(base);
    expect(fp('{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*","Condition":{"Bool":{"Sid":"x"}}}')).not.toBe(base);
    // The same strings under other keys, and numbers against their text.
    expect(fp('{"Effect":"Allow","Action":"*","Resource":"s3:GetObject"}')).not.toBe(fp('{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}'));
    expect(fp('{"Condition":{"NumericEquals":{"k":1}}}')).not.toBe(fp('{"Condition":{"NumericEquals":{"k":"1"}}}'));
  });

  it("lets the redundant-statement check find reordered duplicates and only them", () => {
    const statements = [
      { Sid: "A", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"] },
      { Sid: "B", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::b/*", "arn:aws:s3:::c/*"] },
      { Resource: ["arn:aws:s3:::c/*", "arn:aws:s3:::b/*"], Action: ["s3:PutObject", "s3:GetObject"], Effect: "Allow", Sid: "C" },
    ];
    const findings = validatePolicyWith(catalog, { policyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }), policyType: "IDENTITY_POLICY" }).findings;
    const redundant = findings.filter((f) => f.issueCode === "REDUNDANT_STATEMENT");
    expect(redundant.map((f) => f.locations[0].path)).toEqual([[{ value: "Statement" }, { index: 2 }]]);
  });
});

describe("redundant resources behind the literal-head test", () => {
  const redundantPaths = (resources: string[]) => {
    const text = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }] });
    const found = validatePolicyWith(catalog, { policyDocument: text, policyType: "IDENTITY_POLICY" }).findings.filter((f) => f.issueCode === "REDUNDANT_RESOURCE");
    return found.flatMap((f) => f.locations.map((l) => (l.path[3] as { index: number }).index));
  };

  it("finds ARNs covered by a wildcard ARN, with `?` and `*` heads, and not those of another head", () => {
    expect(redundantPaths(["arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a", "arn:aws:s3:::other/a"])).toEqual([1]);
    expect(redundantPaths(["arn:aws:s3:::bu?ket/*", "arn:aws:s3:::bucket/x", "arn:aws:s3:::bu/x"])).toEqual([1]);
    expect(redundantPaths(["arn:aws:s3:::b*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::a*"])).toEqual([1]);
  });

  it("compares lone surrogates as the matcher does (both as U+FFFD)", () => {
    // JSON.stringify keeps a lone surrogate as a `\ud800` escape, which the parser reads back as one.
    expect(redundantPaths(["arn:aws:s3:::b\ud800/*", "arn:aws:s3:::b\udfff/x"])).toEqual([1]);
  });
});
