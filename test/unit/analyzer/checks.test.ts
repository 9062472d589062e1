/**
 * @module test/unit/analyzer/checks.test
 * Every check iam-edge raises, against a policy that triggers it (with the finding's path,
 * span and AWS shape) and one that does not; every AWS check is either tested here or listed in
 * NOT_RAISED with a reason, and docs/analyzer.md's table says the same.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CHECKS, EXTRA_CHECKS, LEARN_MORE_BASE, loadCatalog, validatePolicyWith, type Catalog, type PathElement, type ValidatePolicyFinding } from "../../../js/analyzer/index.ts";
import { NOT_RAISED } from "../../../js/analyzer/checks/status.ts";
import { CASES, type CheckCase } from "./check-cases.ts";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

function text(doc: CheckCase["bad"]): string {
  return typeof doc === "string" ? doc : JSON.stringify({ Version: "2012-10-17", Statement: doc }, null, 2);
}

function lint(c: CheckCase, doc: CheckCase["bad"]): ValidatePolicyFinding[] {
  return validatePolicyWith(catalog, { policyDocument: text(doc), policyType: c.policyType ?? "IDENTITY_POLICY", validatePolicyResourceType: c.resourceType }).findings;
}

function pathText(path: PathElement[]): string {
  return path.map((p) => ("index" in p ? String(p.index) : "value" in p ? p.value : "key" in p ? `key:${p.key}` : `substring:${p.substring.start}`)).join("/");
}

describe("each check", () => {
  for (const c of CASES) {
    it(`${c.code}: raised where it applies, at the expected place`, () => {
      const source = text(c.bad);
      const found = lint(c, c.bad).filter((f) => f.issueCode === c.code);
      expect(found.length, `no ${c.code} in ${JSON.stringify(lint(c, c.bad).map((f) => f.issueCode))}`).toBeGreaterThan(0);
      const f = found[0];
      expect(pathText(f.locations[0].path)).toBe(c.path);
      const span = f.locations[0].span;
      expect(span.end.offset).toBeGreaterThanOrEqual(span.start.offset);
      // The span's line and column agree with its offset in the text.
      const before = source.slice(0, span.start.offset).split("\n");
      expect([span.start.line, span.start.column]).toEqual([before.length, before[before.length - 1].length]);
      const spec = Object.hasOwn(CHECKS, c.code) ? CHECKS[c.code as keyof typeof CHECKS] : EXTRA_CHECKS[c.code as keyof typeof EXTRA_CHECKS];
      expect(f.findingType).toBe(spec.type);
      expect(f.findingDetails).not.toMatch(/\{\{/);
      if (Object.hasOwn(CHECKS, c.code)) expect(f.learnMoreLink).toBe(`${LEARN_MORE_BASE}#${spec.anchor}`);
    });
    it(`${c.code}: not raised by the near miss`, () => {
      expect(lint(c, c.good).map((f) => f.issueCode)).not.toContain(c.code);
    });
  }
});

describe("coverage of AWS's reference", () => {
  it("tests or explains every AWS check", () => {
    const tested = new Set(CASES.map((c) => c.code));
    const missing = Object.keys(CHECKS).filter((code) => !tested.has(code) && !Object.hasOwn(NOT_RAISED, code));
    expect(missing).toEqual([]);
    expect(Object.keys(NOT_RAISED).filter((code) => tested.has(code))).toEqual([]);
  });

  it("docs/analyzer.md has a row per check with its status", () => {
    const doc = readFileSync(new URL("../../../docs/analyzer.md", import.meta.url), "utf8");
    for (const [code, spec] of Object.entries(CHECKS)) {
      const row = doc.split("\n").find((l) => l.startsWith(`| \`${code}\` |`));
      expect(row, `no row for ${code}`).toBeDefined();
      expect(row).toContain(spec.type);
      expect(row!.includes("implemented")).toBe(!Object.hasOwn(NOT_RAISED, code));
    }
  });
});
