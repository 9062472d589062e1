/**
 * The public API of the binding: compile, validate, authorize, dispose, typed errors for bad
 * input, ABI check at load, and Wasm memory that stays flat under compile/dispose churn.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createEngine, Engine, PolicyValidationError, RequestError, EngineInternalError } from "../../js/index.ts";
import * as abi from "../../js/engine/abi.ts";
import { REASONS } from "../../js/engine/reasons.ts";
import { ENGINE_INTERNAL_ERROR_CODES, POLICY_VALIDATION_ERROR_CODES, REQUEST_ERROR_CODES } from "../../js/engine/errors.ts";

const ACCOUNT = "111122223333";
const alice = `arn:aws:iam::${ACCOUNT}:user/alice`;
const readBucket = {
  Version: "2012-10-17",
  Statement: [
    { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"] },
    { Sid: "NoSecrets", Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::bucket/secret/*" },
  ],
};

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

describe("compile and authorize", () => {
  it("allows with the statement that decided, pointing into the text", () => {
    const text = JSON.stringify(readBucket, null, 2);
    const p = engine.compile(text, { kind: "identity", id: "arn:aws:iam::111122223333:policy/Readers" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/a/b" }, { identity: [p] });
    expect(r.decision).toBe("Allow");
    expect(r.matchedStatements).toHaveLength(1);
    const m = r.matchedStatements[0];
    expect(m).toMatchObject({ policyId: "arn:aws:iam::111122223333:policy/Readers", kind: "identity", statementIndex: 0, sid: "Read", effect: "Allow" });
    expect(text.slice(m.span!.start.offset, m.span!.end.offset)).toContain('"Sid": "Read"');
    expect(m.span!.start.line).toBe(4);
    p.dispose();
  });

  it("reports an explicit deny with only the deny statement", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/secret/x" }, { identity: [p] });
    expect(r.decision).toBe("ExplicitDeny");
    expect(r.matchedStatements.map((s) => s.sid)).toEqual(["NoSecrets"]);
    expect(r.reason.code).toBe("ExplicitDeny");
    p.dispose();
  });

  it("denies implicitly when nothing allows", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:PutObject", resource: "arn:aws:s3:::bucket/a" }, { identity: [p] });
    expect(r).toMatchObject({ decision: "ImplicitDeny", matchedStatements: [], reason: { code: "NoAllow" } });
    p.dispose();
  });

  it("accepts URL-encoded policy text as the IAM API returns it", () => {
    const p = engine.compile(encodeURIComponent(JSON.stringify(readBucket)), { kind: "identity" });
    expect(engine.authorize({ principal: alice, action: "s3:ListBucket", resource: "arn:aws:s3:::bucket" }, { identity: [p] }).decision).toBe("Allow");
    p.dispose();
  });

  it("reports missing context keys of matching statements", () => {
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } } }, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { identity: [p] });
    expect(r.decision).toBe("ImplicitDeny");
    expect(r.missingContextValues).toEqual(["aws:MultiFactorAuthPresent"]);
    const ok = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k", context: { "aws:multifactorauthpresent": true } }, { identity: [p] });
    expect(ok).toMatchObject({ decision: "Allow", missingContextValues: [] });
    p.dispose();
  });

  it("reports the keys of unresolved policy variables as missing", () => {
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" } }, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/x" }, { identity: [p] });
    expect(r).toMatchObject({ decision: "ImplicitDeny", missingContextValues: ["aws:username"] });
    const ok = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/x", context: { "aws:username": "alice" } }, { identity: [p] });
    expect(ok).toMatchObject({ decision: "Allow", missingContextValues: [] });
    p.dispose();
  });

  it("names the SCP level that lacked an Allow", () => {
    const allowAll = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "scp" });
    const onlyEc2 = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "ec2:*", Resource: "*" } }, { kind: "scp" });
    const id = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, { identity: [id], scp: [[allowAll], [onlyEc2]] });
    expect(r).toMatchObject({ decision: "ImplicitDeny", reason: { code: "ScpNoAllow", level: 1 } });
    for (const p of [allowAll, onlyEc2, id]) p.dispose();
  });
});

describe("bad input", () => {
  it("throws PolicyValidationError with positioned diagnostics", () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": { "Effect": "Allow", "Resource": "*" }\n}';
    let err: unknown;
    try {
      engine.compile(text, { kind: "identity" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PolicyValidationError);
    const d = (err as PolicyValidationError).diagnostics.find((x) => x.code === "MISSING_ACTION");
    expect(d).toBeDefined();
    expect(d!.path).toBe("/Statement");
    expect(d!.span?.start.line).toBe(3);
  });

  it("gives a JSON syntax error its line and column", () => {
    const diags = engine.validate('{\n  "Version": "2012-10-17",\n  "Statement": [ }\n}', { kind: "identity" });
    const d = diags.find((x) => x.code === "JSON_SYNTAX");
    expect(d?.span?.start).toMatchObject({ line: 3, column: 17 });
  });

  it("rejects an unknown kind", () => {
    expect(() => engine.compile(readBucket, { kind: "bogus" as never })).toThrow(RequestError);
  });

  it("validate answers a missing or unknown kind with a diagnostic, and throws nothing", () => {
    for (const options of [undefined, {}, { kind: "bogus" }, { kind: 7 }, null]) {
      const diagnostics = engine.validate(readBucket, options as never);
      expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "INVALID_KIND", path: "" })]);
      expect(diagnostics[0].message).toMatch(/identity/);
    }
    expect(engine.validate(readBucket, { kind: "bogus" as never })[0].message).toContain("`bogus`");
    expect(() => engine.compile(readBucket, undefined as never)).toThrow(expect.objectContaining({ code: "INVALID_KIND" }));
  });

  it("rejects malformed requests with typed errors", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const bad: [unknown, string][] = [
      [{ principal: alice, action: 42 }, "INVALID_REQUEST"],
      [{ principal: alice, action: "s3:GetObject", context: { k: { nested: true } } }, "INVALID_CONTEXT_VALUE"],
      [{ principal: alice, action: "s3:GetObject", context: "nope" }, "INVALID_REQUEST"],
      [{ principal: alice, action: "s3:" + "x".repeat(300_000) }, "REQUEST_TOO_LARGE"],
      [null, "INVALID_REQUEST"],
    ];
    for (const [req, code] of bad) {
      expect(() => engine.authorize(req as never, { identity: [p] })).toThrow(expect.objectContaining({ code }));
    }
    p.dispose();
  });

  it("rejects policies in the wrong slot, disposed policies and foreign objects", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const req = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" };
    expect(() => engine.authorize(req, { boundary: p })).toThrow(expect.objectContaining({ code: "WRONG_POLICY_KIND" }));
    expect(() => engine.authorize(req, { identity: [{} as never] })).toThrow(expect.objectContaining({ code: "INVALID_POLICY_SET" }));
    for (const bad of [null, "x", { identity: {} }, { scp: [p] }]) {
      expect(() => engine.link(bad as never)).toThrow(expect.objectContaining({ code: "INVALID_POLICY_SET" }));
      expect(() => engine.explain(req, bad as never)).toThrow(RequestError);
    }
    p.dispose();
    expect(() => engine.authorize(req, { identity: [p] })).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED" }));
  });

  it("rejects a bundle linked by another engine instead of deciding without its policies", async () => {
    const other = await createEngine();
    const p = other.compile(readBucket, { kind: "identity" });
    const bundle = other.link({ identity: [p] });
    const req = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" };
    expect(other.authorize(req, bundle).decision).toBe("Allow");
    for (const call of [() => engine.authorize(req, bundle), () => engine.authorizeBatch([req], bundle), () => engine.explain(req, bundle)]) {
      expect(call).toThrow(expect.objectContaining({ code: "INVALID_POLICY_SET" }));
    }
  });

  it("decides a large but legal request", () => {
    // The longest context value (docs/limits.md, "Engine"; 200,000 before issue 13 set the limits).
    const p = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { StringLike: { "s3:prefix": "a*" } } } }, { kind: "identity" });
    const r = engine.authorize({ principal: alice, action: "s3:GetObject", resource: "*", context: { "s3:prefix": "a".repeat(4096) } }, { identity: [p] });
    expect(r.decision).toBe("Allow");
    p.dispose();
  });
});

describe("loading", () => {
  const bytes = readFileSync(new URL("../../build/engine.wasm", import.meta.url));

  it("loads from bytes, a Module and a Response", async () => {
    for (const source of [bytes, new WebAssembly.Module(bytes), new Response(bytes, { headers: { "content-type": "application/wasm" } })]) {
      const e = await createEngine(source);
      const p = e.compile(readBucket, { kind: "identity" });
      expect(e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" }, { identity: [p] }).decision).toBe("Allow");
    }
  });

  it("refuses a module whose ABI version differs, with a clear message", () => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const fake = { exports: { ...instance.exports, abiVersion: () => 999 } } as unknown as WebAssembly.Instance;
    expect(() => new Engine(new WebAssembly.Module(bytes), fake)).toThrow(EngineInternalError);
    expect(() => new Engine(new WebAssembly.Module(bytes), fake)).toThrow(/ABI 999/);
  });

  it("refuses something that is not an engine", async () => {
    // The smallest valid module: magic and version only.
    await expect(createEngine(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).rejects.toThrow(/not an iam-edge engine/);
    await expect(createEngine(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]))).rejects.toMatchObject({ code: "NOT_AN_ENGINE" });
    // A module importing `env.f` (type and import sections only): it cannot be instantiated alone.
    const wantsImports = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, 9, 1, 3, 0x65, 0x6e, 0x76, 1, 0x66, 0, 0]);
    await expect(createEngine(wantsImports)).rejects.toMatchObject({ name: "EngineInternalError", code: "NOT_AN_ENGINE" });
  });

  it("turns bytes that are not WebAssembly into EngineInternalError INVALID_MODULE, the CompileError as its cause", async () => {
    for (const bad of [new Uint8Array([1, 2, 3, 4]), bytes.subarray(0, bytes.length >> 1), new TextEncoder().encode("<html>not found</html>")]) {
      const err = await createEngine(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EngineInternalError);
      expect(err).toMatchObject({ code: "INVALID_MODULE" });
      expect((err as Error).cause).toBeInstanceOf(WebAssembly.CompileError);
    }
    const streamed = await createEngine(new Response(new Uint8Array([1, 2, 3]), { headers: { "content-type": "application/wasm" } })).catch((e: unknown) => e);
    expect(streamed).toMatchObject({ name: "EngineInternalError", code: "INVALID_MODULE" });
  });

  it("gives every load failure its code", async () => {
    await expect(createEngine("engine.wasm" as never)).rejects.toMatchObject({ code: "INVALID_SOURCE" });
    await expect(createEngine(new Response("missing", { status: 404 }))).rejects.toMatchObject({ code: "LOAD_FAILED" });
    await expect(createEngine(Promise.reject(new TypeError("fetch failed")) as never)).rejects.toMatchObject({ code: "LOAD_FAILED" });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const fake = { exports: { ...instance.exports, abiVersion: () => 999 } } as unknown as WebAssembly.Instance;
    expect(() => new Engine(new WebAssembly.Module(bytes), fake)).toThrow(expect.objectContaining({ code: "ABI_MISMATCH" }));
  });
});

describe("link", () => {
  it("decides like the plain set, ignores later changes to the caller's arrays, and notices disposal", () => {
    const allow = engine.compile(readBucket, { kind: "identity" });
    const deny = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Deny", Action: "*", Resource: "*" } }, { kind: "identity" });
    const identity = [allow];
    const bundle = engine.link({ identity });
    const req = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k" };
    expect(engine.authorize(req, bundle).decision).toBe("Allow");
    identity.push(deny);
    expect(engine.authorize(req, bundle).decision).toBe("Allow");
    expect(engine.authorize(req, { identity }).decision).toBe("ExplicitDeny");
    expect(engine.authorizeBatch([req, req], bundle)).toEqual(["Allow", "Allow"]);
    allow.dispose();
    expect(() => engine.authorize(req, bundle)).toThrow(expect.objectContaining({ code: "POLICY_DISPOSED" }));
    deny.dispose();
  });
});

describe("large linked sets", () => {
  it("decide the same when policies of other services are left out per request", () => {
    // 30 identity policies over different services, SCP levels, a session policy: linked sets of
    // this size send the core only the policies naming the request's service.
    const services = ["s3", "ec2", "sqs", "sns", "dynamodb", "lambda"];
    const identity = Array.from({ length: 30 }, (_, i) => engine.compile({ Version: "2012-10-17", Statement: [
      { Effect: i % 7 === 0 ? "Deny" : "Allow", Action: `${services[i % 6]}:Get*`, Resource: `arn:aws:${services[i % 6]}:::r${i % 4}/*` },
    ] }, { kind: "identity", id: `p${i}` }));
    const scp = [[engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: ["s3:*", "sqs:*", "ec2:*"], Resource: "*" } }, { kind: "scp" })]];
    const session = [engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "*", Resource: "*" } }, { kind: "session" })];
    const set = { identity, scp, session };
    const bundle = engine.link(set);
    const requests = Array.from({ length: 300 }, (_, i) => ({
      principal: "arn:aws:sts::111122223333:assumed-role/r/s", action: `${services[i % 6]}:GetThing`, resource: `arn:aws:${services[i % 6]}:::r${i % 5}/k`,
    }));
    const plain = requests.map((r) => engine.authorize(r, set));
    expect(requests.map((r) => engine.authorize(r, bundle))).toEqual(plain);
    expect(engine.authorizeBatch(requests, bundle)).toEqual(plain.map((r) => r.decision));
    expect(new Set(plain.map((r) => r.decision))).toEqual(new Set(["Allow", "ExplicitDeny", "ImplicitDeny"]));
    for (const p of [...identity, ...scp[0], ...session]) p.dispose();
  });

  it("select statements for a long hostile action without backtracking", () => {
    // A glob with many stars against the longest action (128 characters, docs/limits.md; 20,000
    // before issue 13 set the limits): a backtracking RegExp never finishes on long ones (the
    // selection once built one per pattern); the core's two-pointer matcher is linear in each.
    const p = engine.compile({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: "s3:*a*a*a*a*a*b", Resource: "*" },
      { Effect: "Allow", Action: "s3:*a*a*a*a*a*a", Resource: "*" },
    ] }, { kind: "identity" });
    const bundle = engine.link({ identity: [p] });
    const r = engine.authorize({ principal: alice, action: "s3:" + "a".repeat(125), resource: "*" }, bundle);
    expect(r).toMatchObject({ decision: "Allow", matchedStatements: [{ statementIndex: 1 }] });
    expect(() => engine.authorize({ principal: alice, action: "s3:" + "a".repeat(20_000), resource: "*" }, bundle)).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
    p.dispose();
  });
});

describe("authorizeBatch", () => {
  it("gives the same decisions as one call per request, across chunks", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const actions = ["s3:GetObject", "s3:PutObject", "s3:ListBucket"];
    const keys = ["a", "secret/x", "b/c"];
    const requests = Array.from({ length: 1500 }, (_, i) => ({
      principal: alice, action: actions[i % 3], resource: `arn:aws:s3:::bucket/${keys[i % 7 % 3]}`,
      context: { "aws:SourceIp": `203.0.113.${i % 256}`, "aws:TagKeys": ["x".repeat(i % 50)] },
    }));
    const batch = engine.authorizeBatch(requests, { identity: [p] });
    expect(batch).toEqual(requests.map((r) => engine.authorize(r, { identity: [p] }).decision));
    expect(new Set(batch)).toEqual(new Set(["Allow", "ExplicitDeny", "ImplicitDeny"]));
    expect(engine.authorizeBatch(requests.slice(0, 3), { identity: [p] }, { details: true })[0].matchedStatements[0].sid).toBe("Read");
    p.dispose();
  });

  it("names the request that was malformed", () => {
    const p = engine.compile(readBucket, { kind: "identity" });
    const requests = [{ principal: alice, action: "s3:GetObject" }, { principal: alice, action: 7 }] as never[];
    expect(() => engine.authorizeBatch(requests, { identity: [p] })).toThrow(expect.objectContaining({ code: "INVALID_REQUEST", path: "/1/action" }));
    p.dispose();
  });
});

describe("memory", () => {
  it("does not grow over 10,000 compile/dispose cycles and 1,000,000 decisions", async () => {
    const e = await createEngine();
    const req = { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::bucket/k", context: { "aws:SourceIp": "203.0.113.5" } };
    for (let i = 0; i < 200; i++) e.compile(readBucket, { kind: "identity" }).dispose();
    const before = e.memoryBytes;
    for (let i = 0; i < 10_000; i++) {
      const p = e.compile(readBucket, { kind: "identity" });
      if (i % 100 === 0) expect(e.authorize(req, { identity: [p] }).decision).toBe("Allow");
      p.dispose();
    }
    const p = e.compile(readBucket, { kind: "identity" });
    for (let i = 0; i < 1_000_000; i++) e.authorize(req, { identity: [p] });
    expect(e.memoryBytes).toBe(before);
  });
});

describe("error codes and reasons", () => {
  it("docs/errors.md documents every error code, and only those", () => {
    const doc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
    const codes = [...REQUEST_ERROR_CODES, ...POLICY_VALIDATION_ERROR_CODES, ...ENGINE_INTERNAL_ERROR_CODES];
    const documented = [...doc.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1]).filter((c) => c !== "code"); // not the header rows
    expect(documented.sort()).toEqual([...codes].sort());
  });

  it("the reason table has a row for every REASON_* number the core writes", () => {
    const numbers = Object.entries(abi).filter(([name]) => name.startsWith("REASON_")).map(([, n]) => n as number);
    expect(numbers.length).toBeGreaterThan(10);
    for (const n of numbers) expect([n, REASONS[n]]).toEqual([n, expect.any(String)]);
    expect(new Set(numbers.map((n) => REASONS[n])).size).toBe(numbers.length);
  });
});
