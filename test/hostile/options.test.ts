/**
 * Options are checked like every other argument (issue 13, item 15). `maxSize: NaN` switched
 * the size quota off (`size > NaN` is never true), and so did `"10"` or a misspelt `maxsize`
 * (ignored). Every option of every public method is now read once, own properties only, and
 * refused with a typed error when it is of the wrong type, out of range or unknown.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEngine, RequestError, type Engine } from "../../js/index.ts";
import { MAX_TEXT_LENGTH } from "../../js/policy/input.ts";

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

/** An identity policy of 20,000 characters: over the identity quota of 6,144. */
const tooLarge = {
  Version: "2012-10-17",
  Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: `arn:aws:s3:::${"b".repeat(20_000)}` },
};
const small = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } };

const BAD_SIZES: unknown[] = [NaN, Infinity, -Infinity, -1, 0, 1.5, "10", "NaN", null, true, {}, [100], 10n, 2 ** 53];

describe("maxSize", () => {
  it("compile refuses a maxSize that is not a positive safe integer, before reading the document", () => {
    for (const maxSize of BAD_SIZES) {
      let err: unknown;
      try {
        engine.compile(tooLarge, { kind: "identity", maxSize: maxSize as number }).dispose();
      } catch (e) {
        err = e;
      }
      expect(err, String(maxSize)).toBeInstanceOf(RequestError);
      expect(err).toMatchObject({ code: "INVALID_OPTION", path: "/maxSize" });
    }
  });

  it("validate answers the same with one INVALID_OPTION diagnostic, and throws nothing", () => {
    for (const maxSize of BAD_SIZES) {
      const diagnostics = engine.validate(tooLarge, { kind: "identity", maxSize: maxSize as number });
      expect(diagnostics, String(maxSize)).toEqual([expect.objectContaining({ severity: "error", code: "INVALID_OPTION", path: "" })]);
      expect(diagnostics[0].message).toContain("maxSize");
    }
  });

  it("valid sizes still apply: the quota is what maxSize says", () => {
    expect(() => engine.compile(tooLarge, { kind: "identity" })).toThrow(expect.objectContaining({ code: "MalformedPolicyDocument" }));
    expect(() => engine.compile(tooLarge, { kind: "identity", maxSize: 10_000 })).toThrow(expect.objectContaining({ code: "MalformedPolicyDocument" }));
    engine.compile(tooLarge, { kind: "identity", maxSize: 30_000 }).dispose();
    engine.compile(tooLarge, { kind: "identity", maxSize: MAX_TEXT_LENGTH }).dispose();
    // Above the text limit, maxSize lifts the kind's quota only: longer text is still refused.
    engine.compile(tooLarge, { kind: "identity", maxSize: 1e7 }).dispose();
    const huge = JSON.stringify({ ...small, Id: "x".repeat(MAX_TEXT_LENGTH) });
    expect(engine.validate(huge, { kind: "identity", maxSize: 1e7 }).map((d) => d.code)).toEqual(["POLICY_TOO_LARGE"]);
    engine.compile(small, { kind: "identity", maxSize: undefined }).dispose();
  });

  it("a maxSize on Object.prototype is no option", () => {
    (Object.prototype as Record<string, unknown>).maxSize = 1_000_000;
    try {
      expect(() => engine.compile(tooLarge, { kind: "identity" })).toThrow(expect.objectContaining({ code: "MalformedPolicyDocument" }));
      expect(engine.validate(tooLarge, { kind: "identity" }).map((d) => d.code)).toContain("POLICY_TOO_LARGE");
    } finally {
      delete (Object.prototype as Record<string, unknown>).maxSize;
    }
  });
});

describe("the other options", () => {
  afterEach(() => {
    expect(engine.compile(small, { kind: "identity" }).kind).toBe("identity");
  });

  it("unknown option names are refused (a misspelt maxsize would have been ignored)", () => {
    expect(() => engine.compile(tooLarge, { kind: "identity", maxsize: 100_000 } as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTION", path: "/maxsize" }));
    expect(engine.validate(tooLarge, { kind: "identity", maxsize: 100_000 } as never)).toEqual([expect.objectContaining({ code: "INVALID_OPTION" })]);
  });

  it("iamChecks must be a boolean (\"false\" would have turned IAM's checks on)", () => {
    for (const iamChecks of ["false", 1, null, {}]) {
      expect(engine.validate(small, { kind: "identity", iamChecks: iamChecks as boolean }), String(iamChecks)).toEqual([expect.objectContaining({ code: "INVALID_OPTION" })]);
    }
    const bucket = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "example-bucket" } };
    expect(engine.validate(bucket, { kind: "identity", iamChecks: false }).filter((d) => d.severity === "error")).toEqual([]);
    expect(engine.validate(bucket, { kind: "identity", iamChecks: true }).filter((d) => d.severity === "error")).not.toEqual([]);
  });

  it("id must be a string", () => {
    for (const id of [7, null, {}, ["a"], Symbol("x")]) {
      expect(() => engine.compile(small, { kind: "identity", id: id as never }), String(typeof id)).toThrow(expect.objectContaining({ code: "INVALID_OPTION", path: "/id" }));
    }
    expect(engine.compile(small, { kind: "identity", id: "arn:aws:iam::111122223333:policy/P" }).id).toBe("arn:aws:iam::111122223333:policy/P");
  });

  it("options that are not an object", () => {
    for (const options of ["identity", 7, true]) {
      expect(() => engine.compile(small, options as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
      expect(engine.validate(small, options as never)).toEqual([expect.objectContaining({ code: "INVALID_OPTION" })]);
    }
    // No options at all is a missing kind, as before.
    expect(() => engine.compile(small, undefined as never)).toThrow(expect.objectContaining({ code: "INVALID_KIND" }));
  });

  it("authorizeBatch: details must be a boolean, and no other option exists", () => {
    const p = engine.compile(small, { kind: "identity" });
    const requests = [{ principal: "arn:aws:iam::111122223333:user/alice", action: "s3:GetObject" }];
    for (const options of [{ details: "yes" }, { details: 1 }, { detail: true }, "details", 5]) {
      expect(() => engine.authorizeBatch(requests, { identity: [p] }, options as never), JSON.stringify(options)).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    }
    expect(engine.authorizeBatch(requests, { identity: [p] }, { details: false } as never)).toEqual(["Allow"]);
    expect(engine.authorizeBatch(requests, { identity: [p] }, undefined as never)).toEqual(["Allow"]);
    p.dispose();
  });

  it("createEngine: maxMemory must be a whole number of bytes from 1 MiB to 4 GiB", async () => {
    for (const maxMemory of [NaN, -1, 0, 1024, 1.5 * 2 ** 20 + 0.5, "64MiB", 2 ** 32 + 1, Infinity]) {
      await expect(createEngine(undefined, { maxMemory: maxMemory as number }), String(maxMemory)).rejects.toMatchObject({ name: "RequestError", code: "INVALID_OPTION", path: "/maxMemory" });
    }
    await expect(createEngine(undefined, { maxmemory: 1 } as never)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    const e = await createEngine(undefined, { maxMemory: 64 * 2 ** 20 });
    expect(e.compile(small, { kind: "identity" }).kind).toBe("identity");
  });
});
