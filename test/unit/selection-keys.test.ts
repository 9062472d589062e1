/**
 * A linked set writes only the context keys its selected statements read (bundle.ts `select`,
 * request.ts `writeRequest`): ids below 31 are tested in a bit mask, higher ids in the sorted
 * array. With 40 condition keys (ids on both sides of 31), each key must still reach the core
 * when a selected statement reads it, through single calls, batches and unlinked sets alike.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type AuthorizationRequest, type CompiledPolicy, type Engine } from "../../js/index.ts";

const principal = "arn:aws:iam::111122223333:user/alice";
const KEYS = Array.from({ length: 40 }, (_, i) => `test:Key${i}`);

let engine: Engine;
let policy: CompiledPolicy;
beforeAll(async () => {
  engine = await createEngine();
  policy = engine.compile({
    Version: "2012-10-17",
    Statement: [
      // One action per key, each allowed only when its own key is "yes".
      ...KEYS.map((k, i) => ({ Effect: "Allow", Action: `test:Do${i}`, Resource: "*", Condition: { StringEquals: { [k]: "yes" } } })),
      // An action whose only key is a high one (id 35: no bit of the mask but the core's own).
      { Effect: "Allow", Action: "test:High", Resource: "*", Condition: { StringEquals: { [KEYS[35]]: "yes" } } },
      // An action that reads no key: whatever the context holds, nothing of it matters.
      { Effect: "Allow", Action: "test:Plain", Resource: "*" },
    ],
  }, { kind: "identity", id: "keys" });
});

function request(action: string, context: Record<string, string>): AuthorizationRequest {
  return { principal, action, resource: "*", context };
}

describe("context keys written for a selection", () => {
  it("each of 40 keys decides its own action, below and above the mask's 31 bits", () => {
    const bundle = engine.link({ identity: [policy] });
    const requests: AuthorizationRequest[] = [];
    const expected: string[] = [];
    KEYS.forEach((k, i) => {
      // The request carries every key, only this action's is "yes" or "no".
      const all = Object.fromEntries(KEYS.map((x) => [x, "other"]));
      requests.push(request(`test:Do${i}`, { ...all, [k]: "yes" }), request(`test:Do${i}`, { ...all, [k]: "no" }));
      expected.push("Allow", "ImplicitDeny");
    });
    requests.push(request("test:High", { [KEYS[35]]: "yes" }), request("test:High", { [KEYS[34]]: "yes" }), request("test:High", { [KEYS[2]]: "yes" }));
    expected.push("Allow", "ImplicitDeny", "ImplicitDeny");
    requests.push(request("test:Plain", { [KEYS[3]]: "x", [KEYS[38]]: "y" }));
    expected.push("Allow");

    expect(requests.map((r) => engine.authorize(r, bundle).decision)).toEqual(expected);
    expect(engine.authorizeBatch(requests, bundle)).toEqual(expected);
    expect(requests.map((r) => engine.authorize(r, { identity: [policy] }).decision)).toEqual(expected);
    expect(engine.authorizeBatch(requests, { identity: [policy] })).toEqual(expected);
  });

  it("a missing key is missing for the core whatever its id: StringEquals fails, a Null check succeeds", () => {
    const p = engine.compile({
      Version: "2012-10-17",
      Statement: KEYS.map((k, i) => ({ Effect: "Allow", Action: `test:Absent${i}`, Resource: "*", Condition: { Null: { [k]: "true" } } })),
    }, { kind: "identity", id: "absent" });
    const bundle = engine.link({ identity: [p] });
    for (const [i, k] of KEYS.entries()) {
      expect(engine.authorize(request(`test:Absent${i}`, {}), bundle).decision).toBe("Allow");
      expect(engine.authorize(request(`test:Absent${i}`, { [k]: "here" }), bundle).decision).toBe("ImplicitDeny");
    }
    p.dispose();
  });
});
