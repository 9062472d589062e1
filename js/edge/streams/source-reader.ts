/**
 * @module edge/streams/source-reader
 * The reader a wrapping stream (a verifier, a tap) keeps over its source, taken at the first
 * read rather than when the wrapper is made, and given back as soon as the source is done: at
 * its end, on its error, or when the wrapper is cancelled (which cancels the source). So a body
 * that nobody reads is never left locked (the runtime, or wrangler dev's drain, can still read
 * or discard it), and a body read to its end is released. A request body left locked and
 * unread is what wrangler dev reports as "Failed to drain the unused request body".
 */

export class SourceReader {
  private reader?: ReadableStreamDefaultReader<Uint8Array>;
  private settled = false;

  constructor(private readonly source: ReadableStream<Uint8Array>) {}

  /** The next piece; `done` once the source ended (the lock is given back then). */
  async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    if (this.settled) return { done: true, value: undefined };
    this.reader ??= this.source.getReader();
    try {
      const r = await this.reader.read();
      if (r.done) this.release();
      return r;
    } catch (err) {
      this.release();
      throw err;
    }
  }

  /** Stops reading: the source is cancelled (whether or not it was read) and released. */
  async cancel(reason?: unknown): Promise<void> {
    if (this.settled) return;
    const reader = this.reader;
    this.settled = true;
    try {
      if (reader) await reader.cancel(reason);
      else if (!this.source.locked) await this.source.cancel(reason);
    } catch {
      // A source that already failed has nothing left to cancel.
    } finally {
      if (reader) releaseQuietly(reader);
      this.reader = undefined;
    }
  }

  private release(): void {
    this.settled = true;
    if (this.reader) releaseQuietly(this.reader);
    this.reader = undefined;
  }
}

function releaseQuietly(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  try {
    reader.releaseLock();
  } catch {
    // Older runtimes refuse while a read is pending; the stream is finished either way.
  }
}
