/**
 * `node bench/run.mjs matching-worst-case.ts [--quick]`: the CPU time of one decision on hostile
 * wildcard patterns at the largest sizes the engine accepts (docs/matching.md, "Worst case";
 * the sizes are docs/limits.md's: a resource of 2,048 characters, context values of 4,096, at
 * most 262,144 characters in a request; policies within their kind's size quota, 20,480
 * characters for a resource policy). Each shape is a family the two-pointer matcher was
 * quadratic on, or the linear matcher's own worst case (a long segment with `?` between two
 * `*`s, against many long values). Prints each shape's median and largest CPU time per decision
 * over the repeats, and the largest of all. Runs the binding from source (js/) on
 * build/engine.wasm (`npm run build:wasm` first; `WASM=` times another build).
 */
import { readFileSync } from "node:fs";
import { createEngine } from "iam-edge/engine";

const RESOURCE_MAX = 2048;
const VALUE_MAX = 4096;
const REQUEST_MAX = 262_144;
const RESOURCE_POLICY_MAX = 20_480;
const PRINCIPAL = "arn:aws:iam::111122223333:user/alice";
const REPEATS = process.argv.includes("--quick") ? 3 : 9;

type Doc = Record<string, unknown>;
interface Shape {
  name: string;
  /** A resource policy (Principal `*`), the largest kind. */
  policy: Doc;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** As many copies of `item` as fit in a resource policy next to `overhead` characters. */
function fill(item: string, overhead = 200): string[] {
  return Array.from({ length: Math.floor((RESOURCE_POLICY_MAX - overhead) / (item.length + 3)) }, () => item);
}

/** The longest values of `char` the request limits allow: 64 values of 4,096. */
function longValues(char: string): string[] {
  return Array.from({ length: Math.floor(REQUEST_MAX / VALUE_MAX) - 1 }, () => char.repeat(VALUE_MAX));
}

function statement(extra: Doc): Doc {
  return { Version: "2012-10-17", Statement: { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", ...extra } };
}

/**
 * A `*…*` pattern whose middle segment `x?x?…xb` has 64 atoms (bytes) fewer than a 4,096-character
 * value of `x` has bytes: the linear matcher's costliest length (its Shift-And reads
 * ceil(atoms / 64) words a byte, and the 65 places left are as much work to try one by one).
 */
function middleSegment(char: string): string {
  const bytesPerChar = new TextEncoder().encode(char).length;
  const pairs = Math.floor((VALUE_MAX * bytesPerChar - 64) / (bytesPerChar + 1));
  return "*" + (char + "?").repeat(pairs) + "b*";
}

const aResource = "arn:aws:s3:::" + "a".repeat(RESOURCE_MAX - 13);
const shapes: Shape[] = [
  {
    name: "issue 13: Resource `arn:aws:s3:::*` + a x 1,000 + `?`",
    policy: statement({ Resource: "arn:aws:s3:::*" + "a".repeat(1000) + "?" }),
    resource: aResource,
  },
  {
    name: "Resource list: `arn:aws:s3:::*a?b` as often as the quota allows",
    policy: statement({ Resource: fill("arn:aws:s3:::*a?b") }),
    resource: aResource,
  },
  {
    name: "issue 13: StringLike `*` + a x 2,000 + `?`, one 4,096-character value",
    policy: statement({ Condition: { StringLike: { "aws:userid": "*" + "a".repeat(2000) + "?" } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:userid": "a".repeat(VALUE_MAX) },
  },
  {
    name: "ForAnyValue:StringLike `*a?b*` x quota, 64 values of 4,096 `a`",
    policy: statement({ Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": fill("*a?b*") } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:TagKeys": longValues("a") },
  },
  {
    name: "ForAnyValue:StringLike `*` + `a?` x 2,016 + `b*` x 2, 64 values of 4,096 `a`",
    policy: statement({ Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": [middleSegment("a"), middleSegment("a")] } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:TagKeys": longValues("a") },
  },
  {
    name: "ForAnyValue:StringLike `*` + `a?` x 1,024 + `b*` x 4, 64 values of 4,096 `a`",
    policy: statement({ Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": fill("*" + "a?".repeat(1024) + "b*") } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:TagKeys": longValues("a") },
  },
  {
    name: "ForAnyValue:StringLike `*` + `中?` x 3,056 + `b*` x 3, 64 values of 4,096 `中`",
    policy: statement({ Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": [middleSegment("中"), middleSegment("中"), middleSegment("中")] } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:TagKeys": longValues("中") },
  },
  {
    name: "ForAnyValue:StringLike `*` + a x 3,000 + `b*` (KMP) x 6, 64 values of 4,096 `a`",
    policy: statement({ Condition: { "ForAnyValue:StringLike": { "aws:TagKeys": fill("*" + "a".repeat(3000) + "b*") } } }),
    resource: "arn:aws:s3:::b/k",
    context: { "aws:TagKeys": longValues("a") },
  },
];

const engine = await createEngine(readFileSync(process.env.WASM ?? new URL("../../build/engine.wasm", import.meta.url)));
const cpuMs = (f: () => void): number => {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let worst = { ms: 0, name: "" };
console.log(`${"shape".padEnd(84)} ${"decision".padEnd(13)} ${"median ms".padStart(10)} ${"max ms".padStart(9)}`);
for (const shape of shapes) {
  const policy = engine.compile(shape.policy, { kind: "resource" });
  const request = { principal: PRINCIPAL, action: "s3:GetObject", resource: shape.resource, context: shape.context };
  let decision = "";
  const decide = () => { decision = engine.authorize(request, { resource: policy }).decision; };
  decide(); // warm-up: the JIT, the binding's key table, the scratch buffers
  const runs = Array.from({ length: REPEATS }, () => cpuMs(decide));
  const max = Math.max(...runs);
  if (max > worst.ms) worst = { ms: max, name: shape.name };
  console.log(`${shape.name.padEnd(84)} ${decision.padEnd(13)} ${median(runs).toFixed(2).padStart(10)} ${max.toFixed(2).padStart(9)}`);
  policy.dispose();
}
console.log(`\nworst decision: ${worst.ms.toFixed(2)} ms CPU (${worst.name}); Node ${process.version}`);
