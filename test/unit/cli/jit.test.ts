/**
 * @module test/unit/cli/jit.test
 * `tuneJitForBatch` (js/cli/jit.ts) sets V8's tier-up threshold once per process, with the
 * flag the running V8 knows (an unknown flag would be reported on stderr), and nothing on a V8
 * it was not measured on.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";

const setFlagsFromString = vi.fn();
vi.mock("node:v8", () => ({ setFlagsFromString }));

beforeEach(() => {
  vi.resetModules();
  setFlagsFromString.mockClear();
});

describe("tuneJitForBatch", () => {
  it("on V8 11 (Node 20) raises the interrupt budget to eight times its default, once", async () => {
    const { tuneJitForBatch } = await import("../../../js/cli/jit.ts");
    tuneJitForBatch("11.3.244.8-node.38");
    tuneJitForBatch("11.3.244.8-node.38");
    expect(setFlagsFromString.mock.calls).toEqual([["--interrupt-budget=540672"]]);
  });

  it("on V8 12 and 13 (Node 22, 24) raises TurboFan's call count instead", async () => {
    const { batchFlag } = await import("../../../js/cli/jit.ts");
    expect(batchFlag("12.4.254.21-node.57")).toBe("--invocation-count-for-turbofan=12000");
    expect(batchFlag("13.6.233.17-node.53")).toBe("--invocation-count-for-turbofan=12000");
  });

  it("sets nothing on another V8", async () => {
    const { tuneJitForBatch } = await import("../../../js/cli/jit.ts");
    tuneJitForBatch("14.0.1");
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });

  // On a V8 the flag was not measured on, lint sets nothing (the test above): nothing to run.
  it.skipIf(!["11", "12", "13"].includes(process.versions.v8.split(".")[0]))("the flag it sets exists in the running Node (V8 prints no error for it)", async () => {
    const { batchFlag } = await import("../../../js/cli/jit.ts");
    const { spawnSync } = await import("node:child_process");
    const flag = batchFlag(process.versions.v8);
    expect(flag).toBeDefined();
    const run = spawnSync(process.execPath, ["-e", `require("node:v8").setFlagsFromString(${JSON.stringify(flag)})`], { encoding: "utf8" });
    expect(run.stderr + run.stdout).toBe("");
  });
});
