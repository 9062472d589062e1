/**
 * `node bench/run.mjs core.ts [W2]`: the Wasm core alone. Every request of the workload is
 * written into Wasm memory first (as the binding does, with the per-action statement selection
 * of a linked set); then `authorize` is timed per request and `authorizeBatch` over all of
 * them: ns per decision, median of 9 runs. Set `WASM=` to time another build, `SELECT=0` to
 * send every statement (no selection).
 */
import { readFileSync } from "node:fs";
import { workload } from "./workloads.ts";
import { writeRequest, flattenHandles, type Scratch } from "../js/engine/request.ts";
import { readRequest, RequestFields } from "../js/engine/request-fields.ts";
import { KeyTable } from "../js/engine/keys.ts";
import { encodePolicy } from "../js/policy/encode.ts";
import { validatePolicy } from "../js/policy/validate.ts";
import { ActionFilter, normalizeAction } from "../js/engine/action-filter.ts";

interface Core {
  memory: WebAssembly.Memory;
  alloc(size: number): number;
  checkImage(ptr: number, size: number): number;
  reserveKeys(count: number): void;
  authorize(scratch: number): void;
  authorizeBatch(table: number, count: number, out: number): void;
}

const w = workload(process.argv[2] ?? "W2");
const select = process.env.SELECT !== "0";
const bytes = readFileSync(process.env.WASM ?? new URL("../../build/engine.wasm", import.meta.url));
const core = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Core;
const keys = new KeyTable();
const filters = new Map<number, ActionFilter>();
const handles = w.policies.identity.map((doc) => {
  const policy = validatePolicy(doc, { kind: "identity", maxSize: w.maxSize }).policy!;
  const image = encodePolicy(policy, "identity", keys);
  const at = core.alloc(image.length);
  new Uint8Array(core.memory.buffer).set(image, at);
  if (core.checkImage(at, image.length) !== 1) throw new Error("image rejected");
  filters.set(at, new ActionFilter(policy.statements));
  return at;
});
core.reserveKeys(Math.max(64, keys.size));

const empty = { boundary: 0, session: [], resource: 0, scp: [], rcp: [] };
const all = flattenHandles({ identity: handles, ...empty });
const byAction = new Map<string, Uint32Array>();
function wordsFor(action: string): Uint32Array {
  if (!select) return all;
  let words = byAction.get(action);
  if (!words) {
    const text = normalizeAction(action);
    const picked = handles.filter((h) => filters.get(h)!.select(text).length > 0);
    words = flattenHandles({ identity: picked, ...empty }, (h) => filters.get(h)!.select(text));
    byAction.set(action, words);
  }
  return words;
}

// Every request laid end to end in one region, as a batch does.
const region = core.alloc(w.requests.length * 1024);
let next = region;
const scratch: Scratch = {
  reserve: () => next,
  u8: () => new Uint8Array(core.memory.buffer),
  u32: () => new Uint32Array(core.memory.buffer),
  origin: () => region,
  memo: { set: null, setAt: 0, principal: null, principalAt: 0 },
  chunk: 0,
};
const addresses: number[] = [];
const fields = new RequestFields();
for (const request of w.requests) {
  addresses.push(next);
  readRequest(request, fields, keys);
  next = (writeRequest(fields, wordsFor(request.action), scratch) + 7) & ~7;
}
const table = core.alloc(addresses.length * 8);
new Uint32Array(core.memory.buffer).set(addresses, table >>> 2);

function time(name: string, f: () => void): void {
  const runs: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    for (let i = 0; i < 20; i++) f();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${name.padEnd(15)} ${((runs[4] / (20 * addresses.length)) * 1e6).toFixed(1)} ns`);
}
time("core authorize", () => { for (const a of addresses) core.authorize(a); });
time("core batch", () => core.authorizeBatch(table, addresses.length, table + addresses.length * 4));
