/**
 * @module edge/sigv4/canonical-query
 * The CanonicalQueryString line: each parameter's name and value decoded and UriEncoded (so
 * the line does not depend on how the client escaped them), sorted by encoded name then encoded
 * value, `name=value` joined with `&` (an empty value keeps its `=`). A presigned URL's
 * `X-Amz-Signature` is left out. A raw `+` is a space, as in any form-encoded query (signers
 * write a plus as `%2B`; URLSearchParams, which aws4fetch's presigned URLs go through, writes a
 * space as `+`).
 * Parsing works on bytes, so invalid UTF-8 in a parameter round-trips unchanged.
 */
import { percentDecode, uriEncodeBytes } from "./encoding.ts";

export interface QueryParam {
  /** Decoded as text (for lookups such as `X-Amz-Credential`). */
  name: string;
  value: string;
  /** UriEncoded from the decoded bytes (for the canonical line). */
  encodedName: string;
  encodedValue: string;
}

const utf8 = new TextDecoder();

/** The parameters of a raw query string (without `?`), in order. */
export function parseQuery(search: string): QueryParam[] {
  const out: QueryParam[] = [];
  const raw = search.startsWith("?") ? search.slice(1) : search;
  if (raw === "") return out;
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const nameBytes = percentDecode(eq < 0 ? part : part.slice(0, eq), true);
    const valueBytes = percentDecode(eq < 0 ? "" : part.slice(eq + 1), true);
    out.push({ name: utf8.decode(nameBytes), value: utf8.decode(valueBytes), encodedName: uriEncodeBytes(nameBytes), encodedValue: uriEncodeBytes(valueBytes) });
  }
  return out;
}

/** The value of the first parameter named exactly `name`. */
export function queryValue(params: QueryParam[], name: string): string | undefined {
  return params.find((p) => p.name === name)?.value;
}

/** The canonical query string, leaving out the parameters `omit` names. */
export function canonicalQuery(params: QueryParam[], omit: (name: string) => boolean = () => false): string {
  const kept = params.filter((p) => !omit(p.name)).map((p) => [p.encodedName, p.encodedValue] as const);
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return kept.map(([n, v]) => `${n}=${v}`).join("&");
}
