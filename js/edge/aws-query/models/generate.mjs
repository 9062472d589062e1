#!/usr/bin/env node
/**
 * @module edge/aws-query/models/generate
 * Writes iam.ts, sts.ts and cloudtrail.ts beside this file: the awsQuery shapes of every operation of AWS's
 * IAM and STS models, read from the installed v3 SDK clients (`@aws-sdk/client-iam`,
 * `@aws-sdk/client-sts`, devDependencies pinned in package.json), so the wire layer parses
 * requests and writes responses exactly as the AWS model says, without the SDK at run time.
 *
 *   node js/edge/aws-query/models/generate.mjs          # writes the files
 *   node js/edge/aws-query/models/generate.mjs --check  # exits 1 when a file is stale
 *
 * The SDK's schemas (@smithy/core/schema) are walked with NormalizedSchema. What is kept per
 * shape: structures (member names in order, and how many leading members are required), lists,
 * maps, and the scalar kinds the protocol serializes differently (string, number, boolean,
 * timestamp, blob). Errors: the awsQueryError code and HTTP status of each error shape.
 * CloudTrail (JSON 1.1, `@aws-sdk/client-cloudtrail`): only its operation names and errors.
 */
import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { NormalizedSchema } = require("@smithy/core/schema");

const SERVICES = [
  { file: "iam.ts", name: "IAM_MODEL", pkg: "@aws-sdk/client-iam", load: () => require("@aws-sdk/client-iam"), meta: () => require("@aws-sdk/client-iam/package.json"), service: "iam", version: "2010-05-08", namespace: "https://iam.amazonaws.com/doc/2010-05-08/" },
  { file: "sts.ts", name: "STS_MODEL", pkg: "@aws-sdk/client-sts", load: () => require("@aws-sdk/client-sts"), meta: () => require("@aws-sdk/client-sts/package.json"), service: "sts", version: "2011-06-15", namespace: "https://sts.amazonaws.com/doc/2011-06-15/" },
];

/** A shape reference: a scalar letter, or the index of a list, map or structure. */
function builder() {
  const shapes = [];
  const index = new Map();
  function ref(ns) {
    if (ns.isUnitSchema()) return -1;
    if (ns.isListSchema()) return add(`L:${key(ns)}`, () => ["L", ref(ns.getValueSchema())]);
    if (ns.isMapSchema()) return add(`M:${key(ns)}`, () => ["M", ref(ns.getKeySchema()), ref(ns.getValueSchema())]);
    if (ns.isStructSchema()) {
      return add(`S:${ns.getName(true) ?? ns.getName()}`, () => {
        const raw = ns.getSchema();
        const required = Array.isArray(raw) && typeof raw[6] === "number" ? raw[6] : 0;
        return ["S", ns.getName(), [...ns.structIterator()].map(([name, m]) => [name, ref(m)]), required];
      });
    }
    if (ns.isTimestampSchema()) return "t";
    if (ns.isBooleanSchema()) return "b";
    if (ns.isNumericSchema() || ns.isBigIntegerSchema() || ns.isBigDecimalSchema()) return "n";
    if (ns.isBlobSchema()) return "B";
    if (ns.isStringSchema()) return "s";
    throw new Error(`unsupported schema ${ns.getName()}`);
  }
  function key(ns) {
    return JSON.stringify(describe(ns));
  }
  function describe(ns) {
    if (ns.isListSchema()) return ["L", describe(ns.getValueSchema())];
    if (ns.isMapSchema()) return ["M", describe(ns.getKeySchema()), describe(ns.getValueSchema())];
    if (ns.isStructSchema()) return ns.getName(true) ?? ns.getName();
    return ns.isTimestampSchema() ? "t" : ns.isBooleanSchema() ? "b" : ns.isNumericSchema() ? "n" : ns.isBlobSchema() ? "B" : "s";
  }
  function add(k, make) {
    if (index.has(k)) return index.get(k);
    const i = shapes.length;
    index.set(k, i);
    shapes.push(null);
    shapes[i] = make();
    return i;
  }
  return { shapes, ref };
}

function model(spec) {
  const sdk = spec.load();
  const version = spec.meta().version;
  const { shapes, ref } = builder();
  const names = Object.keys(sdk).filter((k) => k.endsWith("Command") && k !== "$Command").map((k) => k.slice(0, -"Command".length)).sort();
  const operations = {};
  for (const name of names) {
    const op = sdk[`${name}$`];
    if (!Array.isArray(op) || op[0] !== 9) throw new Error(`${spec.pkg}: no operation schema for ${name}`);
    operations[name] = [ref(NormalizedSchema.of(op[4])), ref(NormalizedSchema.of(op[5]))];
  }
  const errors = {};
  for (const [k, v] of Object.entries(sdk)) {
    if (!k.endsWith("$") || !Array.isArray(v) || v[0] !== -3) continue;
    const traits = v[3] ?? {};
    // The client's base class (IAMServiceException) is a shape of the SDK, not an error of the service.
    if (!traits.awsQueryError && /ServiceException$/.test(v[2])) continue;
    const [code, status] = traits.awsQueryError ?? [v[2].replace(/Exception$/, ""), traits.httpError ?? 400];
    errors[code] = [status, traits.error === "server" ? "Receiver" : "Sender"];
  }
  return { version, shapes, operations, errors: Object.fromEntries(Object.entries(errors).sort(([a], [b]) => a.localeCompare(b))) };
}

function render(spec) {
  const m = model(spec);
  const ops = Object.entries(m.operations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`).join("\n");
  const shapes = m.shapes.map((s, i) => `    /* ${i} */ ${JSON.stringify(s)},`).join("\n");
  const errors = Object.entries(m.errors).map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`).join("\n");
  return `/**
 * @module edge/aws-query/models/${spec.service}
 * GENERATED by generate.mjs from ${spec.pkg} ${m.version}: do not edit. The awsQuery shapes of
 * every ${spec.service.toUpperCase()} operation (input, output), and the code, HTTP status and fault of each error.
 */
import type { QueryModel } from "../shapes.ts";

export const ${spec.name}: QueryModel = {
  service: ${JSON.stringify(spec.service)},
  version: ${JSON.stringify(spec.version)},
  namespace: ${JSON.stringify(spec.namespace)},
  source: ${JSON.stringify(`${spec.pkg}@${m.version}`)},
  operations: {
${ops}
  },
  shapes: [
${shapes}
  ],
  errors: {
${errors}
  },
};
`;
}

/** CloudTrail (JSON 1.1): its operation names, and each error's HTTP status and awsQueryError code. */
function renderJson() {
  const pkg = "@aws-sdk/client-cloudtrail";
  const sdk = require("@aws-sdk/client-cloudtrail");
  const version = require("@aws-sdk/client-cloudtrail/package.json").version;
  const names = Object.keys(sdk).filter((k) => k.endsWith("Command") && k !== "$Command").map((k) => k.slice(0, -"Command".length)).sort();
  const errors = [];
  for (const [k, v] of Object.entries(sdk)) {
    if (!k.endsWith("$") || !Array.isArray(v) || v[0] !== -3) continue;
    const traits = v[3] ?? {};
    if (!traits.awsQueryError && /ServiceException$/.test(v[2])) continue;
    const [code, status] = traits.awsQueryError ?? [v[2], traits.httpError ?? 400];
    errors.push([v[2], [status, code, traits.error === "server" ? "Receiver" : "Sender"]]);
  }
  errors.sort(([a], [b]) => a.localeCompare(b));
  return `/**
 * @module edge/aws-query/models/cloudtrail
 * GENERATED by generate.mjs from ${pkg} ${version}: do not edit. CloudTrail's operations (JSON 1.1,
 * \`X-Amz-Target: CloudTrail_20131101.<name>\`) and each error's HTTP status, query-compatible code and fault.
 */
export const CLOUDTRAIL_MODEL = {
  service: "cloudtrail",
  targetPrefix: "CloudTrail_20131101",
  source: ${JSON.stringify(`${pkg}@${version}`)},
  operations: ${JSON.stringify(names)} as readonly string[],
  errors: {
${errors.map(([k, v]) => `    ${k}: ${JSON.stringify(v)},`).join("\n")}
  } as Readonly<Record<string, readonly [number, string, "Sender" | "Receiver"]>>,
};
`;
}

const check = process.argv.includes("--check");
let stale = 0;
const outputs = [...SERVICES.map((spec) => ({ file: spec.file, text: () => render(spec) })), { file: "cloudtrail.ts", text: renderJson }];
for (const spec of outputs) {
  const path = fileURLToPath(new URL(spec.file, import.meta.url));
  const text = spec.text();
  if (check) {
    let old = "";
    try { old = readFileSync(path, "utf8"); } catch {}
    if (old !== text) { console.error(`${spec.file} is stale: run node js/edge/aws-query/models/generate.mjs`); stale++; }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${spec.file} (${text.length} bytes)`);
  }
}
process.exit(stale ? 1 : 0);
