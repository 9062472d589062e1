/**
 * @module test/unit/lazy-modules
 * What each cold-start step loads (issue 17): `iam-edge/engine` loads no file of the account
 * model; `iam-edge` loads the model's synchronous part (Account, resolution, audit) but not
 * the code of its asynchronous operations (js/sts/account-operations.ts) until an Account is
 * created; `Account.create` loads it once. The entries are bundled the way `npm run build`
 * bundles them (esbuild, code splitting) into a temporary directory, and a fresh Node process
 * runs each probe under a module-load hook that records every file Node loads, with a mark
 * between steps. A file is recognised by text only its sources hold (checked below). No timing
 * is asserted: bench/cold-start.ts measures the time.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleLoadProbe, type LoadProbe } from "./load-probe.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
/** Text of the account model's synchronous part (the audit records), in no engine source. */
const MODEL = '"iam.amazonaws.com"';
/** Text of an asynchronous operation (AssumeRoleWithWebIdentity's claim), only in js/sts/web-identity.ts. */
const OPERATIONS = "https://aws.amazon.com/source_identity";
let bundle: LoadProbe;
let dir: string;

const PROBE_STEPS = [
  'const entry = process.argv[2];',
  'mark("import");',
  "const pkg = await import(entry);",
  'mark("decide");',
  "const engine = await pkg.createEngine();",
  'const policy = engine.compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }, { kind: "identity" });',
  'const decision = engine.authorize({ principal: "arn:aws:iam::111122223333:user/a", action: "s3:GetObject" }, { identity: [policy] }).decision;',
  'if (decision !== "Allow") throw new Error(decision);',
  'if (pkg.Account) {',
  '  mark("account");',
  '  const account = await pkg.Account.create({ accountId: "111122223333", engine });',
  '  await account.createUser({ UserName: "alice" });',
  '  mark("second account");',
  '  const again = await pkg.Account.create({ accountId: "444455556666", engine });',
  '  await again.createUser({ UserName: "bob" });',
  "}",
  'mark("done");',
];

beforeAll(async () => {
  bundle = await bundleLoadProbe({ node: "js/entries/node.ts", "engine-node": "js/entries/engine-node.ts" }, PROBE_STEPS);
  dir = bundle.dir;
});
afterAll(() => bundle.remove());

/** The bundle's files loaded in each step of the probe for `entry`, by step name. */
const probe = (entry: string) => bundle.steps([`./${entry}`]);

const holds = (text: string) => (file: string) => file.endsWith(".js") && readFileSync(file, "utf8").includes(text);

describe("what a cold start loads", () => {
  it("the markers are their sources' text, and each is in exactly one chunk of the bundle", () => {
    expect(readFileSync(join(root, "js/iam/audit/operations.ts"), "utf8")).toContain(MODEL);
    expect(readFileSync(join(root, "js/sts/web-identity.ts"), "utf8")).toContain(OPERATIONS);
    const chunks = readdirSync(dir).map((f) => join(dir, f));
    expect(chunks.filter(holds(MODEL))).toHaveLength(1);
    expect(chunks.filter(holds(OPERATIONS))).toHaveLength(1);
    expect(chunks.filter(holds(MODEL))).not.toEqual(chunks.filter(holds(OPERATIONS)));
  });

  it("iam-edge/engine: import, createEngine, compile and a decision load no file of the account model", () => {
    const steps = probe("engine-node.js");
    expect(steps.import.some((f) => f.endsWith("engine-node.js"))).toBe(true);
    expect(steps.decide).toEqual([]); // createEngine, compile and the decision load no module
    const loaded = [...steps.import, ...steps.decide];
    expect(loaded.filter(holds(MODEL))).toEqual([]);
    expect(loaded.filter(holds(OPERATIONS))).toEqual([]);
    expect(Object.keys(steps)).toContain("done");
  });

  it("iam-edge: the account model's operations load with the first Account, once", () => {
    const steps = probe("node.js");
    expect(steps.import.filter(holds(MODEL))).toHaveLength(1);
    expect([...steps.import, ...(steps.decide ?? [])].filter(holds(OPERATIONS))).toEqual([]);
    expect(steps.account.filter(holds(OPERATIONS))).toHaveLength(1);
    expect((steps["second account"] ?? []).filter((f) => f.endsWith(".js"))).toEqual([]);
    expect(Object.keys(steps)).toContain("done");
  });
});
