/**
 * @module edge/sigv4/checksum-check
 * One flexible checksum checked over a body as it streams: its value comes from a header
 * (`x-amz-checksum-crc32: ...`, known before the body) or from the trailer (declared in
 * `x-amz-trailer`, known after it). A mismatch is S3's `BadDigest`; a value that is not the
 * base64 of a digest of the algorithm's size is `InvalidRequest` ("Checking object integrity").
 */
import type { ChecksumSpec } from "../checksums/algorithms.ts";
import type { Hasher } from "../checksums/hasher.ts";
import { toBase64 } from "./encoding.ts";
import { badDigest, invalidChecksumValue, type Dialect } from "./errors.ts";

/** True when `value` is the base64 of exactly `size` bytes. */
export function isChecksumValue(value: string, size: number): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  try {
    return atob(value).length === size;
  } catch {
    return false;
  }
}

export class ChecksumCheck {
  private readonly hasher: Hasher;
  /** The value once it verified (base64): what a store keeps with the object. */
  verified?: string;

  constructor(
    private readonly dialect: Dialect,
    readonly spec: ChecksumSpec,
    /** The value from a header; undefined when it comes in the trailer. */
    readonly expected?: string,
  ) {
    if (expected !== undefined && !isChecksumValue(expected, spec.size)) throw invalidChecksumValue(dialect, spec.header);
    this.hasher = spec.create();
  }

  update(bytes: Uint8Array): void {
    this.hasher.update(bytes);
  }

  /** Compares with the header's value, or with `trailerValue`; returns the computed base64. */
  verify(trailerValue?: string): string {
    const value = this.expected ?? trailerValue;
    if (value === undefined) throw badDigest(this.dialect, this.spec.algorithm);
    if (!isChecksumValue(value, this.spec.size)) throw invalidChecksumValue(this.dialect, this.spec.header);
    const computed = toBase64(this.hasher.digest());
    if (computed !== value) throw badDigest(this.dialect, this.spec.algorithm);
    this.verified = computed;
    return computed;
  }
}
