/**
 * @module test/runtimes/node/entries
 * The shape of the built Node entries (scripts/build.mjs, issue 17): `iam-edge/engine` is one
 * file that imports no other file of dist/, and `iam-edge` takes its engine from that same file,
 * so a process that imports both has one Engine, CompiledPolicy and PolicyValidationError: a
 * policy compiled by an engine from `iam-edge/engine` is accepted by an Account of `iam-edge`,
 * and its validation errors are recognised there. `iam-edge/edge` in Node (dist/edge-node.js)
 * shares the account model's chunks with `iam-edge` (one IamError), as dist/edge.js does with
 * the browser and workerd entries. Needs `npm run build` (skipped without dist/
 * unless IAM_EDGE_REQUIRE_DIST is set, as `npm test` does). No timing is asserted:
 * bench/cold-start.ts measures the time.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const haveDist = existsSync(`${root}dist/engine-node.js`);

/** Relative specifiers a built file imports, statically or dynamically. */
const relativeImports = (file: string) =>
  [...readFileSync(`${root}dist/${file}`, "utf8").matchAll(/(?:from|import\()\s*"(\.[^"]+)"/g)].map((m) => m[1]);

/** The files a built file loads before it runs (static imports, followed), itself included. */
function eagerFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(`${root}dist/${file}`, "utf8").matchAll(/from\s*"\.\/([^"]+)"/g)) eagerFiles(m[1], seen);
  return seen;
}
/** Text of IamError's status table (js/iam/errors.ts) as the minifier writes it. */
const IAM_ERROR = "PasswordPolicyViolation:400";

const MIXED = `
import * as full from "iam-edge";
import * as slim from "iam-edge/engine";
const engine = await slim.createEngine();
const account = await full.Account.create({ accountId: "111122223333", engine });
await account.createUser({ UserName: "alice" });
const arn = "arn:aws:iam::111122223333:user/alice";
const deny = engine.compile({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "*" }] }, { kind: "resource" });
const decided = account.authorizePrincipal(arn, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourcePolicy: deny }).decision;
let code;
try { account.authorizePrincipal(arn, { action: "s3:GetObject", resource: "arn:aws:s3:::b/k", resourcePolicy: { Version: "2012-10-17", Statement: [{ Effect: "Maybe" }] } }); }
catch (err) { code = err.code; }
console.log(JSON.stringify({
  differ: ["Engine", "CompiledPolicy", "PolicyBundle", "PolicyValidationError", "RequestError", "EngineInternalError", "createEngine"].filter((n) => full[n] !== slim[n]),
  decided, code,
}));
`;

describe.skipIf(!haveDist && !process.env.IAM_EDGE_REQUIRE_DIST)("node: the built entries", () => {
  it("iam-edge/engine is one file: it imports no other file of dist/", () => {
    expect(relativeImports("engine-node.js")).toEqual([]);
  });

  it("iam-edge imports its engine from dist/engine-node.js, not from a copy", () => {
    expect(relativeImports("node.js")).toContain("./engine-node.js");
  });

  it("a process importing both entries has one set of engine classes, and the account model accepts either", () => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", MIXED], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ differ: [], decided: "ExplicitDeny", code: "MalformedPolicyDocument" });
  });

  it("iam-edge/edge in Node loads the account model's errors and the engine from the files iam-edge loads", () => {
    const edge = eagerFiles("edge-node.js");
    const full = eagerFiles("node.js");
    expect(edge.has("engine-node.js")).toBe(true);
    const withIamError = (files: Set<string>) => [...files].filter((f) => readFileSync(`${root}dist/${f}`, "utf8").includes(IAM_ERROR));
    expect(withIamError(full)).toHaveLength(1);
    expect(withIamError(edge)).toEqual(withIamError(full));
  });
});
