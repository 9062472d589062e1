/**
 * Memory past 2 GiB, and the memory cap (issue 13, item 6). Wasm returns addresses as i32:
 * JavaScript read an address at or above 2^31 as negative, wrote an image or a request at a
 * negative offset (RangeError), and every later call failed the same way, even after every
 * policy was disposed. Addresses are now unsigned; the engine counts the memory its blocks take
 * against `maxMemory`; and when the Wasm memory cannot grow, the call fails with
 * EngineInternalError `MEMORY_LIMIT` and the engine goes on working.
 *
 * No test here needs gigabytes of RAM: the memory is grown past 2 GiB from JavaScript (the
 * pages are reserved, never touched, so they cost address space, not memory), and the caps are
 * small: a module whose memory maximum is patched to a few MiB, and a small `maxMemory`.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, Engine, EngineInternalError, type AuthorizationRequest, type CompiledPolicy } from "../../js/index.ts";

const bytes = readFileSync(new URL("../../build/engine.wasm", import.meta.url));
const alice = "arn:aws:iam::111122223333:user/alice";

/** A resource policy of about `statements` × 300 characters, different for each `n`. */
function bigPolicy(n: number, statements = 60): object {
  return {
    Version: "2012-10-17",
    Statement: Array.from({ length: statements }, (_, i) => ({
      Sid: `S${n}x${i}`, Effect: "Allow", Principal: { AWS: alice }, Action: ["s3:GetObject", `s3:Put${n}Object${i}`],
      Resource: [`arn:aws:s3:::bucket-${n}-${i}/*`, `arn:aws:s3:::other-${n}-${i}/prefix/*`],
      Condition: { StringEqualsIfExists: { [`aws:RequestTag/k${n}x${i}`]: `v${i}` } },
    })),
  };
}
const get = (n: number, i = 0): AuthorizationRequest => ({ principal: alice, action: "s3:GetObject", resource: `arn:aws:s3:::bucket-${n}-${i}/key` });

/** The handle of a compiled policy: the address of its image in Wasm memory. */
const address = (p: CompiledPolicy) => (p as unknown as { handle: number }).handle;

/** `bytes` with the memory's maximum set to `pages` (memory section: id 5, one memory, limits). */
function withMaximumPages(wasm: Uint8Array, pages: number): Uint8Array {
  const out: number[] = [...wasm.subarray(0, 8)];
  let at = 8;
  const leb = (): number => {
    let value = 0, shift = 0, byte: number;
    do {
      byte = wasm[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return value >>> 0;
  };
  const encode = (value: number): number[] => {
    const bytesOut: number[] = [];
    do {
      let byte = value & 0x7f;
      value >>>= 7;
      if (value) byte |= 0x80;
      bytesOut.push(byte);
    } while (value);
    return bytesOut;
  };
  let patched = false;
  while (at < wasm.length) {
    const id = wasm[at++];
    const size = leb();
    const start = at;
    if (id === 5) {
      const count = leb();
      expect(count).toBe(1);
      const flags = leb();
      const min = leb();
      if (flags & 1) leb();
      const body = [...encode(1), 0x01, ...encode(min), ...encode(pages)];
      out.push(5, ...encode(body.length), ...body);
      patched = true;
    } else {
      out.push(id, ...encode(size), ...wasm.subarray(start, start + size));
    }
    at = start + size;
  }
  expect(patched).toBe(true);
  return Uint8Array.from(out);
}

describe("addresses at and above 2 GiB", () => {
  let engine: Engine;
  let memory: WebAssembly.Memory;
  beforeAll(() => {
    const module = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(module, {});
    memory = instance.exports.memory as WebAssembly.Memory;
    engine = new Engine(module, instance);
    // 2 GiB of reserved pages below everything the engine takes from now on: the allocator,
    // which did not grow them, puts its next blocks above them.
    memory.grow(32768);
  });

  it("compiles, decides, links, batches and explains with images and requests above 2^31", () => {
    const policies: CompiledPolicy[] = [];
    for (let n = 0; n < 40 && !policies.some((p) => address(p) >= 2 ** 31); n++) policies.push(engine.compile(bigPolicy(n), { kind: "resource", id: `p${n}` }));
    const high = policies.find((p) => address(p) >= 2 ** 31)!;
    expect(high, "no image landed above 2 GiB").toBeDefined();
    const n = policies.indexOf(high);
    expect(engine.authorize(get(n, 3), { resource: high }).decision).toBe("Allow");
    expect(engine.authorize(get(n + 1), { resource: high }).decision).toBe("ImplicitDeny");
    // A request large enough to move the scratch above 2 GiB too (well within the limits).
    const padded = { ...get(n, 5), context: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`aws:RequestTag/pad${i}`, "x".repeat(4000)])) };
    expect(engine.authorize(padded, { resource: high }).decision).toBe("Allow");
    const bundle = engine.link({ resource: high });
    expect(engine.authorize(get(n, 7), bundle).decision).toBe("Allow");
    expect(engine.authorizeBatch([get(n, 1), get(n + 1), padded], bundle)).toEqual(["Allow", "ImplicitDeny", "Allow"]);
    const e = engine.explain(get(n, 2), bundle);
    expect(e.result.decision).toBe("Allow");
    expect(e.policies[0].statements[2].applies).toBe(true);
    expect(memory.buffer.byteLength).toBeGreaterThan(2 ** 31);
    for (const p of policies) p.dispose();
  });

  it("keeps working after every policy is disposed", () => {
    const p = engine.compile(bigPolicy(99, 3), { kind: "resource" });
    expect(engine.authorize(get(99, 1), { resource: p }).decision).toBe("Allow");
    p.dispose();
  });
});

describe("the Wasm memory's own maximum", () => {
  it("an engine whose memory cannot grow fails with MEMORY_LIMIT, replaces its instance and keeps its policies", async () => {
    const engine = await createEngine(withMaximumPages(bytes, 64)); // 4 MiB
    const live: CompiledPolicy[] = [];
    let error: unknown;
    for (let n = 0; n < 400 && error === undefined; n++) {
      try {
        live.push(engine.compile(bigPolicy(n), { kind: "resource", id: `p${n}` }));
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(EngineInternalError);
    expect(error).toMatchObject({ code: "MEMORY_LIMIT" });
    expect(engine.memoryBytes).toBeLessThanOrEqual(64 * 65536);
    // Every policy compiled before still decides, from the new instance.
    expect(live.length).toBeGreaterThan(3);
    for (const n of [0, live.length - 1]) expect(engine.authorize(get(n, 4), { resource: live[n] }).decision).toBe("Allow");
    // Disposing gives the memory back: compiling works again.
    for (const p of live.splice(0, live.length >> 1)) p.dispose();
    const again = engine.compile(bigPolicy(1000), { kind: "resource" });
    expect(engine.authorize(get(1000), { resource: again }).decision).toBe("Allow");
  });
});

describe("maxMemory", () => {
  it("the blocks the engine holds stay under maxMemory; past it MEMORY_LIMIT, and disposing makes room", async () => {
    const maxMemory = 2 << 20;
    const engine = await createEngine(undefined, { maxMemory });
    const live: CompiledPolicy[] = [];
    let error: unknown;
    for (let n = 0; n < 400 && error === undefined; n++) {
      try {
        live.push(engine.compile(bigPolicy(n), { kind: "resource" }));
      } catch (e) {
        error = e;
      }
    }
    expect(error).toMatchObject({ name: "EngineInternalError", code: "MEMORY_LIMIT" });
    expect(engine.stats.heldBytes).toBeLessThanOrEqual(maxMemory);
    expect(engine.authorize(get(0, 1), { resource: live[0] }).decision).toBe("Allow");
    // A request whose scratch does not fit: refused, and the next one is decided.
    const padded = { ...get(0, 5), context: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`aws:RequestTag/pad${i}`, "x".repeat(4000)])) };
    expect(() => engine.authorize(padded, { resource: live[0] })).toThrow(expect.objectContaining({ code: "MEMORY_LIMIT" }));
    expect(engine.authorize(get(0, 2), { resource: live[0] }).decision).toBe("Allow");
    for (const p of live) p.dispose();
    expect(engine.stats.heldBytes).toBeLessThan(maxMemory / 4);
    expect(engine.authorize(padded, { resource: engine.compile(bigPolicy(0), { kind: "resource" }) }).decision).toBe("Allow");
  });
});
