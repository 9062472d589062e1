/**
 * The words of a set's first call (issue 17): FlatWords reads them straight from
 * the flat reading of the caller's set, without the copy that linking makes. For any set, good or
 * bad, it must give what `policySetWords` gives on that copy: the same words, or the same error
 * (code, message and JSON path, the first member at fault in the same order).
 */
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { createEngine, type CompiledPolicy, type Engine } from "../../js/index.ts";
import { FlatWords, policySetFromFlat, policySetWords, readPolicySetFlat } from "../../js/engine/policy-set.ts";
import type { PolicyKind } from "../../js/policy/types.ts";

let engine: Engine;
let other: Engine;
const members: unknown[] = [];

beforeAll(async () => {
  engine = await createEngine();
  other = await createEngine();
  const doc = (kind: PolicyKind) => ({
    Version: "2012-10-17",
    Statement: kind === "trust"
      ? { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole" }
      : kind === "rcp"
        ? { Effect: "Deny", Principal: "*", Action: "s3:GetObject", Resource: "*" }
      : kind === "resource"
        ? { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "s3:GetObject", Resource: "*" }
        : { Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
  });
  const kinds: PolicyKind[] = ["identity", "boundary", "session", "resource", "trust", "scp", "rcp"];
  for (const kind of kinds) members.push(engine.compile(doc(kind), { kind, id: `${kind}-a` }), engine.compile(doc(kind), { kind, id: `${kind}-b` }));
  const disposed: CompiledPolicy = engine.compile(doc("identity"), { kind: "identity", id: "gone" });
  disposed.dispose();
  members.push(disposed, other.compile(doc("identity"), { kind: "identity", id: "foreign" }), { handle: 1 }, 0, "p", null, undefined);
});

/** The words a FlatWords reads from the first `n` entries of `flat`. */
function fromFlat(flat: unknown[], n: number): number[] {
  const reader = new FlatWords();
  return reader.out.slice(0, reader.read(flat, n, engine as never));
}

/** Whatever `f` returns as plain numbers, or the error it throws as code, message and path. */
function outcome(f: () => ArrayLike<number>): unknown {
  try {
    return { words: Array.from(f()) };
  } catch (err) {
    const e = err as { code?: string; message: string; path?: string };
    return { code: e.code, message: e.message, path: e.path };
  }
}

describe("FlatWords", () => {
  it("gives policySetWords' words or error for any set", () => {
    const member = fc.nat({ max: 100 }).map((i) => members[i % members.length]);
    // A slot: absent, null, one member, an array of members, or (for levels) arrays of arrays.
    const list = fc.array(member, { maxLength: 4 });
    const slot = fc.oneof(fc.constant(undefined), fc.constant(null), member, list, fc.array(list, { maxLength: 3 }));
    const set = fc.record({ identity: slot, boundary: slot, session: slot, resource: slot, scp: slot, rcp: slot }, { requiredKeys: [] });
    fc.assert(fc.property(set, (s) => {
      const flat: unknown[] = [];
      const n = readPolicySetFlat(s, flat);
      const expected = outcome(() => policySetWords(policySetFromFlat(flat.slice(0, n)), engine as never));
      expect(outcome(() => fromFlat(flat, n))).toEqual(expected);
    }), { numRuns: 3000 });
  });

  it("gives the words of a good set, and the path of the first bad member", () => {
    const [identityA, identityB] = members as CompiledPolicy[];
    const scp = members[10] as CompiledPolicy;
    const good = { identity: [identityA, identityB], scp: [[scp], []] };
    const flat: unknown[] = [];
    const n = readPolicySetFlat(good, flat);
    expect(fromFlat(flat, n)).toEqual(Array.from(policySetWords(good, engine as never)));
    const bad = { identity: [identityA], scp: [[scp], [scp, identityA]] };
    const m = readPolicySetFlat(bad, flat);
    expect(() => fromFlat(flat, m)).toThrow(expect.objectContaining({ code: "WRONG_POLICY_KIND", path: "/scp/1/1" }));
  });
});
