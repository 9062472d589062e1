/**
 * Request size limits (issue 13, item 1, the binding's part). A 262,000-character resource
 * against a 20,000-star pattern took seconds per decision; an edge authorizer must bound the work
 * per request. Requests now have the limits AWS itself documents (docs/limits.md, "Engine":
 * ARNs 2,048, actions 128, context keys 256, values 4,096...), and a larger one is refused with
 * RequestError `REQUEST_TOO_LARGE` before anything is written into Wasm memory.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationRequest, type CompiledPolicy, type Engine } from "../../js/index.ts";
import * as L from "../../js/engine/limits.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
let engine: Engine;
let policy: CompiledPolicy;
beforeAll(async () => {
  engine = await createEngine();
  policy = engine.compile({
    Version: "2012-10-17",
    Statement: { Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringLike: { "aws:UserAgent": "*" } } },
  }, { kind: "identity" });
});

const ok = (request: AuthorizationRequest) => engine.authorize(request, { identity: [policy] }).decision;
const refused = (request: AuthorizationRequest, path: string) =>
  expect(() => engine.authorize(request, { identity: [policy] })).toThrow(expect.objectContaining({ name: "RequestError", code: "REQUEST_TOO_LARGE", path }));
const pad = (prefix: string, length: number) => prefix + "a".repeat(length - prefix.length);
const ua = { "aws:UserAgent": "sdk" };

describe("each field at its limit is decided, one character more is refused", () => {
  it("principal: 2,048 (an ARN)", () => {
    expect(ok({ principal: pad("arn:aws:iam::111122223333:user/", L.MAX_PRINCIPAL_LENGTH), action: "s3:GetObject", context: ua })).toBe("Allow");
    refused({ principal: pad("arn:aws:iam::111122223333:user/", L.MAX_PRINCIPAL_LENGTH + 1), action: "s3:GetObject" }, "/principal");
  });

  it("action: 128 (SimulatePrincipalPolicy's ActionNameType)", () => {
    expect(ok({ principal: alice, action: pad("s3:", L.MAX_ACTION_LENGTH), context: ua })).toBe("Allow");
    refused({ principal: alice, action: pad("s3:", L.MAX_ACTION_LENGTH + 1) }, "/action");
  });

  it("resource: 2,048, which holds the longest S3 object ARN (a 63-character bucket, a 1,024-byte key)", () => {
    const longestObject = `arn:aws:s3:::${"b".repeat(63)}/${"k".repeat(1024)}`;
    expect(longestObject.length).toBeLessThanOrEqual(L.MAX_RESOURCE_LENGTH);
    expect(ok({ principal: alice, action: "s3:GetObject", resource: longestObject, context: ua })).toBe("Allow");
    expect(ok({ principal: alice, action: "s3:GetObject", resource: pad("arn:aws:s3:::b/", L.MAX_RESOURCE_LENGTH), context: ua })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", resource: pad("arn:aws:s3:::b/", L.MAX_RESOURCE_LENGTH + 1) }, "/resource");
  });

  it("context keys: 256 characters each, 1,024 per request", () => {
    expect(ok({ principal: alice, action: "s3:GetObject", context: { ...ua, [pad("aws:RequestTag/", L.MAX_CONTEXT_KEY_LENGTH)]: "x" } })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", context: { [pad("aws:RequestTag/", L.MAX_CONTEXT_KEY_LENGTH + 1)]: "x" } }, "/context");
    const many = (n: number) => Object.fromEntries([...Array.from({ length: n - 1 }, (_, i) => [`aws:RequestTag/k${i}`, "v"]), ["aws:UserAgent", "sdk"]]);
    expect(ok({ principal: alice, action: "s3:GetObject", context: many(L.MAX_CONTEXT_KEYS) })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", context: many(L.MAX_CONTEXT_KEYS + 1) }, "/context");
  });

  it("context values: 4,096 characters each, in arrays too; 4,096 values per request", () => {
    expect(ok({ principal: alice, action: "s3:GetObject", context: { "aws:UserAgent": "u".repeat(L.MAX_CONTEXT_VALUE_LENGTH) } })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", context: { "aws:UserAgent": "u".repeat(L.MAX_CONTEXT_VALUE_LENGTH + 1) } }, "/context/aws:UserAgent");
    refused({ principal: alice, action: "s3:GetObject", context: { "aws:TagKeys": ["a", "u".repeat(L.MAX_CONTEXT_VALUE_LENGTH + 1)] } }, "/context/aws:TagKeys/1");
    // Keys no policy mentions count as much: the limit is on what the caller sends.
    refused({ principal: alice, action: "s3:GetObject", context: { "x:Unused": "u".repeat(L.MAX_CONTEXT_VALUE_LENGTH + 1) } }, "/context/x:Unused");
    expect(ok({ principal: alice, action: "s3:GetObject", context: { ...ua, "aws:TagKeys": Array(L.MAX_CONTEXT_VALUES - 1).fill("k") } })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", context: { ...ua, "aws:TagKeys": Array(L.MAX_CONTEXT_VALUES).fill("k") } }, "/context");
  });

  it("the whole request: 262,144 characters, each field within its own limit", () => {
    const values = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`aws:RequestTag/k${i}`, "v".repeat(L.MAX_CONTEXT_VALUE_LENGTH)]));
    expect(ok({ principal: alice, action: "s3:GetObject", context: { ...ua, ...values(60) } })).toBe("Allow");
    refused({ principal: alice, action: "s3:GetObject", context: values(70) }, "");
  });

  it("in a batch, the path names the request", () => {
    const requests = [{ principal: alice, action: "s3:GetObject" }, { principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::" + "r".repeat(300_000) }];
    expect(() => engine.authorizeBatch(requests, { identity: [policy] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE", path: "/1/resource" }));
  });
});

describe("refused before any work", () => {
  it("a request of megabytes neither grows the Wasm memory nor the engine's scratch", async () => {
    const e = await createEngine();
    const p = e.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::*?" } }, { kind: "identity" });
    e.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::x/y" }, { identity: [p] });
    const memory = e.memoryBytes;
    const held = e.stats.heldBytes;
    const huge = "a".repeat(8 << 20);
    for (const request of [
      { principal: alice, action: "s3:GetObject", resource: `arn:aws:s3:::${huge}` },
      { principal: huge, action: "s3:GetObject" },
      { principal: alice, action: `s3:${huge}` },
      { principal: alice, action: "s3:GetObject", context: { "aws:UserAgent": huge } },
      { principal: alice, action: "s3:GetObject", context: { "aws:TagKeys": [huge] } },
    ]) {
      expect(() => e.authorize(request, { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
      expect(() => e.authorizeBatch([request], { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
      expect(() => e.explain(request, { identity: [p] })).toThrow(expect.objectContaining({ code: "REQUEST_TOO_LARGE" }));
    }
    expect(e.memoryBytes).toBe(memory);
    expect(e.stats.heldBytes).toBe(held);
  });
});

describe("docs/limits.md states every limit the engine applies", () => {
  it("the Engine section lists each value of js/engine/limits.ts's request limits", () => {
    const doc = readFileSync(new URL("../../docs/limits.md", import.meta.url), "utf8");
    const engine = doc.slice(doc.indexOf("## Engine"));
    const spelled = (n: number) => n.toLocaleString("en-US");
    for (const [name, value] of Object.entries({
      MAX_PRINCIPAL_LENGTH: L.MAX_PRINCIPAL_LENGTH, MAX_ACTION_LENGTH: L.MAX_ACTION_LENGTH, MAX_RESOURCE_LENGTH: L.MAX_RESOURCE_LENGTH,
      MAX_CONTEXT_KEY_LENGTH: L.MAX_CONTEXT_KEY_LENGTH, MAX_CONTEXT_VALUE_LENGTH: L.MAX_CONTEXT_VALUE_LENGTH, MAX_CONTEXT_KEYS: L.MAX_CONTEXT_KEYS,
      MAX_CONTEXT_VALUES: L.MAX_CONTEXT_VALUES, MAX_REQUEST_LENGTH: L.MAX_REQUEST_LENGTH,
    })) {
      expect(engine, name).toContain(`| ${spelled(value)}`);
    }
  });
});
