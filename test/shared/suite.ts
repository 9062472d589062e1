/**
 * @module test/shared/suite
 * The one suite every runtime runs (Node, workerd, headless Chromium): API tests, the conformance
 * corpus, and a decision matrix that must equal the one Node computed from the built package.
 * It has no Node imports and no test framework: `sharedSuite` returns named test functions and
 * each runner registers or runs them (vitest `it` in Node and workerd, a loop in the page).
 * Everything a runtime differs in comes in through `SharedContext`.
 */
import type * as IamEdge from "../../js/index.ts";
import type { Engine, CompiledPolicy, AuthorizationRequest, PolicySet } from "../../js/index.ts";
import { runCase as runCaseWith, type ConformanceCase, type EngineLike } from "../conformance/run-case.ts";
import { deepEqual, equal, ok, throws } from "./assert.ts";
import type { DecisionMatrix, SuiteInput } from "./cases.ts";

/** The package as a runtime imports it: `import * as api from "iam-edge"`. */
export type Api = Pick<typeof IamEdge, "createEngine" | "Engine" | "CompiledPolicy" | "PolicyValidationError" | "RequestError" | "EngineInternalError">;

export interface SharedContext extends SuiteInput {
  /** Where the suite runs, for messages only. */
  runtime: string;
  api: Api;
  /** The packaged engine.wasm, obtained the runtime's way (workerd: the imported module). */
  module(): Promise<WebAssembly.Module>;
  /** The raw bytes of engine.wasm, where the runtime lets JS compile bytes (not workerd). */
  bytes?(): Promise<Uint8Array>;
}

export interface SharedTest {
  name: string;
  /** The case is a known difference from AWS: the runner expects it to fail. */
  fails?: string;
  fn(): void | Promise<void>;
}

/** The corpus runner types its engine loosely (kinds as strings); ours is the real Engine. */
const runCase = (engine: Engine, c: ConformanceCase) => runCaseWith(engine as unknown as EngineLike, c);

const ACCOUNT = "111122223333";
const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const readBucket = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] },
    { Sid: "NoSecrets", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::bucket/secret/*" },
  ],
};

/** An empty Wasm module (magic + version): valid Wasm, not an iam-edge engine. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

/**
 * A module exporting `abiVersion() -> 999` plus stubs of every other export: an engine from
 * another release. Hand-assembled; sections: type, function, memory, export, code.
 */
function wrongAbiWasm(): Uint8Array {
  const names = ["abiVersion", "alloc", "free", "resultPtr", "reserveKeys", "checkImage", "authorize", "authorizeBatch"];
  const enc = new TextEncoder();
  const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
  const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
  // One type: () -> i32. Every stub has it: the check only calls abiVersion.
  const types = section(1, vec([[0x60, 0x00, 0x01, 0x7f]]));
  const funcs = section(3, vec(names.map(() => [0x00])));
  const memory = section(5, vec([[0x00, 0x01]]));
  const exports = section(7, vec([
    [...leb(6), ...enc.encode("memory"), 0x02, 0x00],
    ...names.map((n, i) => [...leb(n.length), ...enc.encode(n), 0x00, i]),
  ]));
  // Body: no locals, i32.const 999 (LEB 0xe7 0x07), end.
  const body = [0x00, 0x41, 0xe7, 0x07, 0x0b];
  const code = section(10, vec(names.map(() => [...leb(body.length), ...body])));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...types, ...funcs, ...memory, ...exports, ...code]);
}

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

export function sharedSuite(ctx: SharedContext): SharedTest[] {
  const { api } = ctx;
  let shared: Engine | undefined;
  const engine = async () => (shared ??= await ctx.api.createEngine());
  const tests: SharedTest[] = [];
  const test = (name: string, fn: () => void | Promise<void>) => tests.push({ name: `api: ${name}`, fn });

  test("the conformance corpus reached this runtime", () => {
    ok(ctx.cases.length > 0, "no conformance cases");
    ok(!ctx.reference || ctx.reference.cases.length === ctx.cases.length, "the reference covers every case");
  });

  test("createEngine() loads the packaged engine and decides with the statement that decided", async () => {
    const e = await engine();
    ok(e instanceof api.Engine, "createEngine() resolves to an Engine");
    const text = JSON.stringify(readBucket, null, 2);
    const p = e.compile(text, { kind: "identity", id: "arn:aws:iam::111122223333:policy/Readers" });
    ok(p instanceof api.CompiledPolicy, "compile returns a CompiledPolicy");
    const r = e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/a/b" }, { identity: [p] });
    equal(r.decision, "Allow", "decision");
    equal(r.reason.code, "IdentityAllow", "reason");
    equal(r.matchedStatements.length, 1, "matched statements");
    const m = r.matchedStatements[0];
    deepEqual([m.policyId, m.kind, m.statementIndex, m.sid, m.effect], ["arn:aws:iam::111122223333:policy/Readers", "identity", 0, "Read", "Allow"], "matched statement");
    ok(m.span && text.slice(m.span.start.offset, m.span.end.offset).includes('"Sid": "Read"'), "the span points at the statement");
    equal(m.span!.start.line, 4, "span line");
    p.dispose();
  });

  test("an explicit deny wins, and nothing matching is an implicit deny", async () => {
    const e = await engine();
    const p = e.compile(readBucket, { kind: "identity" });
    const deny = e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/secret/x" }, { identity: [p] });
    equal(deny.decision, "ExplicitDeny", "decision");
    deepEqual(deny.matchedStatements.map((s) => s.sid), ["NoSecrets"], "deciding statements");
    const none = e.authorize({ principal: alice, action: "ec2:RunInstances", resource: "*" }, { identity: [p] });
    equal(none.decision, "ImplicitDeny", "decision");
    equal(none.reason.code, "NoAllow", "reason");
    deepEqual(none.matchedStatements, [], "no statement decided");
    p.dispose();
  });

  test("every policy-set slot is read: boundary, session, resource, scp and rcp levels", async () => {
    const e = await engine();
    const allowAll = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] };
    const s3Only = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    const idp = e.compile(allowAll, { kind: "identity" });
    const req: AuthorizationRequest = { principal: alice, action: "ec2:RunInstances", resource: "*" };
    const decide = (set: PolicySet) => e.authorize(req, set).reason.code;
    equal(decide({ identity: [idp] }), "IdentityAllow", "identity alone");
    const boundary = e.compile(s3Only, { kind: "boundary" });
    equal(decide({ identity: [idp], boundary }), "BoundaryNoAllow", "boundary");
    const session = e.compile(s3Only, { kind: "session" });
    equal(decide({ identity: [idp], session: [session] }), "SessionNoAllow", "session");
    const scpAll = e.compile(allowAll, { kind: "scp" });
    const scpS3 = e.compile(s3Only, { kind: "scp" });
    const scp = e.authorize(req, { identity: [idp], scp: [[scpAll], [scpS3]] });
    deepEqual([scp.decision, scp.reason.code, scp.reason.level], ["ImplicitDeny", "ScpNoAllow", 1], "scp levels");
    const rcpS3 = e.compile({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*" }] }, { kind: "rcp" });
    equal(e.authorize({ ...req, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }, { identity: [idp], rcp: [[rcpS3]] }).decision, "ExplicitDeny", "rcp");
    const resource = e.compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: alice }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] }, { kind: "resource" });
    equal(e.authorize({ ...req, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }, { resource }).reason.code, "ResourceAllow", "resource");
    for (const p of [idp, boundary, session, scpAll, scpS3, rcpS3, resource]) p.dispose();
  });

  test("validate reports diagnostics with a code, a path and a span; compile throws PolicyValidationError", async () => {
    const e = await engine();
    const bad = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}';
    const diagnostics = e.validate(bad, { kind: "identity" });
    const error = diagnostics.find((d) => d.severity === "error");
    ok(error, "an error diagnostic");
    ok(typeof error.code === "string" && error.code.length > 0, "a stable code");
    ok(typeof error.path === "string", "a JSON path");
    ok(error.span && error.span.start.line === 1, "a span");
    const err = await throws(() => e.compile(bad, { kind: "identity" }), api.PolicyValidationError, "compile");
    ok(err.diagnostics.some((d) => d.code === error.code), "the error carries the diagnostics");
    deepEqual(e.validate(readBucket, { kind: "identity" }).filter((d) => d.severity === "error"), [], "a valid policy");
  });

  test("bad requests and policy sets raise RequestError, never a trap", async () => {
    const e = await engine();
    const p = e.compile(readBucket, { kind: "identity" });
    await throws(() => e.authorize({ principal: alice, action: 42 } as never, { identity: [p] }), api.RequestError, "action not a string");
    await throws(() => e.authorize({ principal: alice, action: "s3:GetObject" }, { identity: [{}] } as never), api.RequestError, "not a compiled policy");
    await throws(() => e.authorize({ principal: alice, action: "s3:GetObject" }, { boundary: p }), api.RequestError, "wrong slot");
    await throws(() => e.compile(readBucket, { kind: "nope" } as never), api.RequestError, "unknown kind");
    const other = await api.createEngine();
    await throws(() => other.authorize({ principal: alice, action: "s3:GetObject" }, { identity: [p] }), api.RequestError, "policy of another engine");
    equal(e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }, { identity: [p] }).decision, "Allow", "still decides");
    p.dispose();
  });

  test("dispose() and Symbol.dispose end a policy's lifetime", async () => {
    const e = await engine();
    const p = e.compile(readBucket, { kind: "identity" });
    p.dispose();
    equal(p.disposed, true, "disposed");
    p.dispose(); // idempotent
    const err = await throws(() => e.authorize({ principal: alice, action: "s3:GetObject" }, { identity: [p] }), api.RequestError, "authorize with a disposed policy");
    equal(err.code, "POLICY_DISPOSED", "code");
    if (typeof Symbol.dispose === "symbol") {
      const q = e.compile(readBucket, { kind: "identity" });
      q[Symbol.dispose]();
      equal(q.disposed, true, "disposed through Symbol.dispose");
    }
  });

  test("authorizeBatch gives the decisions authorize gives, in order", async () => {
    const e = await engine();
    if (typeof (e as { authorizeBatch?: unknown }).authorizeBatch !== "function") return;
    const p = e.compile(readBucket, { kind: "identity" });
    const requests: AuthorizationRequest[] = [];
    for (let i = 0; i < 1200; i++) {
      const resource = ["arn:aws:s3:::bucket/k", "arn:aws:s3:::bucket/secret/k", "arn:aws:s3:::other/k"][i % 3];
      requests.push({ principal: alice, action: i % 5 ? "s3:GetObject" : "ec2:RunInstances", resource, context: { "aws:SourceIp": `10.0.${i % 256}.1` } });
    }
    const batch = e.authorizeBatch(requests, { identity: [p] });
    deepEqual(batch, requests.map((r) => e.authorize(r, { identity: [p] }).decision), "decisions");
    deepEqual(e.authorizeBatch(requests.slice(0, 3), { identity: [p] }, { details: true }), requests.slice(0, 3).map((r) => e.authorize(r, { identity: [p] })), "details");
    deepEqual(e.authorizeBatch([], { identity: [p] }), [], "empty batch");
    p.dispose();
  });

  test("createEngine(source) takes a WebAssembly.Module, and a promise of one", async () => {
    const module = await ctx.module();
    const e = await api.createEngine(module);
    const p = e.compile(readBucket, { kind: "identity" });
    equal(e.authorize({ principal: alice, action: "s3:ListBucket", resource: "arn:aws:s3:::bucket" }, { identity: [p] }).decision, "Allow", "decision");
    ok((await api.createEngine(Promise.resolve(module) as never)) instanceof api.Engine, "a promise of a module");
  });

  if (ctx.bytes) {
    const bytes = ctx.bytes;
    test("createEngine(source) takes bytes, a Response (streamed or not) and a promise of a Response", async () => {
      const wasm = await bytes();
      const decide = async (e: Engine) => {
        const p = e.compile(readBucket, { kind: "identity" });
        return e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }, { identity: [p] }).decision;
      };
      equal(await decide(await api.createEngine(wasm)), "Allow", "Uint8Array");
      equal(await decide(await api.createEngine(wasm.slice().buffer)), "Allow", "ArrayBuffer");
      const streamed = () => new Response(wasm.slice(), { headers: { "content-type": "application/wasm" } });
      equal(await decide(await api.createEngine(streamed())), "Allow", "Response (application/wasm)");
      equal(await decide(await api.createEngine(new Response(wasm.slice()))), "Allow", "Response without a wasm content type");
      equal(await decide(await api.createEngine(Promise.resolve(streamed()))), "Allow", "Promise<Response>");
      await throws(() => api.createEngine(new Response("missing", { status: 404 })), api.EngineInternalError, "HTTP 404");
      await throws(() => api.createEngine("engine.wasm" as never), api.EngineInternalError, "a string");
    });

    test("a Wasm module that is not this engine, or speaks another ABI, fails with a clear message", async () => {
      const notEngine = await throws(() => api.createEngine(EMPTY_WASM), api.EngineInternalError, "empty module");
      ok(/not an iam-edge engine/.test(notEngine.message), `message: ${notEngine.message}`);
      const wrong = await throws(() => api.createEngine(wrongAbiWasm()), api.EngineInternalError, "ABI 999");
      ok(/ABI 999/.test(wrong.message) && /rebuild or reinstall/.test(wrong.message), `message: ${wrong.message}`);
    });
  }

  test("Wasm memory stays flat over compile/dispose cycles and repeated decisions", async () => {
    const e = await api.createEngine(await ctx.module());
    const req: AuthorizationRequest = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k", context: { "aws:SourceIp": "203.0.113.5" } };
    for (let i = 0; i < 100; i++) e.compile(readBucket, { kind: "identity" }).dispose();
    const p = e.compile(readBucket, { kind: "identity" });
    e.authorize(req, { identity: [p] });
    const before = e.memoryBytes;
    for (let i = 0; i < 1000; i++) e.compile(readBucket, { kind: "identity" }).dispose();
    for (let i = 0; i < 20_000; i++) e.authorize(req, { identity: [p] });
    equal(e.memoryBytes, before, "memory bytes");
  });

  for (const c of ctx.cases) {
    const reason = ctx.knownDifferences[c.name];
    tests.push({
      name: `conformance: ${c.id}`,
      fails: reason,
      fn: async () => {
        const r = runCase(await engine(), c);
        ok(r.ok, `${r.message}\n  doc: ${c.doc}\n  actual: ${JSON.stringify(r.actual)}`);
      },
    });
  }

  tests.push({
    name: `decisions: the same as Node's for every case and ${GENERATED} generated requests`,
    fn: async () => {
      const matrix = decisionMatrix(await api.createEngine(await ctx.module()), ctx.cases);
      if (!ctx.reference) return; // Node itself: the reference is computed from this runtime
      equal(matrix.cases.length, ctx.reference.cases.length, "number of cases");
      for (let i = 0; i < matrix.cases.length; i++) deepEqual(matrix.cases[i], ctx.reference.cases[i], `case ${matrix.cases[i][0]}`);
      equal(matrix.generated, ctx.reference.generated, "generated decisions");
    },
  });
  return tests;
}

const GENERATED = 2000;

/**
 * What an engine answers for every case (via runCase) and for a fixed pseudo-random set of
 * requests against a policy set using every slot. Equal matrices mean equal decisions.
 */
export function decisionMatrix(engine: Engine, cases: ConformanceCase[]): DecisionMatrix {
  const out: DecisionMatrix = { cases: [], generated: "" };
  for (const c of cases) {
    let actual: unknown;
    try {
      actual = runCase(engine, c).actual;
    } catch (err) {
      actual = { threw: err instanceof Error ? err.name : String(err) };
    }
    out.cases.push([c.id ?? c.name, actual]);
  }
  const compile = (doc: unknown, kind: "identity" | "boundary" | "scp" | "resource"): CompiledPolicy => engine.compile(doc, { kind });
  const identity = compile({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:Get*", "s3:List*", "dynamodb:*"], Resource: "*" },
      { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::bucket/secret/*" },
      { Effect: "Allow", Action: "ec2:*", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/16" } } },
      { Effect: "Deny", Action: "*", Resource: "*", Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } } },
    ],
  }, "identity");
  const boundary = compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", NotAction: "dynamodb:DeleteTable", Resource: "*" }] }, "boundary");
  const scp = compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "ec2:TerminateInstances", Resource: "*", Condition: { StringNotEquals: { "aws:PrincipalTag/team": "ops" } } }] }, "scp");
  const resource = compile({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::444455556666:root` }, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/*" }] }, "resource");
  const set: PolicySet = { identity: [identity], boundary, scp: [[scp]], resource };
  const actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:RunInstances", "ec2:TerminateInstances", "dynamodb:DeleteTable", "dynamodb:Query", "iam:CreateUser"];
  const resources = ["arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/secret/b", "arn:aws:s3:::other/c", "*", "arn:aws:dynamodb:us-east-1:111122223333:table/t"];
  const principals = [alice, "arn:aws:iam::444455556666:user/bob", `arn:aws:sts::${ACCOUNT}:assumed-role/ops/s`];
  let seed = 0x9e3779b9;
  const next = (n: number) => {
    // mulberry32: the same sequence in every runtime.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
  const requests: AuthorizationRequest[] = [];
  for (let i = 0; i < GENERATED; i++) {
    const context: Record<string, string | boolean> = {};
    if (next(2)) context["aws:SourceIp"] = `10.${next(2)}.${next(256)}.${next(256)}`;
    if (next(3)) context["aws:MultiFactorAuthPresent"] = next(3) > 0;
    if (next(2)) context["aws:PrincipalTag/team"] = ["ops", "dev"][next(2)];
    requests.push({ principal: principals[next(principals.length)], action: actions[next(actions.length)], resource: resources[next(resources.length)], context });
  }
  const letter = { Allow: "A", ExplicitDeny: "E", ImplicitDeny: "I" } as const;
  const decisions = typeof engine.authorizeBatch === "function" ? engine.authorizeBatch(requests, set) : requests.map((r) => engine.authorize(r, set).decision);
  out.generated = decisions.map((d) => letter[d]).join("");
  for (const p of [identity, boundary, scp, resource]) p.dispose();
  return out;
}
