/**
 * @module edge/s3-api/bucket-names
 * "General purpose bucket naming rules" (S3 User Guide): 3 to 63 characters of lower-case
 * letters, digits, dots and hyphens; a letter or digit first and last; no two adjacent dots; not
 * an IPv4 address; not starting with `xn--`, `sthree-` or `amzn-s3-demo-`; not ending with
 * `-s3alias`, `--ol-s3`, `.mrap`, `--x-s3` or `--table-s3` (reserved for access point aliases,
 * Object Lambda, Multi-Region Access Points, directory and table buckets). The US East
 * (N. Virginia) legacy names (upper case, underscores, up to 255) are not accepted: S3 stopped
 * accepting them on March 1, 2018.
 */

const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/** Why `name` is not a valid bucket name, or undefined when it is. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return "must be 3 to 63 characters long";
  if (!/^[a-z0-9.-]+$/.test(name)) return "may hold only lower-case letters, digits, dots and hyphens";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must begin and end with a letter or digit";
  if (name.includes("..")) return "must not hold two adjacent dots";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return "must not start with a reserved prefix";
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return "must not end with a reserved suffix";
  return undefined;
}

export function isValidBucketName(name: string): boolean {
  return bucketNameProblem(name) === undefined;
}
