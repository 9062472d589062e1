/**
 * @module playground/fragment
 * The share-URL form of the state: `s=` + base64url (no padding) of the deflate-raw-compressed
 * UTF-8 JSON, the text after `#` (fragments never reach a server). Web APIs only
 * (CompressionStream, TextEncoder, btoa), so it runs in the page and in Node alike.
 */
import { normalizeState, type PlaygroundState } from "./state.ts";

function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const body = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

/** `s=` + base64url(deflate-raw(UTF-8 JSON)), the text after `#` in a share URL. */
export async function encodeState(state: PlaygroundState): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  return "s=" + toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
}

/** The state in a URL fragment (`#s=...`), or undefined when there is none or it is unreadable. */
export async function decodeState(fragment: string): Promise<PlaygroundState | undefined> {
  const m = /^#?s=([A-Za-z0-9_-]+)$/.exec(fragment);
  if (!m) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(m[1]), new DecompressionStream("deflate-raw"));
    return normalizeState(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return undefined;
  }
}
