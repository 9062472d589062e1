/**
 * @module test/runtimes/browser/page
 * The page side of the browser tests. The page maps `"iam-edge"` to /dist/browser.js with an
 * import map, so the built package loads as a browser loads it: browser.js fetches engine.wasm
 * from beside itself and compiles it while streaming. `window.runSuite(input)` runs the shared
 * suite plus the browser-only checks and returns one result per test.
 */
import * as api from "iam-edge";
import { sharedSuite, type Api, type SharedTest } from "../../shared/suite.ts";
import type { SuiteInput } from "../../shared/cases.ts";
import { EXAMPLE_OUTPUT, captureConsole } from "../../shared/example.ts";
import { deepEqual, equal, ok } from "../../shared/assert.ts";
import { samlBrowserTests } from "./saml-tests.ts";

export interface PageResult {
  name: string;
  ok: boolean;
  error?: string;
}

const wasmUrl = new URL("/dist/engine.wasm", location.href).href;
const bytes = async () => new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer());

function browserTests(): SharedTest[] {
  return [
    {
      name: "browser: createEngine() fetched engine.wasm from beside dist/browser.js",
      fn: async () => {
        await api.createEngine();
        ok(performance.getEntriesByName(wasmUrl).length > 0, `no fetch of ${wasmUrl}`);
      },
    },
    {
      name: "browser: a server that does not send application/wasm still works (arrayBuffer fallback)",
      fn: async () => {
        const response = await fetch("/plain/engine.wasm");
        equal(response.headers.get("content-type"), "application/octet-stream", "content type");
        const e = await api.createEngine(response);
        ok(e instanceof api.Engine, "an engine");
      },
    },
    {
      name: "browser: the README example (examples/node/decide.mjs) runs unchanged and prints the same lines",
      fn: async () => {
        const path = "/examples/node/decide.mjs";
        deepEqual(await captureConsole(() => import(/* @vite-ignore */ path)), EXAMPLE_OUTPUT, "output");
      },
    },
  ];
}

async function runSuite(input: SuiteInput): Promise<PageResult[]> {
  const tests = [
    ...browserTests(),
    ...samlBrowserTests(api),
    ...sharedSuite({ ...input, runtime: "chromium", api: api as unknown as Api, bytes, module: async () => WebAssembly.compile(await bytes()) }),
  ];
  const results: PageResult[] = [];
  for (const t of tests) {
    let error: string | undefined;
    try {
      await t.fn();
    } catch (err) {
      error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (t.fails) {
      // A known difference must still fail; if it passes, the known-differences entry is stale.
      results.push({ name: `${t.name} (known difference: ${t.fails})`, ok: error !== undefined, error: error ? undefined : "expected to fail (known difference) but passed" });
    } else {
      results.push({ name: t.name, ok: error === undefined, error });
    }
  }
  return results;
}

(globalThis as unknown as { runSuite: typeof runSuite }).runSuite = runSuite;
document.title = "ready";
