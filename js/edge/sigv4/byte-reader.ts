/**
 * @module edge/sigv4/byte-reader
 * Reads a byte stream in the pieces a chunked body is made of: a line up to CRLF, exactly n
 * bytes, or whatever is available up to n bytes. Holds at most what the caller asked for plus
 * the rest of the last piece the source delivered, so memory stays bounded by the caller's
 * limits (one chunk), whatever the body size. The source is locked only from the first read
 * and released at its end or on cancel (streams/source-reader.ts).
 */
import { SourceReader } from "../streams/source-reader.ts";

export class ByteReader {
  private readonly reader: SourceReader;
  private pending: Uint8Array = new Uint8Array(0);
  private done = false;

  constructor(stream: ReadableStream<Uint8Array>) {
    this.reader = new SourceReader(stream);
  }

  /** Waits for at least one byte in `pending`; false at the end of the stream. */
  private async fill(): Promise<boolean> {
    while (this.pending.length === 0) {
      if (this.done) return false;
      const { value, done } = await this.reader.read();
      if (done) {
        this.done = true;
        return false;
      }
      if (value && value.length > 0) this.pending = value;
    }
    return true;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill());
  }

  /**
   * A line without its CRLF, as Latin-1 text; undefined at the end of the stream before any
   * byte. Throws `LineTooLong` past `max` bytes and `Truncated` at an end inside the line.
   */
  async readLine(max: number): Promise<string | undefined> {
    let line = "";
    let sawCR = false;
    let any = false;
    for (;;) {
      if (!(await this.fill())) {
        if (!any) return undefined;
        throw new ByteReaderError("Truncated", "the body ended inside a line");
      }
      any = true;
      const p = this.pending;
      let i = 0;
      for (; i < p.length; i++) {
        const b = p[i];
        if (sawCR) {
          if (b !== 0x0a) throw new ByteReaderError("Malformed", "a CR not followed by LF");
          this.pending = p.subarray(i + 1);
          return line;
        }
        if (b === 0x0d) sawCR = true;
        else if (b === 0x0a) throw new ByteReaderError("Malformed", "a line ended by LF without CR");
        else {
          if (line.length >= max) throw new ByteReaderError("LineTooLong", `a line longer than ${max} bytes`);
          line += String.fromCharCode(b);
        }
      }
      this.pending = p.subarray(i);
    }
  }

  /** Exactly `n` bytes (a new buffer), or `Truncated`. */
  async readExact(n: number): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      if (!(await this.fill())) throw new ByteReaderError("Truncated", `the body ended ${n - filled} bytes early`);
      const take = Math.min(n - filled, this.pending.length);
      out.set(this.pending.subarray(0, take), filled);
      this.pending = this.pending.subarray(take);
      filled += take;
    }
    return out;
  }

  /** Up to `n` bytes that are available now (at least one), or `Truncated`. */
  async readSome(n: number): Promise<Uint8Array> {
    if (!(await this.fill())) throw new ByteReaderError("Truncated", "the body ended early");
    const take = Math.min(n, this.pending.length);
    const out = this.pending.slice(0, take);
    this.pending = this.pending.subarray(take);
    return out;
  }

  /** Consumes CRLF, or throws. */
  async expectCRLF(): Promise<void> {
    const two = await this.readExact(2);
    if (two[0] !== 0x0d || two[1] !== 0x0a) throw new ByteReaderError("Malformed", "chunk data not followed by CRLF");
  }

  /** Stops reading the source (the consumer went away or the body is refused). */
  cancel(reason?: unknown): Promise<void> {
    return this.reader.cancel(reason);
  }
}

export class ByteReaderError extends Error {
  constructor(readonly kind: "Truncated" | "Malformed" | "LineTooLong", message: string) {
    super(message);
    this.name = "ByteReaderError";
  }
}
