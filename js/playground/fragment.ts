/**
 * @module playground/fragment
 * The share-URL form of the state: `s=` + base64url (no padding) of the deflate-raw-compressed
 * UTF-8 JSON, the text after `#` (fragments never reach a server). Web APIs only
 * (CompressionStream, TextEncoder, btoa), so it runs in the page and in Node alike.
 *
 * A fragment is untrusted: deflate inflates up to about 1,000 times, so the decoder stops as soon
 * as the output passes `MAX_STATE_BYTES`, feeding the compressed bytes in small pieces so that no
 * single step can inflate far past the limit, and then checks the document's counts (limits.ts).
 */
import { MAX_STATE_BYTES, TOO_LARGE, overLimit } from "./limits.ts";
import { normalizeState, type PlaygroundState } from "./state.ts";

/** A link's state, or why it was not loaded (in words, for the page). */
export type Decoded = { state: PlaygroundState } | { problem: string };
/** The fragment for a state, or why it cannot have one. */
export type Encoded = { fragment: string } | { problem: string };

/** Compressed bytes per step: 1 KiB inflates to at most about 1 MiB. */
const PIECE = 1024;
const UNREADABLE = "it is not a playground state (deflate-raw compressed JSON in base64url)";

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(body).arrayBuffer());
}

class TooLarge extends Error {}

/** Inflates, stopping with `TooLarge` once the output passes `max` bytes. */
async function inflateAtMost(bytes: Uint8Array<ArrayBuffer>, max: number): Promise<Uint8Array> {
  const stream = new DecompressionStream("deflate-raw");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const feeding = (async () => {
    for (let i = 0; i < bytes.length; i += PIECE) await writer.write(bytes.subarray(i, i + PIECE));
    await writer.close();
  })();
  feeding.catch(() => {}); // its failure (corrupt input, or cancelled below) surfaces in read()
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(r.value);
  }
  await feeding;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.byteLength) - c.byteLength);
  return out;
}

/** `s=` + base64url(deflate-raw(UTF-8 JSON)), the text after `#` in a share URL. */
export async function encodeState(state: PlaygroundState): Promise<Encoded> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  if (bytes.length > MAX_STATE_BYTES) return { problem: TOO_LARGE };
  return { fragment: "s=" + toBase64Url(await deflate(bytes)) };
}

/** The state in a URL fragment (`#s=...`); undefined when the fragment holds none. */
export async function decodeState(fragment: string): Promise<Decoded | undefined> {
  const m = /^#?s=([A-Za-z0-9_-]+)$/.exec(fragment);
  if (!m) return undefined;
  let state: PlaygroundState;
  try {
    const bytes = await inflateAtMost(fromBase64Url(m[1]), MAX_STATE_BYTES);
    state = normalizeState(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (err) {
    return { problem: err instanceof TooLarge ? TOO_LARGE : UNREADABLE };
  }
  const problem = overLimit(state);
  return problem ? { problem } : { state };
}
