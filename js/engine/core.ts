/**
 * @module engine/core
 * The Wasm instance and its memory. The ABI is checked at load; views over memory are made
 * fresh after it grows; the scratch buffer that requests are written into grows in powers of
 * two (a batch lays its requests end to end in it) and is given back after a call that grew it
 * far; action text is kept in memory for linked sets; images live behind their handles.
 *
 * Addresses are unsigned: Wasm returns an i32, which JavaScript reads as negative from 2 GiB
 * up, so every address the core returns goes through `>>> 0` (issue 13.6). The blocks the
 * binding takes are counted against `maxMemory`; past it, or when the Wasm memory cannot grow,
 * the call fails with EngineInternalError `MEMORY_LIMIT` and the engine stays usable.
 *
 * A trap (a broken invariant, never user input) discards the instance: a new one is made from
 * the cached module and every loaded image is copied in again.
 */
import * as A from "./abi.ts";
import { EngineInternalError } from "./errors.ts";
import type { KeyTable } from "./keys.ts";
import { MAX_ACTION_LENGTH, MAX_KEPT_SCRATCH, MAX_KEPT_TEXTS, MAX_KEPT_WORDS_BYTES } from "./limits.ts";
import { emptyMemo, type Scratch, type ScratchMemo } from "./request.ts";

/** What engine.wasm exports (docs/abi.md). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  abiVersion(): number;
  alloc(size: number): number;
  free(ptr: number): void;
  resultPtr(): number;
  reserveKeys(count: number): void;
  checkImage(ptr: number, size: number): number;
  authorize(scratch: number): void;
  authorizeBatch(table: number, count: number, out: number): void;
  explain(scratch: number, dst: number, cap: number): number;
}

const EXPORTS = ["memory", "alloc", "free", "resultPtr", "reserveKeys", "checkImage", "authorize", "authorizeBatch", "explain"];

/** The smallest scratch, and what TLSF adds to each block (a header, rounded up): for the memory count. */
const MIN_SCRATCH = 4096;
const BLOCK_OVERHEAD = 16;

const utf8 = new TextEncoder();

/** An image loaded into the core: its bytes (to load it again after a trap) and its handle. */
export interface LoadedImage {
  readonly image: Uint8Array;
  handle: number;
  /** Called when the image cannot be loaded again after a trap: using it then fails closed. */
  dispose(): void;
}

/** The exports of `instance`, once they are known to be this release's engine. */
function checkedExports(instance: WebAssembly.Instance): CoreExports {
  const ex = instance.exports as unknown as CoreExports;
  if (typeof ex.abiVersion !== "function") throw new EngineInternalError("NOT_AN_ENGINE", "engine.wasm does not export `abiVersion`: it is not an iam-edge engine");
  // The version first: another release may export other functions, and the version says why.
  const version = ex.abiVersion();
  if (version !== A.ABI_VERSION) {
    throw new EngineInternalError("ABI_MISMATCH", `engine.wasm speaks ABI ${version} but this binding speaks ABI ${A.ABI_VERSION}: rebuild or reinstall so both come from one release`);
  }
  for (const name of EXPORTS) {
    if (!(name in ex)) throw new EngineInternalError("NOT_AN_ENGINE", `engine.wasm does not export \`${name}\`: it is not an iam-edge engine`);
  }
  return ex;
}

export class Core<P extends LoadedImage> {
  readonly #module: WebAssembly.Module;
  readonly #keys: KeyTable;
  ex!: CoreExports;
  /** Address of the result block. */
  result = 0;
  /** Address of the scratch block; 0 until the first request. */
  scratch = 0;
  #scratchSize = 0;
  /** Views over all of memory: read them after `refresh()`. */
  u8 = new Uint8Array(0);
  u32 = new Uint32Array(0);
  /** The loaded images by handle. */
  readonly live = new Map<number, P>();
  /** Bumped whenever handles may have changed (an image unloaded, or every image reloaded). */
  epoch = 0;
  /** What requests left in the scratch (request.ts ScratchMemo); single requests and batches share it. */
  readonly memo: ScratchMemo = { set: null, setAt: 0, principal: null, principalAt: 0 };
  /** Where single requests go: the start of the scratch. */
  readonly single: Scratch;
  /** Where batch requests go: end to end from the start of the scratch (`batchUsed` bytes so far). */
  readonly batch: Scratch;
  batchUsed = 0;
  /** Batch chunks written so far: each chunk's number (Scratch.chunk). */
  #chunks = 0;
  /** Text kept in Wasm memory: address and UTF-8 length. */
  readonly #texts = new Map<string, [number, number]>();
  /** Selection words kept in Wasm memory (`keepWords`): each block's address and byte size, in pairs. */
  readonly #words: number[] = [];
  #wordsBytes = 0;
  /** The text table (or the words kept with it) filled up: both are given back at the next safe point (`startCall`). */
  #textsFull = false;
  /** Bumped whenever kept texts are given back: selections holding an older one copy their action again. */
  textGeneration = 0;
  /** Bumped when the instance is replaced: addresses taken before point into a discarded memory. */
  instance = 0;
  /** Bytes of the blocks the binding holds (images, scratch, kept texts), against `maxMemory`. */
  #held = 0;
  /** The size of the last block asked for: what the memory must still be able to grow by. */
  #asking = 0;
  readonly maxMemory: number;

  constructor(module: WebAssembly.Module, instance: WebAssembly.Instance, keys: KeyTable, maxMemory: number) {
    this.#module = module;
    this.#keys = keys;
    this.maxMemory = maxMemory;
    this.#attach(instance);
    this.single = { reserve: (bytes) => this.#reserveScratch(bytes), u8: () => this.u8, u32: () => this.u32, origin: () => this.scratch, memo: this.memo, chunk: 0 };
    this.batch = { reserve: (bytes) => this.reserveBatch(bytes), u8: () => this.u8, u32: () => this.u32, origin: () => this.scratch, memo: this.memo, chunk: 0 };
  }

  #attach(instance: WebAssembly.Instance): void {
    this.ex = checkedExports(instance);
    this.instance++;
    // A new instance has a new memory: nothing the old one held is there.
    emptyMemo(this.memo);
    this.#texts.clear();
    this.#words.length = 0;
    this.#wordsBytes = 0;
    this.#textsFull = false;
    this.textGeneration++;
    this.#held = 0;
    this.result = this.ex.resultPtr() >>> 0;
    this.scratch = 0;
    this.#scratchSize = 0;
    this.u8 = new Uint8Array(0);
    this.refresh();
    this.ex.reserveKeys(Math.max(64, this.#keys.size));
  }

  /**
   * A block of `size` bytes from the core's heap, as an unsigned address, counted against
   * `maxMemory`. Throws MEMORY_LIMIT when the count would pass it; when the Wasm memory
   * itself cannot grow, the allocator traps, and the instance is replaced (`recover`).
   */
  alloc(size: number): number {
    if (this.#held + size + BLOCK_OVERHEAD > this.maxMemory) throw memoryLimit(`${size} more bytes would pass the engine's maxMemory of ${this.maxMemory}`);
    this.#asking = size;
    const at = this.ex.alloc(size) >>> 0;
    this.#held += size + BLOCK_OVERHEAD;
    return at;
  }

  /** Gives back a block of `size` bytes taken with `alloc`. */
  free(at: number, size: number): void {
    this.ex.free(at);
    this.#held -= size + BLOCK_OVERHEAD;
  }

  /** Bytes the binding holds in Wasm memory (images, scratch, kept texts). */
  get heldBytes(): number {
    return this.#held;
  }

  /** Bytes of the selection words kept in Wasm memory (`keepWords`). */
  get keptWordBytes(): number {
    return this.#wordsBytes;
  }

  /** Entries and bytes of the kept action texts. */
  get keptTexts(): number {
    return this.#texts.size;
  }

  /**
   * A safe point, before a call writes anything: no request refers to kept text or to the
   * scratch. Gives back a full text table (selections copy their action until it is kept again).
   */
  startCall(): void {
    if (this.#textsFull) this.#dropTexts();
  }

  /** After a call: a scratch grown past MAX_KEPT_SCRATCH by one large call is given back. */
  endCall(): void {
    if (this.#scratchSize > MAX_KEPT_SCRATCH) {
      emptyMemo(this.memo);
      this.free(this.scratch, this.#scratchSize);
      this.scratch = 0;
      this.#scratchSize = 0;
    }
  }

  #dropTexts(): void {
    for (const [at, length] of this.#texts.values()) this.free(at, Math.max(1, length));
    this.#texts.clear();
    const words = this.#words;
    for (let i = 0; i < words.length; i += 2) this.free(words[i], words[i + 1]);
    words.length = 0;
    this.#wordsBytes = 0;
    this.#textsFull = false;
    this.textGeneration++;
  }

  /**
   * Re-creates the memory views after the Wasm memory grew. Growing detaches the old buffer,
   * which leaves the old views with length 0: checking that is cheaper than reading
   * `memory.buffer` on every call.
   */
  refresh(): void {
    if (this.u8.length === 0) {
      const buffer = this.ex.memory.buffer;
      this.u8 = new Uint8Array(buffer);
      this.u32 = new Uint32Array(buffer);
    }
  }

  #reserveScratch(bytes: number): number {
    this.growScratch(bytes, 0);
    return this.scratch;
  }

  /** Grows the scratch to `bytes`, keeping its first `keep` bytes. */
  growScratch(bytes: number, keep: number): void {
    if (bytes > this.#scratchSize) {
      const size = Math.max(MIN_SCRATCH, 2 ** Math.ceil(Math.log2(bytes)));
      const next = this.alloc(size);
      emptyMemo(this.memo); // the scratch moves
      this.refresh();
      if (keep > 0) this.u8.copyWithin(next, this.scratch, this.scratch + keep);
      if (this.scratch) this.free(this.scratch, this.#scratchSize);
      this.scratch = next;
      this.#scratchSize = size;
    }
    this.refresh();
  }

  /** Batch requests are laid end to end (8-aligned) in the scratch; addresses are relative until the call. */
  reserveBatch(bytes: number): number {
    const at = (this.batchUsed + 7) & ~7;
    this.growScratch(at + bytes, this.batchUsed);
    return this.scratch + at;
  }

  /** Starts a batch chunk: requests are laid from the scratch's start, under a new chunk number. */
  startChunk(): void {
    this.batchUsed = 0;
    this.batch.chunk = ++this.#chunks;
  }

  /**
   * A copy of ASCII `text` in Wasm memory, for the caller to keep and give back with `free`
   * (checked-texts.ts keeps request resources this way); 0 when the text is not ASCII, or near
   * `maxMemory` (keeping is an optimization: the text is then copied per request).
   */
  keepAscii(text: string): number {
    const n = text.length;
    if (this.#held + n + 2 * BLOCK_OVERHEAD > this.maxMemory) return 0;
    for (let i = 0; i < n; i++) if (text.charCodeAt(i) >= 0x80) return 0;
    let at: number;
    try {
      at = this.alloc(Math.max(1, n));
    } catch (err) {
      // Called while a request is read, outside the call's own recovery: a trap (memory that
      // cannot grow) replaces the instance here, and the call fails with MEMORY_LIMIT.
      throw this.recover(err);
    }
    this.refresh();
    const m8 = this.u8;
    for (let i = 0; i < n; i++) m8[at + i] = text.charCodeAt(i);
    return at;
  }

  /**
   * `text`'s UTF-8 in Wasm memory, written once; [0, 0] once the table is full (it is given
   * back at the next `startCall`, never while a batch chunk may point at it) or the text long.
   */
  internText(text: string): [number, number] {
    let entry = this.#texts.get(text);
    if (entry === undefined) {
      if (text.length > MAX_ACTION_LENGTH) return [0, 0];
      if (this.#texts.size >= MAX_KEPT_TEXTS) {
        this.#textsFull = true;
        return [0, 0];
      }
      const bytes = utf8.encode(text);
      // Keeping text is an optimization: near maxMemory, the action is copied per request instead.
      if (this.#held + bytes.length + 2 * BLOCK_OVERHEAD > this.maxMemory) return [0, 0];
      const at = this.alloc(Math.max(1, bytes.length));
      this.refresh();
      this.u8.set(bytes, at);
      entry = [at, bytes.length];
      this.#texts.set(text, entry);
    }
    return entry;
  }

  /**
   * A copy of a selection's policy-set words in Wasm memory, which requests point at instead of
   * copying them (the copy was 4-6% of a decision on W1 and G1); 0 when the table is full (it is
   * given back with the kept texts at the next `startCall`) or near `maxMemory`. Like kept text,
   * a block is never moved or freed while a request may point at it.
   */
  keepWords(words: Uint32Array): number {
    const size = Math.max(4, words.byteLength);
    if (this.#words.length >= 2 * MAX_KEPT_TEXTS || this.#wordsBytes + size > MAX_KEPT_WORDS_BYTES) {
      this.#textsFull = true;
      return 0;
    }
    if (this.#held + size + 2 * BLOCK_OVERHEAD > this.maxMemory) return 0;
    const at = this.alloc(size);
    this.refresh();
    this.u32.set(words, at >>> 2);
    this.#words.push(at, size);
    this.#wordsBytes += size;
    return at;
  }

  /** Copies the image into memory and checks it; its address becomes its handle. */
  load(p: P): void {
    const size = p.image.length;
    const ptr = this.alloc(size);
    this.refresh();
    this.u8.set(p.image, ptr);
    if (this.ex.checkImage(ptr, size) !== 1) {
      this.free(ptr, size);
      throw new EngineInternalError("IMAGE_REJECTED", "the compiled image was rejected by the core");
    }
    p.handle = ptr;
    this.live.set(ptr, p);
  }

  /** Frees the image's memory (once); its handle becomes 0. */
  unload(p: P): void {
    this.epoch++;
    if (this.live.get(p.handle) === p) {
      this.live.delete(p.handle);
      this.free(p.handle, p.image.length);
    }
    p.handle = 0;
  }

  /** Runs `fn`; a trap replaces the instance (see `recover`). */
  guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.recover(err);
    }
  }

  /**
   * The error to throw for `err`. After a trap the instance is replaced first, every image is
   * loaded again, and the trap surfaces as EngineInternalError `TRAP`.
   */
  recover(err: unknown): unknown {
    if (!(err instanceof WebAssembly.RuntimeError)) return err;
    // The allocator traps when the Wasm memory cannot grow: the old memory tells. It is being
    // discarded, so growing it here to find out costs nothing that stays.
    const full = !canGrow(this.ex.memory, Math.max(this.#asking, 1 << 20));
    this.#attach(new WebAssembly.Instance(this.#module, {}));
    const images = [...this.live.values()];
    this.live.clear();
    const lost: P[] = [];
    for (const p of images) {
      try {
        this.load(p);
      } catch {
        p.handle = 0;
        lost.push(p); // did not fit again: disposed, so that a set using it fails closed
      }
    }
    for (const p of lost) p.dispose();
    this.epoch++;
    if (full) return memoryLimit("the Wasm memory cannot grow any further; the instance was replaced", err);
    return new EngineInternalError("TRAP", `the engine trapped (${err.message}); the instance was replaced`, { cause: err });
  }

  /** Bytes of Wasm linear memory, for leak checks. */
  get memoryBytes(): number {
    return this.ex.memory.buffer.byteLength;
  }
}

function memoryLimit(why: string, cause?: unknown): EngineInternalError {
  return new EngineInternalError("MEMORY_LIMIT", `the engine is out of memory: ${why}; dispose policies no longer needed`, cause === undefined ? undefined : { cause });
}

/** Whether `memory` can still grow by `bytes`. */
function canGrow(memory: WebAssembly.Memory, bytes: number): boolean {
  try {
    memory.grow(Math.ceil(bytes / 65536));
    return true;
  } catch {
    return false;
  }
}
