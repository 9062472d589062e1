/**
 * @module edge/s3-api/r2
 * The part of a Workers R2 binding (`R2Bucket`, "Workers Binding API", R2 docs) the gateway uses,
 * declared here so this library needs no Workers types and runs against Miniflare's R2 in Node.
 * Writes take a stream of known length: in Workers that is a request body or the readable side
 * of a `FixedLengthStream` (knownLength below); elsewhere the stream is passed as it is.
 */

export interface R2HTTPMetadata {
  contentType?: string;
  contentLanguage?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  cacheControl?: string;
  cacheExpiry?: Date;
}

export interface R2Object {
  readonly key: string;
  readonly version: string;
  readonly size: number;
  readonly etag: string;
  readonly httpEtag: string;
  readonly uploaded: Date;
  readonly httpMetadata?: R2HTTPMetadata;
  readonly customMetadata?: Record<string, string>;
  readonly range?: { offset?: number; length?: number; suffix?: number };
}

export interface R2ObjectBody extends R2Object {
  readonly body: ReadableStream<Uint8Array>;
  arrayBuffer(): Promise<ArrayBuffer>;
  text(): Promise<string>;
}

export type R2Range = { offset: number; length?: number } | { offset?: number; length: number } | { suffix: number };

export interface R2Conditional {
  etagMatches?: string;
  etagDoesNotMatch?: string;
  uploadedBefore?: Date;
  uploadedAfter?: Date;
}

export interface R2GetOptions {
  range?: R2Range;
  onlyIf?: R2Conditional;
}

export interface R2PutOptions {
  httpMetadata?: R2HTTPMetadata;
  customMetadata?: Record<string, string>;
  md5?: ArrayBuffer | string;
  onlyIf?: R2Conditional;
}

export interface R2ListOptions {
  limit?: number;
  prefix?: string;
  cursor?: string;
  delimiter?: string;
  startAfter?: string;
  include?: ("httpMetadata" | "customMetadata")[];
}

export interface R2Objects {
  objects: R2Object[];
  truncated: boolean;
  cursor?: string;
  delimitedPrefixes: string[];
}

export interface R2UploadedPart {
  partNumber: number;
  etag: string;
}

export interface R2MultipartUpload {
  readonly key: string;
  readonly uploadId: string;
  uploadPart(partNumber: number, value: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array | string): Promise<R2UploadedPart>;
  abort(): Promise<void>;
  complete(parts: R2UploadedPart[]): Promise<R2Object>;
}

export interface R2Bucket {
  head(key: string): Promise<R2Object | null>;
  /** With `onlyIf` failing, R2 answers the object without a body. */
  get(key: string, options?: R2GetOptions): Promise<R2ObjectBody | R2Object | null>;
  /** With `onlyIf` failing, R2 answers null. */
  put(key: string, value: ReadableStream<Uint8Array> | ArrayBuffer | Uint8Array | string | null, options?: R2PutOptions): Promise<R2Object | null>;
  delete(keys: string | string[]): Promise<void>;
  list(options?: R2ListOptions): Promise<R2Objects>;
  createMultipartUpload(key: string, options?: { httpMetadata?: R2HTTPMetadata; customMetadata?: Record<string, string> }): Promise<R2MultipartUpload>;
  resumeMultipartUpload(key: string, uploadId: string): R2MultipartUpload;
}

/**
 * True when R2 answered a body (a get whose conditions held). Looks for the body's methods, not
 * at `body`: Miniflare's Node proxy locks the body the first time anything asks for `body`.
 */
export function hasBody(o: R2Object | R2ObjectBody | null): o is R2ObjectBody {
  return o !== null && typeof (o as R2ObjectBody).text === "function";
}

interface FixedLengthStreamLike {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
}

/**
 * A stream R2 accepts for a write of `length` bytes: in Workers the readable side of a
 * `FixedLengthStream` fed by `stream` (R2 refuses a stream whose length it does not know, and
 * the length is checked as it flows); elsewhere `stream` itself.
 */
export function knownLength(stream: ReadableStream<Uint8Array>, length: number): ReadableStream<Uint8Array> {
  const Fixed = (globalThis as { FixedLengthStream?: new (n: number) => FixedLengthStreamLike }).FixedLengthStream;
  if (!Fixed) return stream;
  const fixed = new Fixed(length);
  // Errors reach R2 through the writable side's abort; the pipe's own rejection is expected then.
  stream.pipeTo(fixed.writable).catch(() => undefined);
  return fixed.readable;
}
