/**
 * @module edge/checksums/algorithms
 * S3's flexible checksums ("Checking object integrity in Amazon S3"): the algorithms, their
 * header names (`x-amz-checksum-crc32`, `-crc32c`, `-crc64nvme`, `-sha1`, `-sha256`) and the
 * size of the base64 value each carries.
 */
import type { Hasher } from "./hasher.ts";
import { crc32, crc32c } from "./crc32.ts";
import { crc64nvme } from "./crc64nvme.ts";
import { sha1 } from "./sha1.ts";
import { sha256 } from "./sha256.ts";

export type ChecksumAlgorithm = "CRC32" | "CRC32C" | "CRC64NVME" | "SHA1" | "SHA256";

export interface ChecksumSpec {
  algorithm: ChecksumAlgorithm;
  /** Lower-case header (and trailer) name. */
  header: string;
  /** Digest size in bytes. */
  size: number;
  create(): Hasher;
}

export const CHECKSUMS: readonly ChecksumSpec[] = [
  { algorithm: "CRC32", header: "x-amz-checksum-crc32", size: 4, create: crc32 },
  { algorithm: "CRC32C", header: "x-amz-checksum-crc32c", size: 4, create: crc32c },
  { algorithm: "CRC64NVME", header: "x-amz-checksum-crc64nvme", size: 8, create: crc64nvme },
  { algorithm: "SHA1", header: "x-amz-checksum-sha1", size: 20, create: sha1 },
  { algorithm: "SHA256", header: "x-amz-checksum-sha256", size: 32, create: sha256 },
];

/** The checksum named by a header or trailer name (any case). */
export function checksumByHeader(name: string): ChecksumSpec | undefined {
  const lower = name.toLowerCase();
  return CHECKSUMS.find((c) => c.header === lower);
}

/** The checksum named by an algorithm (`x-amz-sdk-checksum-algorithm`, any case). */
export function checksumByAlgorithm(name: string): ChecksumSpec | undefined {
  const upper = name.toUpperCase();
  return CHECKSUMS.find((c) => c.algorithm === upper);
}
