/**
 * @module edge/s3/addressing
 * Bucket and key of an S3 request ("Virtual hosting of buckets", S3 User Guide): virtual-hosted
 * style when the Host is `<bucket>.<endpoint>` for one of the configured endpoint hosts, else
 * path style (`/<bucket>/<key>`). The key is the rest of the path percent-decoded (UTF-8), with
 * `+`, `//` and `.`/`..` segments kept as they are: S3 signs and stores the key as sent.
 */

export interface S3Address {
  bucket?: string;
  key?: string;
  style: "path" | "virtual-hosted";
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Percent-decodes a path piece to text (invalid UTF-8 becomes U+FFFD). */
export function decodeKey(raw: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "%" && /^[0-9A-Fa-f]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...enc.encode(c));
  }
  return utf8.decode(new Uint8Array(bytes));
}

/**
 * Splits a request into bucket and key. `endpoints` are the service hosts (`s3.example.com`);
 * a Host below one of them names the bucket.
 */
export function s3Address(host: string, rawPath: string, endpoints: readonly string[] = []): S3Address {
  const hostname = host.replace(/:\d+$/, "").toLowerCase();
  const path = rawPath.startsWith("/") ? rawPath.slice(1) : rawPath;
  for (const endpoint of endpoints) {
    const suffix = "." + endpoint.toLowerCase();
    if (hostname.endsWith(suffix) && hostname.length > suffix.length) {
      const bucket = hostname.slice(0, -suffix.length);
      return path === "" ? { bucket, style: "virtual-hosted" } : { bucket, key: decodeKey(path), style: "virtual-hosted" };
    }
  }
  if (path === "") return { style: "path" };
  const slash = path.indexOf("/");
  if (slash < 0) return { bucket: decodeKey(path), style: "path" };
  const key = path.slice(slash + 1);
  return key === "" ? { bucket: decodeKey(path.slice(0, slash)), style: "path" } : { bucket: decodeKey(path.slice(0, slash)), key: decodeKey(key), style: "path" };
}
