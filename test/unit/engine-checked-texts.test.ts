/**
 * The engine remembers request actions and resources whose form passed its checks (issue 17):
 * the checks must still refuse every bad text, a text checked in one field must not pass in the
 * other, and the memory must stay within its bounds whatever texts a caller sends.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";
import * as L from "../../js/engine/limits.ts";

const alice = "arn:aws:iam::111122223333:user/alice";
let engine: Engine;
let policy: CompiledPolicy;
beforeAll(async () => {
  engine = await createEngine();
  policy = engine.compile({ Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:*", Resource: "*" } }, { kind: "identity" });
});

describe("checked request texts", () => {
  it("still refuses a bad action or resource after good ones were remembered", () => {
    const set = { identity: [policy] };
    expect(engine.authorize({ principal: alice, action: "s3:GetObject", resource: "arn:aws:s3:::b/k" }, set).decision).toBe("Allow");
    expect(engine.stats.checkedTexts).toBe(2);
    expect(() => engine.authorize({ principal: alice, action: "s3:Get*", resource: "arn:aws:s3:::b/k" }, set)).toThrow(expect.objectContaining({ code: "INVALID_ACTION" }));
    expect(() => engine.authorize({ principal: alice, action: "s3:GetObject", resource: "s3:GetObject" }, set)).toThrow(expect.objectContaining({ code: "INVALID_RESOURCE" }));
    expect(() => engine.authorize({ principal: alice, action: "arn:aws:s3:::b/k", resource: "*" }, set)).toThrow(expect.objectContaining({ code: "INVALID_ACTION" }));
    expect(() => engine.authorizeBatch([{ principal: alice, action: "s3:GetObject" }, { principal: alice, action: "s3: GetObject" }], set))
      .toThrow(expect.objectContaining({ code: "INVALID_ACTION", path: "/1/action" }));
    // A refused text is not remembered.
    expect(() => engine.authorize({ principal: alice, action: "s3:Get*" }, set)).toThrow(expect.objectContaining({ code: "INVALID_ACTION" }));
  });

  it("stays within MAX_CHECKED_TEXTS texts and MAX_CHECKED_CHARS characters", () => {
    const set = { identity: [policy] };
    let maxEntries = 0;
    let maxChars = 0;
    for (let round = 0; round < 20; round++) {
      const requests = Array.from({ length: 1000 }, (_, i) => ({
        principal: alice, action: `s3:Get${round}x${i}`, resource: `arn:aws:s3:::bucket/${"k".repeat(500)}${round}x${i}`,
      }));
      expect(engine.authorizeBatch(requests, set).every((d) => d === "Allow")).toBe(true);
      maxEntries = Math.max(maxEntries, engine.stats.checkedTexts);
      maxChars = Math.max(maxChars, engine.stats.checkedChars);
    }
    expect(maxEntries).toBeLessThanOrEqual(L.MAX_CHECKED_TEXTS);
    expect(maxChars).toBeLessThanOrEqual(L.MAX_CHECKED_CHARS);
    expect(maxChars).toBeGreaterThan(L.MAX_CHECKED_CHARS / 2); // the bound was reached
  });
});
