/**
 * @module edge/sigv4/aws-chunked
 * Decodes an `aws-chunked` body as it streams, checking it on the way ("Signature Calculations
 * for the Authorization Header: Transferring Payload in Multiple Chunks" and "...: Including
 * Trailing Headers", S3 API Reference):
 *
 *     signed:    <hex-size>;chunk-signature=<64 hex>\r\n<data>\r\n ... 0;chunk-signature=<sig>\r\n
 *     unsigned:  <hex-size>\r\n<data>\r\n ... 0\r\n
 *     then, with a trailer: <name>:<value>\r\n ... [x-amz-trailer-signature:<sig>\r\n]
 *     and a final \r\n.
 *
 * A signed chunk is held until its signature (string to sign `AWS4-HMAC-SHA256-PAYLOAD`,
 * chained from the seed signature through every previous chunk) verifies, then delivered: a
 * forged chunk never reaches the consumer. Unsigned chunks stream through as they arrive.
 * The signed trailer is checked against `AWS4-HMAC-SHA256-TRAILER`. Memory stays one chunk
 * (`maxChunkSize`, 16 MiB by default, as MinIO caps it) plus one line (`maxLineLength`, 4 KiB).
 * The stream errors with a SigV4Error on any failure: a bad signature, a malformed or truncated
 * body, a decoded length other than `x-amz-decoded-content-length`, a missing or undeclared
 * trailer, a checksum that does not match.
 */
import { ByteReader, ByteReaderError } from "./byte-reader.ts";
import { ChecksumCheck } from "./checksum-check.ts";
import { constantTimeEqual, hmac, sha256Hex } from "./crypto.ts";
import { toHex } from "./encoding.ts";
import {
  chunkSignatureDoesNotMatch, incompleteBody, malformedChunk, malformedTrailer, type Dialect,
} from "./errors.ts";

/** SHA-256 of the empty string: the "previous header" hash of a chunk's string to sign. */
export const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface ChunkSigning {
  key: CryptoKey;
  amzDate: string;
  scope: string;
  /** The request's signature, which the first chunk's signature chains from. */
  seed: string;
}

export interface AwsChunkedOptions {
  dialect: Dialect;
  /** Chunk signatures to check; undefined for STREAMING-UNSIGNED-PAYLOAD-TRAILER. */
  signing?: ChunkSigning;
  /** A trailer follows the last chunk. */
  trailer: boolean;
  /** `x-amz-decoded-content-length`. */
  decodedLength: number;
  /** Lower-case trailer names from `x-amz-trailer`. */
  declaredTrailers: string[];
  /** Checksums to check over the decoded data (header values, or trailer ones by name). */
  checksums: ChecksumCheck[];
  maxChunkSize: number;
  maxLineLength: number;
  /** Called with the trailer (lower-case names) once the body has verified. */
  onTrailer?: (trailer: Record<string, string>) => void;
}

const SIGNED_HEADER = /^([0-9a-fA-F]{1,16});chunk-signature=([0-9a-f]{64})$/;
const UNSIGNED_HEADER = /^([0-9a-fA-F]{1,16})$/;
const MAX_TRAILER_LINES = 16;

class Decoder {
  private readonly reader: ByteReader;
  private previous: string;
  private delivered = 0;
  /** Bytes left in the current unsigned chunk (streamed in pieces). */
  private remaining = 0;
  private finished = false;

  constructor(source: ReadableStream<Uint8Array>, private readonly o: AwsChunkedOptions) {
    this.reader = new ByteReader(source);
    this.previous = o.signing?.seed ?? "";
  }

  /** Produces the next piece of decoded data, or undefined at the verified end. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.finished) return undefined;
    if (this.remaining > 0) return this.unsignedPiece();
    const line = await this.reader.readLine(this.o.maxLineLength);
    if (line === undefined) throw incompleteBody(this.o.dialect, "the body ended before its last chunk");
    const m = (this.o.signing ? SIGNED_HEADER : UNSIGNED_HEADER).exec(line);
    if (!m) throw malformedChunk(this.o.dialect, `bad chunk header '${line.slice(0, 120)}'`);
    const size = parseInt(m[1], 16);
    if (size > this.o.maxChunkSize) throw malformedChunk(this.o.dialect, `a chunk of ${size} bytes is above the limit of ${this.o.maxChunkSize}`);
    if (this.delivered + size > this.o.decodedLength) throw incompleteBody(this.o.dialect, `more than the ${this.o.decodedLength} bytes of x-amz-decoded-content-length`);
    if (this.o.signing) return this.signedChunk(size, m[2]);
    if (size === 0) return this.end();
    this.remaining = size;
    return this.unsignedPiece();
  }

  private async signedChunk(size: number, signature: string): Promise<Uint8Array | undefined> {
    const data = size > 0 ? await this.reader.readExact(size) : new Uint8Array(0);
    if (size > 0) await this.reader.expectCRLF();
    const s = this.o.signing!;
    const stringToSign = `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${this.previous}\n${EMPTY_SHA256}\n${await sha256Hex(data)}`;
    const expected = toHex(await hmac(s.key, stringToSign));
    if (!constantTimeEqual(expected, signature)) throw chunkSignatureDoesNotMatch(this.o.dialect, `chunk at decoded offset ${this.delivered}`);
    this.previous = signature;
    if (size === 0) return this.end();
    this.account(data);
    return data;
  }

  private async unsignedPiece(): Promise<Uint8Array> {
    const piece = await this.reader.readSome(this.remaining);
    this.remaining -= piece.length;
    if (this.remaining === 0) await this.reader.expectCRLF();
    this.account(piece);
    return piece;
  }

  private account(data: Uint8Array): void {
    this.delivered += data.length;
    for (const c of this.o.checksums) c.update(data);
  }

  /** After the zero-length chunk: the trailer, the final CRLF, the length and checksums. */
  private async end(): Promise<undefined> {
    const trailer = this.o.trailer ? await this.readTrailer() : {};
    if (!this.o.trailer) {
      const last = await this.reader.readLine(this.o.maxLineLength);
      if (last !== undefined && last !== "") throw malformedChunk(this.o.dialect, "data after the last chunk");
    }
    if (!(await this.reader.atEnd())) throw malformedChunk(this.o.dialect, "data after the end of the body");
    if (this.delivered !== this.o.decodedLength) {
      throw incompleteBody(this.o.dialect, `${this.delivered} bytes decoded, x-amz-decoded-content-length is ${this.o.decodedLength}`);
    }
    for (const c of this.o.checksums) c.verify(c.expected === undefined ? trailer[c.spec.header] : undefined);
    this.finished = true;
    this.o.onTrailer?.(trailer);
    return undefined;
  }

  private async readTrailer(): Promise<Record<string, string>> {
    const fields: [string, string][] = [];
    let signature: string | undefined;
    for (let n = 0; ; n++) {
      const line = await this.reader.readLine(this.o.maxLineLength);
      if (line === undefined || line === "") break;
      if (n >= MAX_TRAILER_LINES) throw malformedTrailer(this.o.dialect, `more than ${MAX_TRAILER_LINES} trailer lines`);
      const colon = line.indexOf(":");
      if (colon <= 0) throw malformedTrailer(this.o.dialect, `'${line.slice(0, 120)}' is not name:value`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === "x-amz-trailer-signature") signature = value;
      else fields.push([name, value]);
    }
    const trailer: Record<string, string> = {};
    for (const [name, value] of fields) {
      if (!this.o.declaredTrailers.includes(name)) throw malformedTrailer(this.o.dialect, `trailer '${name}' was not declared in x-amz-trailer`);
      trailer[name] = value;
    }
    for (const name of this.o.declaredTrailers) if (!(name in trailer)) throw malformedTrailer(this.o.dialect, `declared trailer '${name}' is missing`);
    if (this.o.signing) await this.checkTrailerSignature(fields, signature);
    else if (signature !== undefined) throw malformedTrailer(this.o.dialect, "x-amz-trailer-signature in an unsigned trailer");
    return trailer;
  }

  private async checkTrailerSignature(fields: [string, string][], signature: string | undefined): Promise<void> {
    if (signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) throw malformedTrailer(this.o.dialect, "the signed trailer has no x-amz-trailer-signature");
    const s = this.o.signing!;
    const canonical = fields.map(([n, v]) => `${n}:${v}\n`).join("");
    const stringToSign = `AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${this.previous}\n${await sha256Hex(canonical)}`;
    const expected = toHex(await hmac(s.key, stringToSign));
    if (!constantTimeEqual(expected, signature)) throw chunkSignatureDoesNotMatch(this.o.dialect, "trailer");
  }

  cancel(reason?: unknown): Promise<void> {
    return this.reader.cancel(reason);
  }
}

/** Maps the reader's parse errors to the dialect's errors. */
function toSigV4Error(err: unknown, dialect: Dialect): unknown {
  if (err instanceof ByteReaderError) {
    return err.kind === "Truncated" ? incompleteBody(dialect, err.message) : malformedChunk(dialect, err.message);
  }
  return err;
}

/** The decoded, verified body of an aws-chunked stream. */
export function decodeAwsChunked(source: ReadableStream<Uint8Array>, options: AwsChunkedOptions): ReadableStream<Uint8Array> {
  const decoder = new Decoder(source, options);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const piece = await decoder.next();
        if (piece === undefined) controller.close();
        else controller.enqueue(piece);
      } catch (err) {
        const e = toSigV4Error(err, options.dialect);
        controller.error(e);
        await decoder.cancel(e);
      }
    },
    cancel(reason) {
      return decoder.cancel(reason);
    },
  }, { highWaterMark: 0 });
}
