/**
 * A Worker that decides W2 requests with iam-edge, loading the wasm the Worker way. Run under
 * `wrangler dev` by bench/workerd.ts (which bundles it with the .wasm import kept as a module). GET /?n=N&mode=single|batch decides N W2 requests (the
 * same seeded requests as the Node run) and reports the decisions and its own timing (see
 * bench/README.md for why the clock inside a Worker needs an I/O tick to move).
 */
import wasm from "./engine.wasm";
import { createEngine, type Engine, type PolicyBundle } from "../../js/entries/engine-workerd.ts";
import { SEED, w2 } from "../shapes.ts";

const workload = w2(SEED + 2, 10_000);
let ready: Promise<{ engine: Engine; set: PolicyBundle }> | undefined;

async function setup() {
  const engine = await createEngine(wasm);
  // Compiled and linked once per isolate, as the Node run does (bench/engines/iam-edge.ts).
  const set = engine.link({ identity: workload.policies.identity.map((d, i) => engine.compile(d, { kind: "identity", id: `W2-${i}` })) });
  return { engine, set };
}

/** Lets the clock move: Workers only advance Date.now() across I/O, and a timer is I/O. */
const tick = () => new Promise((r) => setTimeout(r, 0));

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const n = Math.min(Number(url.searchParams.get("n") ?? "1"), 1_000_000);
    const mode = url.searchParams.get("mode") ?? "single";
    const { engine, set } = await (ready ??= setup());
    await tick();
    const t0 = Date.now();
    const counts = { Allow: 0, ExplicitDeny: 0, ImplicitDeny: 0 };
    const reqs = workload.requests;
    if (mode === "batch") {
      for (let done = 0; done < n; ) {
        const chunk = reqs.slice(0, Math.min(reqs.length, n - done));
        for (const d of engine.authorizeBatch(chunk, set)) counts[d]++;
        done += chunk.length;
      }
    } else {
      for (let i = 0; i < n; i++) counts[engine.authorize(reqs[i % reqs.length], set).decision]++;
    }
    await tick();
    const t1 = Date.now();
    return Response.json({ n, mode, ms: t1 - t0, counts, memoryBytes: engine.memoryBytes });
  },
};
