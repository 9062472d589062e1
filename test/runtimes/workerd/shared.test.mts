/**
 * @module test/runtimes/workerd/shared
 * The shared suite inside workerd (@cloudflare/vitest-pool-workers): the package is imported as
 * `"iam-edge"` and resolves through the `workerd` export condition to dist/workerd.js, whose
 * engine.wasm import Wrangler's module rules compile. The inputs (cases, known differences) and
 * the reference decisions come from Node through `provide` (vitest.config.ts).
 */
import { SELF } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import * as api from "iam-edge";
import { sharedSuite, type Api } from "../../shared/suite.ts";
import type { SuiteInput } from "../../shared/cases.ts";
import { EXAMPLE_OUTPUT, captureConsole } from "../../shared/example.ts";
// The same module the package's workerd entry imports: a WebAssembly.Module, compiled by the runtime.
import wasm from "../../../dist/engine.wasm";

declare module "vitest" {
  interface ProvidedContext {
    suiteInput: SuiteInput;
  }
}

const input = inject("suiteInput");

describe("workerd: built package (import from \"iam-edge\", condition workerd)", () => {
  it("runs in workerd and resolves the workerd entry", () => {
    expect(navigator.userAgent).toBe("Cloudflare-Workers");
    expect(wasm).toBeInstanceOf(WebAssembly.Module);
    expect(input.reference?.cases.length).toBe(input.cases.length);
  });

  it("refuses to compile Wasm from bytes, as deployed Workers do, and createEngine(bytes) says why", async () => {
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(WebAssembly.compile(bytes)).rejects.toThrow();
    await expect(api.createEngine(bytes)).rejects.toThrow(/Workers do not compile Wasm from bytes/);
    await expect(api.createEngine(bytes)).rejects.toBeInstanceOf(api.EngineInternalError);
  });

  it("the module is also importable as \"iam-edge/engine.wasm\"", async () => {
    const imported = (await import("iam-edge/engine.wasm")).default;
    expect(imported).toBeInstanceOf(WebAssembly.Module);
    expect(await api.createEngine(imported)).toBeInstanceOf(api.Engine);
  });

  it("a Worker with the engine at module scope answers requests with one instance per isolate", async () => {
    const ask = async (action: string, resource: string) => (await SELF.fetch(`https://example.com/?action=${action}&resource=${encodeURIComponent(resource)}`)).json();
    const first = (await ask("s3:GetObject", "arn:aws:s3:::reports/q1.csv")) as { decision: string; sid: string; decisions: number };
    expect(first).toMatchObject({ decision: "Allow", sid: "ReadReports" });
    expect(await ask("s3:GetObject", "arn:aws:s3:::reports/secret/pay.csv")).toMatchObject({ decision: "ExplicitDeny", sid: "NoSecrets", decisions: first.decisions + 1 });
    expect(await ask("s3:PutObject", "arn:aws:s3:::reports/q1.csv")).toMatchObject({ decision: "ImplicitDeny", sid: null, decisions: first.decisions + 2 });
  });

  it("the README example (examples/node/decide.mjs) runs unchanged and prints the same lines", async () => {
    const lines = await captureConsole(() => import("../../../examples/node/decide.mjs"));
    expect(lines).toEqual(EXAMPLE_OUTPUT);
  });

  for (const t of sharedSuite({ ...input, runtime: "workerd", api: api as unknown as Api, module: async () => wasm })) {
    if (t.fails) it.fails(`${t.name} (known difference: ${t.fails})`, t.fn);
    else it(t.name, t.fn);
  }
});
