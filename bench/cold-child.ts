/**
 * @module bench/cold-child
 * One cold start in a fresh process, in laps: import the package by name (`iam-edge/engine` or
 * `iam-edge`, the built dist/ through the package's `exports`), `createEngine()` (reads and
 * compiles the packaged engine.wasm), compile W2's ten identity policies, decide the first
 * request the README's way (`authorize(request, { identity: [...] })`, no `link`). The
 * workload is generated before the clock starts; Node's own start is excluded. Prints one JSON
 * line of milliseconds. bench/cold-start.ts runs it several times and takes the medians.
 * An optional third argument (`start`, `import`, `create`, `compile` or `decide`) exits before the
 * import (`start`) or after that lap, so that
 * instruction counts (valgrind --tool=cachegrind) of each lap are differences of whole runs.
 */
import { w2, SEED } from "./shapes.ts";

const entry = process.argv[2] === "iam-edge" ? "iam-edge" : "iam-edge/engine";
const stopAfter = process.argv[3];
const w = w2(SEED + 2, 1);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
if (stopAfter === "start") process.exit(0);
// A computed specifier, so esbuild leaves the import to Node (the package as it ships).
const pkg = (await import(entry)) as typeof import("iam-edge/engine");
const t1 = performance.now();
if (stopAfter === "import") process.exit(0);
const engine = await pkg.createEngine();
const t2 = performance.now();
if (stopAfter === "create") process.exit(0);
const identity = w.policies.identity.map((d, i) => engine.compile(d, { kind: "identity", id: `p${i}` }));
const t3 = performance.now();
if (stopAfter === "compile") process.exit(0);
const decision = engine.authorize(w.requests[0], { identity }).decision;
const t4 = performance.now();
// CPU time of the same span (every thread of the process): less disturbed than wall time when
// other processes share the cores.
const cpu = process.cpuUsage(cpu0);
process.stdout.write(JSON.stringify({ entry, importMs: t1 - t0, createMs: t2 - t1, compileMs: t3 - t2, firstDecisionMs: t4 - t3, totalMs: t4 - t0, cpuMs: (cpu.user + cpu.system) / 1000, decision }) + "\n");
if (stopAfter === "decide") process.exit(0);
