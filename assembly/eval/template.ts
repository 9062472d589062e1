/**
 * @module eval/template
 * Substitutes policy variables ("IAM policy elements: Variables and tags") into one output
 * buffer. A variable whose key is absent or multivalued takes its default (`${key, 'x'}`)
 * or leaves the whole value unresolved: a Resource entry then matches nothing and a condition
 * value acts as null. Substituted text is literal: when the output is matched as a glob, its
 * `*`, `?` and NUL are escaped with a 0x00 byte (docs/semantics.md, "substituted values").
 */
import { T_TYPE, T_A, T_B, T_C, TPART_SIZE, TP_LITERAL, TP_VAR, TP_VAR_DEFAULT } from "../abi";
import { lookup, valueCount, isMulti, valuePtr, valueLen } from "./context";
import { grow } from "../memory";
import { addMissing } from "./result";

let out: usize = 0;
let outCap: usize = 0;
/** Start of the last resolved value. */
export let resolvedPtr: usize = 0;

@inline function isSpecial(c: u32): bool {
  return c == 0x2a || c == 0x3f || c == 0;
}

/** Worst-case output size of `len` bytes copied with escaping. */
function escapedLen(p: usize, len: i32, escape: bool): usize {
  if (!escape) return <usize>len;
  let n: usize = <usize>len;
  for (let i = 0; i < len; i++) {
    // INVARIANT: i < len, the source value's byte length.
    if (isSpecial(load<u8>(p + i))) n++;
  }
  return n;
}

function copy(dst: usize, p: usize, len: i32, escape: bool): usize {
  if (!escape) {
    memory.copy(dst, p, <usize>len);
    return dst + len;
  }
  for (let i = 0; i < len; i++) {
    // INVARIANT: i < len; dst has room for escapedLen(p, len) bytes (checked by resolve).
    const c = load<u8>(p + i);
    if (isSpecial(c)) store<u8>(dst++, 0);
    store<u8>(dst++, c);
  }
  return dst;
}

/**
 * Resolves the template of `parts` (count `n`, image-relative offsets against `img`) into the
 * output buffer. Returns the length, or -1 when a variable cannot be resolved.
 * Literal parts were escaped by the compiler already when `escape` is set.
 */
export function resolve(img: usize, parts: usize, n: u32, escape: bool): i32 {
  // Pass 1: the output size, and whether every variable resolves.
  let total: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const part = parts + i * TPART_SIZE;
    // INVARIANT: part lies inside the image (the compiler wrote n parts).
    const type = load<u32>(part + T_TYPE);
    if (type == TP_LITERAL) {
      total += load<u32>(part + T_B);
      continue;
    }
    const entry = lookup(load<u32>(part + T_A));
    if (entry != 0 && !isMulti(entry) && valueCount(entry) == 1) {
      total += escapedLen(valuePtr(entry, 0), valueLen(entry, 0), escape);
    } else if (type == TP_VAR_DEFAULT) {
      total += escapedLen(img + load<u32>(part + T_B), <i32>load<u32>(part + T_C), escape);
    } else {
      return -1;
    }
  }
  if (total > outCap) {
    out = grow(out, total);
    outCap = total;
  }
  // Pass 2: write.
  let dst = out;
  for (let i: u32 = 0; i < n; i++) {
    const part = parts + i * TPART_SIZE;
    const type = load<u32>(part + T_TYPE);
    if (type == TP_LITERAL) {
      dst = copy(dst, img + load<u32>(part + T_A), <i32>load<u32>(part + T_B), false);
      continue;
    }
    const entry = lookup(load<u32>(part + T_A));
    if (entry != 0 && !isMulti(entry) && valueCount(entry) == 1) {
      dst = copy(dst, valuePtr(entry, 0), valueLen(entry, 0), escape);
    } else {
      dst = copy(dst, img + load<u32>(part + T_B), <i32>load<u32>(part + T_C), escape);
    }
  }
  resolvedPtr = out;
  return <i32>(dst - out);
}

/**
 * Records, as missing context values, the keys of a template's variables that the request
 * lacks and that have no default: the simulator reports them as MissingContextValues.
 */
export function noteUnresolved(parts: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const part = parts + i * TPART_SIZE;
    // INVARIANT: part lies inside the image (the compiler wrote n parts).
    if (load<u32>(part + T_TYPE) != TP_VAR) continue;
    const key = load<u32>(part + T_A);
    const entry = lookup(key);
    if (entry == 0 || valueCount(entry) == 0) addMissing(key);
  }
}
