/**
 * @module edge/streams/discard
 * What becomes of a request body the application did not read (a CreateMultipartUpload's empty
 * body, a request refused before its body mattered): read to its end and dropped when it is
 * small, so the connection it came on stays usable for the next request; cancelled past `limit`
 * bytes, so a refused upload is not read whole. Either way the stream ends unlocked and settled:
 * nothing is left for the runtime (or wrangler dev's drain) to trip over.
 */

/** Up to 1 MiB is read and dropped; more is cancelled. */
export const DISCARD_LIMIT = 1024 * 1024;

/** Reads and drops `body` (at most `limit` bytes, then cancels it). Never throws. */
export async function discardUnread(body: ReadableStream<Uint8Array> | null | undefined, limit = DISCARD_LIMIT): Promise<void> {
  if (!body || body.locked) return;
  const reader = body.getReader();
  let seen = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      seen += value.length;
      if (seen > limit) {
        await reader.cancel().catch(() => undefined);
        return;
      }
    }
  } catch {
    // A body that fails its own checks is unwanted all the same.
    await reader.cancel().catch(() => undefined);
  } finally {
    try {
      reader.releaseLock();
    } catch {
      // Nothing is pending once the loop is left.
    }
  }
}
