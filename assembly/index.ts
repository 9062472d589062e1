/**
 * @module index
 * The exported ABI, and nothing else: numbers in, numbers out. The binding writes requests and
 * images into memory it got from `alloc`, calls `authorize`, and reads the result block.
 */
import "./abort";
import { ABI_VERSION, IMAGE_MAGIC, HEADER_SIZE, H_MAGIC, H_ABI, H_TOTAL_SIZE, RES_DECISION, RES_REASON } from "./abi";
import { authorize as decide } from "./eval/authorizer";
import { result } from "./eval/result";
import { reserveKeys as reserve } from "./eval/context";
import { explain as explainInto } from "./eval/explain";
export { alloc, free } from "./memory";

export function abiVersion(): u32 {
  return ABI_VERSION;
}

/** Address of the result block (fixed for the instance's lifetime). */
export function resultPtr(): usize {
  return result;
}

/** Makes room for `count` interned context keys. */
export function reserveKeys(count: u32): void {
  reserve(count);
}

/** Checks an image the binding just copied in: 1 when its header is sound. */
export function checkImage(img: usize, size: u32): u32 {
  if (size < HEADER_SIZE) return 0;
  if (load<u32>(img + H_MAGIC) != IMAGE_MAGIC || load<u32>(img + H_ABI) != ABI_VERSION) return 0;
  return load<u32>(img + H_TOTAL_SIZE) == size ? 1 : 0;
}

/** Decides the request in the scratch buffer at `scratch`. */
export function authorize(scratch: usize): void {
  decide(scratch);
}

/**
 * Decides `count` requests in one call: `table` holds each request's address as a u32, and
 * each answer goes to `out` as a u32 (decision | reason << 8).
 */
export function authorizeBatch(table: usize, count: u32, out: usize): void {
  for (let i: u32 = 0; i < count; i++) {
    // INVARIANT: the binding reserved count u32 slots at table and at out.
    decide(<usize>load<u32>(table + (<usize>i << 2)));
    store<u32>(out + (<usize>i << 2), load<u32>(result + RES_DECISION) | (load<u32>(result + RES_REASON) << 8));
  }
}

/** Explains the request at `scratch` statement by statement into `dst` (eval/explain.ts). */
export function explain(scratch: usize, dst: usize, cap: u32): u32 {
  return explainInto(scratch, dst, cap);
}
