/**
 * @module test/unit/edge/request-text
 * Turns the raw HTTP request text of the AWS SigV4 test suite into what a server hands a
 * handler: a standard `Request` (or, where the runtime's Request drops headers a browser may not
 * set, such as `host` and `content-length`, an object of the same shape with an unguarded
 * `Headers`), plus the request target's raw path for `verifySigV4`'s `path` option. Obsolete
 * line folding (a line starting with a space continues the previous header) is unfolded as
 * RFC 9112 §5.2 lets a recipient do: replaced by a space.
 */
export interface RawRequest {
  method: string;
  /** The request target as written (`/example space/?a=b`). */
  target: string;
  headers: [string, string][];
  body?: Uint8Array;
}

export interface RequestLike {
  method: string;
  url: string;
  headers: Headers;
  body: ReadableStream<Uint8Array> | null;
}

export function parseRawRequest(text: string): RawRequest {
  const normalized = text.replace(/\r\n/g, "\n");
  const blank = normalized.indexOf("\n\n");
  const head = blank < 0 ? normalized : normalized.slice(0, blank);
  const bodyText = blank < 0 ? "" : normalized.slice(blank + 2);
  const lines = head.split("\n");
  const m = /^(\S+) (.*) HTTP\/1\.1$/.exec(lines[0]);
  if (!m) throw new Error(`not a request line: ${lines[0]}`);
  const headers: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1][1] += " " + line.trim();
      continue;
    }
    const colon = line.indexOf(":");
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const body = bodyText === "" ? undefined : new TextEncoder().encode(bodyText);
  return { method: m[1], target: m[2], headers, body };
}

/** The path part of a request target. */
export function targetPath(target: string): string {
  const q = target.indexOf("?");
  return q < 0 ? target : target.slice(0, q);
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({ start(c) { c.enqueue(bytes); c.close(); } });
}

/** A Request for the raw request, or a request-like object where the runtime drops some of its headers. */
export function toRequest(raw: RawRequest, origin?: string): RequestLike {
  const host = raw.headers.find(([n]) => n.toLowerCase() === "host")?.[1] ?? "example.amazonaws.com";
  const url = `${origin ?? `http://${host}`}${raw.target}`;
  const headers = new Headers();
  for (const [n, v] of raw.headers) headers.append(n, v);
  try {
    const request = new Request(url, { method: raw.method, headers, body: raw.body as BodyInit | undefined });
    let kept = true;
    headers.forEach((_v, name) => { if (request.headers.get(name) !== headers.get(name)) kept = false; });
    if (kept) return request as RequestLike;
  } catch {
    // A runtime that refuses one of the headers: fall through to the plain object.
  }
  return { method: raw.method, url: new URL(url).href, headers, body: raw.body ? streamOf(raw.body) : null };
}
