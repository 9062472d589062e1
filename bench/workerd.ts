/**
 * W2 inside workerd: bundles bench/workerd/worker.ts with esbuild (the engine.wasm import left
 * as a module, as Wrangler uploads it), runs it under `wrangler dev` on 127.0.0.1 and asks it to
 * decide W2 requests. See bench/README.md for how CPU time is measured.
 */
import { build } from "esbuild";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface WorkerdFigures {
  /** In-Worker time per decision, from N decisions in one request (Date.now around timer ticks). */
  singleUsPerDecision: number;
  batchUsPerDecision: number;
  decisionsPerRequest: number;
  /** Client-side wall time of a request that decides one W2 request (median, ms), HTTP included. */
  wallMsOneDecision: number;
  counts: Record<string, number>;
  memoryBytes: number;
}

export async function runWorkerd(root: string, log: (s: string) => void): Promise<WorkerdFigures> {
  const dir = join(root, "bench/.out/workerd");
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(root, "build/engine.wasm"), join(dir, "engine.wasm"));
  await build({
    entryPoints: [join(root, "bench/workerd/worker.ts")],
    outfile: join(dir, "worker.js"),
    bundle: true, format: "esm", platform: "neutral", target: "es2022",
    conditions: ["workerd", "worker", "browser"], mainFields: ["module", "main"], logLevel: "warning",
    plugins: [{
      name: "wasm-module",
      setup(b) {
        b.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./engine.wasm", external: true }));
      },
    }],
  });
  writeFileSync(join(dir, "wrangler.json"), JSON.stringify({
    name: "iam-edge-bench", main: "worker.js", compatibility_date: "2025-01-01", no_bundle: true,
    rules: [{ type: "CompiledWasm", globs: ["**/*.wasm"], fallthrough: true }],
  }, null, 2));
  const port = 8790 + Math.floor(Math.random() * 200);
  const child = spawn(join(root, "node_modules/.bin/wrangler"), ["dev", "--ip", "127.0.0.1", "--port", String(port), "--config", join(dir, "wrangler.json"), "--log-level", "warn"], {
    cwd: dir,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}/`;
  const get = async (q: string) => {
    const r = await fetch(base + q);
    if (!r.ok) throw new Error(`workerd: HTTP ${r.status}: ${await r.text()}`);
    return r.json() as Promise<{ ms: number; n: number; counts: Record<string, number>; memoryBytes: number }>;
  };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await get("?n=1");
        break;
      } catch (err) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`wrangler dev did not start: ${output.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    log("workerd: ready");
    const N = 100_000;
    // Warm-up, then the median of 5 requests of N decisions each, per mode.
    const per = async (mode: string) => {
      await get(`?n=${N}&mode=${mode}`);
      const ms: number[] = [];
      let last!: Awaited<ReturnType<typeof get>>;
      for (let i = 0; i < 5; i++) { last = await get(`?n=${N}&mode=${mode}`); ms.push(last.ms); }
      return { us: (median(ms) * 1000) / N, last };
    };
    const single = await per("single");
    const batch = await per("batch");
    const walls: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await get("?n=1");
      walls.push(performance.now() - t);
    }
    return {
      singleUsPerDecision: single.us, batchUsPerDecision: batch.us, decisionsPerRequest: N,
      wallMsOneDecision: median(walls), counts: single.last.counts, memoryBytes: batch.last.memoryBytes,
    };
  } finally {
    try { process.kill(-child.pid!, "SIGTERM"); } catch { /* gone */ }
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
