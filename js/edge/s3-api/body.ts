/**
 * @module edge/s3-api/body
 * A request body on its way into R2, watched as it passes: its length, its MD5 when the gateway
 * needs it (a part's ETag, a Content-MD5 to check), and the first error its source raised (a
 * SigV4Error: a chunk signature, the payload hash or a checksum that did not match), so a failed
 * R2 write is answered with the client's own error rather than R2's. One chunk is held back until
 * the next arrives or the source ends cleanly: the verifier reports a bad checksum or trailer only
 * at the end of the body, and a write of known length (Workers' FixedLengthStream) completes as
 * soon as its last byte arrives, so the last bytes must wait for the verdict. Memory is that one
 * chunk (at most one aws-chunked chunk, 16 MiB), whatever the body's size.
 */
import { md5, hex } from "./md5.ts";
import { SourceReader } from "../streams/source-reader.ts";
import type { Hasher } from "../checksums/hasher.ts";

export interface Tap {
  readonly stream: ReadableStream<Uint8Array>;
  /** Bytes handed on so far. */
  readonly bytes: number;
  /** The MD5 (hex) once the stream ended, when asked for. */
  readonly md5?: string;
  /** The source's error, if it raised one. */
  readonly error?: unknown;
  /** The extra hasher's digest once the stream ended, when one was given. */
  readonly digest?: Uint8Array;
}

/** Watches `source`; `withMd5` hashes it as it passes, and so does `extra` (a checksum to compute). */
export function tapBody(source: ReadableStream<Uint8Array> | null, withMd5 = false, extra?: Hasher): Tap {
  const state: { bytes: number; md5?: string; error?: unknown; hasher?: Hasher; digest?: Uint8Array } = { bytes: 0, hasher: withMd5 ? md5() : undefined };
  const finish = () => {
    if (state.hasher) state.md5 = hex(state.hasher.digest());
    if (extra) state.digest = extra.digest();
  };
  if (source === null) {
    finish();
    return Object.assign(state, { stream: new ReadableStream<Uint8Array>({ start: (c) => c.close() }) });
  }
  const reader = new SourceReader(source);
  let held: Uint8Array | undefined;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        let r: ReadableStreamReadResult<Uint8Array>;
        try {
          r = await reader.read();
        } catch (err) {
          state.error = err;
          controller.error(err);
          return;
        }
        if (r.done) {
          if (held) controller.enqueue(held);
          finish();
          controller.close();
          return;
        }
        if (r.value.length === 0) continue;
        state.bytes += r.value.length;
        state.hasher?.update(r.value);
        extra?.update(r.value);
        const out = held;
        held = r.value;
        if (out) {
          controller.enqueue(out);
          return;
        }
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return Object.defineProperties({ stream } as Tap, {
    bytes: { get: () => state.bytes },
    md5: { get: () => state.md5 },
    error: { get: () => state.error },
    digest: { get: () => state.digest },
  });
}

/** Reads a body to its end (verifying it), keeping nothing: for uploads of zero bytes. */
export async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = new SourceReader(body);
  for (;;) if ((await reader.read()).done) return;
}

/** Reads a small body whole (XML and JSON request bodies), refusing more than `limit` bytes. */
export async function readSmallBody(body: ReadableStream<Uint8Array> | null, limit: number, tooLarge: () => Error): Promise<string> {
  if (!body) return "";
  const reader = new SourceReader(body);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return new TextDecoder().decode(all);
}
