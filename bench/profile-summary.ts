/**
 * @module bench/profile-summary
 * `node bench/run.mjs profile-summary.ts [W2] [unlinked] [rounds]`: builds profile.ts from the
 * source (so the profile names the binding's functions), runs it under `node --cpu-prof`, and
 * prints self time by function, the top rows with their share of all samples. `WASM=` a build
 * made with `asc ... --debug` names the core's functions too (otherwise they are `wasm-function[N]`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Self time per function (name and file), in microseconds, sorted; with the total. */
export function selfTimes(profile: Profile): { total: number; rows: { name: string; us: number }[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const us = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i])!;
    const dt = profile.timeDeltas[i] ?? 0;
    const f = node.callFrame;
    const name = `${f.functionName || "(anonymous)"}${f.url ? ` ${basename(f.url)}` : ""}`;
    us.set(name, (us.get(name) ?? 0) + dt);
    total += dt;
  }
  return { total, rows: [...us].map(([name, t]) => ({ name, us: t })).sort((a, b) => b.us - a.us) };
}

if (process.argv[1]?.endsWith("profile-summary.mjs")) {
  const [id = "W2", mode = "unlinked", rounds = "60"] = process.argv.slice(2);
  const here = dirname(fileURLToPath(import.meta.url));
  const out = join(here, "profile.mjs");
  await build({
    entryPoints: [join(here, "..", "profile.ts")], bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", outfile: out, logLevel: "warning",
    alias: { "iam-edge/engine": join(here, "..", "..", "js", "entries", "engine-node.ts") },
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const dir = mkdtempSync(join(tmpdir(), "iam-edge-prof-"));
  const r = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, out, id, mode, rounds], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), "utf8")) as Profile;
  rmSync(dir, { recursive: true, force: true });
  const { total, rows } = selfTimes(profile);
  console.log(r.stdout.trim());
  console.log(`self time by function (${(total / 1000).toFixed(0)} ms sampled):`);
  const wasm = rows.filter((x) => x.name.startsWith("wasm-function")).reduce((n, x) => n + x.us, 0);
  console.log(`${((wasm / total) * 100).toFixed(1).padStart(5)}%  the Wasm core, all its functions together`);
  for (const row of rows.slice(0, 25)) console.log(`${((row.us / total) * 100).toFixed(1).padStart(5)}%  ${row.name}`);
}
