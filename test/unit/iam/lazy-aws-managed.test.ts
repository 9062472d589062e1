/**
 * @module test/unit/iam/lazy-aws-managed
 * Importing `iam-edge` does not load the AWS-managed policy library (js/iam/aws-managed-data.ts,
 * about 125 KB of JavaScript); creating an Account does. The Node entry is bundled the way
 * `npm run build` bundles it (esbuild, code splitting) into a temporary directory, and a fresh
 * Node process runs it under a module-load hook that records every file Node loads. A file is
 * the library when it holds an AWS-managed policy's document text. No timing is asserted.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleLoadProbe, type LoadProbe } from "../load-probe.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
/** Text only the library holds in js/ (checked below): a managed policy's ARN. */
const MARKER = "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess";
let bundle: LoadProbe;
let dir: string;

beforeAll(async () => {
  bundle = await bundleLoadProbe({ node: "js/entries/node.ts" }, [
    'mark("import");',
    'const { createEngine, Account } = await import("./node.js");',
    "const engine = await createEngine();",
    'engine.authorize({ principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject" }, { identity: [] });',
    'mark("account");',
    'const account = await Account.create({ accountId: "111122223333", engine });',
    'const { Policy } = await account.getPolicy({ PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });',
    'mark("done " + Policy.PolicyName);',
  ]);
  dir = bundle.dir;
});
afterAll(() => bundle.remove());

/** The bundle's files loaded in each step of the probe, by step name. */
const probe = () => bundle.steps();

const holdsLibrary = (file: string) => readFileSync(file, "utf8").includes(MARKER);

describe("the AWS-managed policy library loads when an Account needs it", () => {
  it("import, createEngine and a decision load no file of it; Account.create loads it, and getPolicy reads it", () => {
    const steps = probe();
    expect(steps.import.some((f) => f.endsWith("node.js"))).toBe(true);
    expect(steps.import.filter(holdsLibrary)).toEqual([]);
    expect(steps.account.filter(holdsLibrary)).toHaveLength(1);
    expect(Object.keys(steps)).toContain("done ReadOnlyAccess");
  });

  it("the marker is the library's text (the probe can tell the library from other chunks)", () => {
    const data = readFileSync(join(root, "js/iam/aws-managed-data.ts"), "utf8");
    expect(data).toContain(MARKER);
    // The bundle's other chunks do not hold it, so a chunk that does is the library.
    const steps = probe();
    const others = [...steps.import, ...steps.account].filter((f) => f.startsWith(dir) && f.endsWith(".js") && !holdsLibrary(f));
    expect(others.some((f) => f.endsWith("node.js"))).toBe(true);
  });
});
