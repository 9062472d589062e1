/**
 * @module bench/page-workloads
 * W1-W4 for the playground's Benchmark pane: the same seeded workloads as `npm run bench`, with
 * 2,000 requests each (enough for stable figures in a page, and a smaller download), printed
 * as one JSON object `{ W1: { title, policies, requests }, ... }`. The playground's build
 * (js/playground/build.mjs) bundles and runs this and writes dist/playground/workloads.json.
 */
import { workloads } from "./workloads.ts";

const out: Record<string, { title: string; policies: unknown; requests: unknown[] }> = {};
for (const w of workloads(2_000)) out[w.id] = { title: w.title, policies: w.policies, requests: w.requests };
process.stdout.write(JSON.stringify(out));
