/**
 * @module engine/core
 * The Wasm instance and its memory. The ABI is checked at load; views over memory are made
 * fresh after it grows; the scratch buffer that requests are written into grows in powers of
 * two (a batch lays its requests end to end in it); action text is kept in memory for linked
 * sets; images live behind their handles. A trap (a broken invariant, never user input)
 * discards the instance: a new one is made from the cached module and every loaded image is
 * copied in again, so the engine stays usable.
 */
import * as A from "./abi.ts";
import { EngineInternalError } from "./errors.ts";
import type { KeyTable } from "./keys.ts";
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

/** Distinct texts (actions) kept in Wasm memory (about 40 bytes each), and the longest kept. */
const MAX_TEXTS = 4096;
const MAX_TEXT_LENGTH = 256;

const utf8 = new TextEncoder();

/** An image loaded into the core: its bytes (to load it again after a trap) and its handle. */
export interface LoadedImage {
  readonly image: Uint8Array;
  handle: number;
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

  constructor(module: WebAssembly.Module, instance: WebAssembly.Instance, keys: KeyTable) {
    this.#module = module;
    this.#keys = keys;
    this.#attach(instance);
    this.single = { reserve: (bytes) => this.#reserveScratch(bytes), u8: () => this.u8, u32: () => this.u32, origin: () => this.scratch, memo: this.memo, chunk: 0 };
    this.batch = { reserve: (bytes) => this.reserveBatch(bytes), u8: () => this.u8, u32: () => this.u32, origin: () => this.scratch, memo: this.memo, chunk: 0 };
  }

  #attach(instance: WebAssembly.Instance): void {
    this.ex = checkedExports(instance);
    // A new instance has a new memory: nothing the old one held is there.
    emptyMemo(this.memo);
    this.#texts.clear();
    this.result = this.ex.resultPtr();
    this.scratch = 0;
    this.#scratchSize = 0;
    this.u8 = new Uint8Array(0);
    this.refresh();
    this.ex.reserveKeys(Math.max(64, this.#keys.size));
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
      const size = Math.max(4096, 2 ** Math.ceil(Math.log2(bytes)));
      const next = this.ex.alloc(size);
      emptyMemo(this.memo); // the scratch moves
      this.refresh();
      if (keep > 0) this.u8.copyWithin(next, this.scratch, this.scratch + keep);
      if (this.scratch) this.ex.free(this.scratch);
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

  /** `text`'s UTF-8 in Wasm memory, written once; [0, 0] once the table is full or the text long. */
  internText(text: string): [number, number] {
    let entry = this.#texts.get(text);
    if (entry === undefined) {
      if (this.#texts.size >= MAX_TEXTS || text.length > MAX_TEXT_LENGTH) return [0, 0];
      const bytes = utf8.encode(text);
      const at = this.ex.alloc(Math.max(1, bytes.length));
      this.refresh();
      this.u8.set(bytes, at);
      entry = [at, bytes.length];
      this.#texts.set(text, entry);
    }
    return entry;
  }

  /** Copies the image into memory and checks it; its address becomes its handle. */
  load(p: P): void {
    const size = p.image.length;
    const ptr = this.ex.alloc(size);
    this.refresh();
    this.u8.set(p.image, ptr);
    if (this.ex.checkImage(ptr, size) !== 1) {
      this.ex.free(ptr);
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
      this.ex.free(p.handle);
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
    this.#attach(new WebAssembly.Instance(this.#module, {}));
    const images = [...this.live.values()];
    this.live.clear();
    for (const p of images) this.load(p);
    this.epoch++;
    return new EngineInternalError("TRAP", `the engine trapped (${err.message}); the instance was replaced`, { cause: err });
  }

  /** Bytes of Wasm linear memory, for leak checks. */
  get memoryBytes(): number {
    return this.ex.memory.buffer.byteLength;
  }
}
