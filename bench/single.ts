/**
 * `node bench/run.mjs single.ts [W2]`: the per-call costs of iam-edge's API on one workload,
 * median of 9 runs, in ns per decision: `authorize` per request, `authorizeBatch` over all,
 * `authorizeBatch` of one request at a time, `explain`, and `authorize` with a plain set: the
 * same members each call (the set cache's hit, js/engine/set-cache.ts), a set never seen
 * before each call (`new set`: the first call on a set, in the steady state: sets of the
 * workload's policies compiled three times over, drawn at random), and 500+ subsets passed in
 * turn (`sets in turn`: more than the cache keeps, so some are decided linked and the others
 * unlinked). For tuning the binding (what a
 * single call costs over a batch); the figures users compare are `npm run bench`'s.
 */
import { readFileSync } from "node:fs";
import { workload } from "./workloads.ts";
import { createEngine } from "iam-edge/engine";

const w = workload(process.argv[2] ?? "W2");
const engine = await createEngine(readFileSync(new URL("../../build/engine.wasm", import.meta.url)));
const identity = w.policies.identity.map((d, i) => engine.compile(d, { kind: "identity", id: `p${i}` }));
const bundle = engine.link({ identity });
// Subsets of at least half the policies (or the whole set, repeated, when there are few): as
// many distinct sets as there are.
const subsets: (typeof identity)[] = [];
for (let mask = 1; mask < 1 << Math.min(identity.length, 12); mask++) {
  const members = identity.filter((_, i) => mask & (1 << i));
  if (members.length * 2 >= identity.length) subsets.push(members);
}
const reqs = w.requests;

function time(name: string, f: () => void, decisions: number): void {
  const runs: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    f();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(14)} ${((runs[4] / decisions) * 1e6).toFixed(0)} ns`);
}

const one = [reqs[0]];
time("authorize", () => { for (let i = 0; i < 10; i++) for (const q of reqs) engine.authorize(q, bundle); }, 10 * reqs.length);
time("batch", () => { for (let i = 0; i < 10; i++) engine.authorizeBatch(reqs, bundle); }, 10 * reqs.length);
time("batch-of-1", () => { for (let i = 0; i < 10; i++) for (const q of reqs) { one[0] = q; engine.authorizeBatch(one, bundle); } }, 10 * reqs.length);
time("unlinked", () => { for (let i = 0; i < 10; i++) for (const q of reqs) engine.authorize(q, { identity }); }, 10 * reqs.length);
if (subsets.length > 300 && identity.length <= 64) {
  // First calls: every call on a set this engine was never passed, in the steady state (50,000
  // of them, so the code is warm). The sets hold half to all as many policies as the workload,
  // drawn from its policies compiled three times over (the same documents, other ids), in any
  // order: practically never the same set twice.
  const copies = [...identity, ...[1, 2].flatMap((c) => w.policies.identity.map((d, i) => engine.compile(d, { kind: "identity", id: `p${c}-${i}` })))];
  let seed = 0x5e7;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const fresh = Array.from({ length: 50_000 }, () => {
    const pool = copies.slice();
    const size = Math.ceil(identity.length / 2) + Math.floor(random() * (identity.length / 2 + 1));
    return Array.from({ length: size }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]);
  });
  let next = 0;
  time("new set", () => {
    for (let i = 0; i < 5000; i++, next++) engine.authorize(reqs[next % reqs.length], { identity: fresh[next] });
  }, 5000);
  // More sets than the cache keeps, passed in turn: some decided linked, the others unlinked.
  time("sets in turn", () => { for (let i = 0; i < reqs.length; i++) engine.authorize(reqs[i], { identity: subsets[i % subsets.length] }); }, reqs.length);
}
time("explain", () => { for (const q of reqs.slice(0, 2000)) engine.explain(q, bundle); }, 2000);
