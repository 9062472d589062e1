/**
 * Hostile patterns (issue 13, item 1): one decision must not cost pattern length x input length.
 * The shapes, a long run of one letter then `?` after a `*` (in a resource policy, and in
 * a StringLike condition) and a run with `?` between two `*`s, at the largest sizes a request may
 * have (docs/limits.md: resource 2,048 characters, context value 4,096), against a text made of
 * that letter: the two-pointer matcher restarts the run at every position (about 4 million steps
 * here, seconds at the 262,000 characters).
 *
 * Work is counted, not timed: the core is compiled here with `--use MATCH_STEPS=1`
 * (assembly/testing/work-count.ts), which makes the wildcard matchers count the bytes they
 * examine and the machine words they update, and the decision runs through the binding on that
 * build. The bounds are the formula of docs/matching.md ("Worst case"), with its constants.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";
import { Engine } from "../../js/engine/engine.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PRINCIPAL = "arn:aws:iam::111122223333:user/alice";

interface Counter {
  workDone(): number;
  resetWork(): void;
}

let engine: Engine;
let counter: Counter;

/** The core built from source with the work counter compiled in. */
async function countingBuild(): Promise<Uint8Array<ArrayBuffer>> {
  let wasm: Uint8Array<ArrayBuffer> | undefined;
  const { error, stderr } = await asc.main(
    [
      "assembly/testing/work-count.ts", "--baseDir", root, "--outFile", "work-count.wasm",
      "--runtime", "minimal", "--use", "abort=assembly/abort/abortHandler", "--use", "MATCH_STEPS=1", "-O1",
    ],
    {
      writeFile: (name: string, contents: string | Uint8Array) => {
        if (name.endsWith(".wasm") && typeof contents !== "string") wasm = new Uint8Array(contents);
      },
    },
  );
  if (error || !wasm) throw new Error(`the counting build failed: ${error?.message}\n${stderr.toString()}`);
  return wasm;
}

beforeAll(async () => {
  const module = new WebAssembly.Module(await countingBuild());
  const instance = new WebAssembly.Instance(module, {});
  counter = instance.exports as unknown as Counter;
  engine = new Engine(module, instance);
}, 120_000);

/** The decision and the matching work it took. */
function decide(request: { action: string; resource: string; context?: Record<string, string> }, policies: Parameters<Engine["authorize"]>[1]) {
  counter.resetWork();
  const { decision } = engine.authorize({ principal: PRINCIPAL, ...request }, policies);
  return { decision, work: counter.workDone() };
}

describe("a resource policy pattern against the longest resource", () => {
  it("`arn:aws:s3:::*` + 1,000 x `a` + `?` against a 2,048-character ARN: linear work", () => {
    const pattern = "arn:aws:s3:::*" + "a".repeat(1000) + "?";
    const resource = "arn:aws:s3:::" + "a".repeat(2048 - 13);
    const policy = engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: pattern } },
      { kind: "resource" },
    );
    const { decision, work } = decide({ action: "s3:GetObject", resource }, { resource: policy });
    expect(decision).toBe("Allow");
    // The two-pointer matcher: 1,000 steps at each of 1,036 starts, about a million.
    expect(work).toBeLessThanOrEqual(6 * (pattern.length + resource.length));
    policy.dispose();
  });
});

describe("a StringLike pattern against the longest context value", () => {
  const condition = (pattern: string) =>
    engine.compile(
      { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "aws:userid": pattern } } } },
      { kind: "identity" },
    );

  it("`*` + 2,000 x `a` + `?` against 4,096 x `a`: linear work", () => {
    const pattern = "*" + "a".repeat(2000) + "?";
    const value = "a".repeat(4096);
    const policy = condition(pattern);
    const { decision, work } = decide({ action: "s3:GetObject", resource: "*", context: { "aws:userid": value } }, { identity: [policy] });
    expect(decision).toBe("Allow");
    expect(work).toBeLessThanOrEqual(6 * (pattern.length + value.length));
    policy.dispose();
  });

  it("`*` + 2,000 x `é` + `?` against 4,096 x `é` (two bytes each): linear work", () => {
    const pattern = "*" + "é".repeat(2000) + "?";
    const value = "é".repeat(4096);
    const policy = condition(pattern);
    const { decision, work } = decide({ action: "s3:GetObject", resource: "*", context: { "aws:userid": value } }, { identity: [policy] });
    expect(decision).toBe("Allow");
    expect(work).toBeLessThanOrEqual(6 * 2 * (pattern.length + value.length));
    policy.dispose();
  });

  it("a run with `?` between two `*`s: ceil(atoms / 64) words per byte, no restarts", () => {
    const segment = "a?".repeat(1000) + "b";
    const pattern = "*" + segment + "*";
    const value = "a".repeat(4096);
    const policy = condition(pattern);
    const { decision, work } = decide({ action: "s3:GetObject", resource: "*", context: { "aws:userid": value } }, { identity: [policy] });
    expect(decision).toBe("ImplicitDeny");
    const words = Math.ceil(segment.length / 64);
    // The two-pointer matcher: about 2,000 steps at each of 2,096 starts, 4 million.
    expect(work).toBeLessThanOrEqual(4 * (pattern.length + value.length * words));
    policy.dispose();
  });
});
