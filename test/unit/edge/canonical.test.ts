/**
 * @module test/unit/edge/canonical.test
 * Properties of the canonical request's parts (fast-check): S3's canonical URI does not depend
 * on which optional characters a client escaped (it is the key UriEncoded once); the canonical
 * query does not depend on the order or the escaping of the parameters; path normalization
 * matches RFC 3986 dot-segment removal on paths the URL parser also normalizes; Trimall.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalUri, normalizePath } from "../../../js/edge/sigv4/canonical-uri.ts";
import { canonicalQuery, parseQuery } from "../../../js/edge/sigv4/canonical-query.ts";
import { trimAll } from "../../../js/edge/sigv4/canonical-headers.ts";
import { uriEncode } from "../../../js/edge/sigv4/encoding.ts";

const S3 = { doubleEncode: false, normalize: false };
const text = fc.string({ unit: fc.constantFrom(..."ab/~-._ +%()!*'@&=?#é€😀\u0000"), maxLength: 12 });

/** Escapes every byte but `/` (upper- or lower-case hex), or only what the URL parser must. */
const escapeAll = (s: string, lower: boolean) => [...new TextEncoder().encode(s)].map((b) => (b === 0x2f ? "/" : "%" + (lower ? b.toString(16) : b.toString(16).toUpperCase()).padStart(2, "0"))).join("");
const escapeMinimal = (s: string) => s.split("/").map((seg) => encodeURIComponent(seg).replace(/%2[14789]|%2A|%7E/gi, (m) => decodeURIComponent(m))).join("/");

describe("canonical request parts", () => {
  it("S3: the canonical URI is the key UriEncoded once, however the client escaped it", () => {
    fc.assert(fc.property(text, fc.boolean(), (key, lower) => {
      const expected = uriEncode("/" + key, true);
      expect(canonicalUri("/" + escapeAll(key, lower), S3)).toBe(expected);
      expect(canonicalUri("/" + escapeMinimal(key), S3)).toBe(expected);
    }), { numRuns: 500 });
  });

  it("the canonical query does not depend on the parameters' order or escaping", () => {
    const pair = fc.tuple(text.filter((s) => s !== ""), text);
    fc.assert(fc.property(fc.array(pair, { maxLength: 6 }), fc.boolean(), (pairs, lower) => {
      const a = pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
      const b = [...pairs].reverse().map(([k, v]) => `${escapeAll(k, lower).replace(/\//g, "%2F")}=${escapeAll(v, lower).replace(/\//g, "%2F")}`).join("&");
      expect(canonicalQuery(parseQuery(b))).toBe(canonicalQuery(parseQuery(a)));
    }), { numRuns: 300 });
  });

  it("normalization removes dot segments as the URL parser does, and drops empty segments", () => {
    const segment = fc.constantFrom("a", "b", ".", "..", "c d");
    // A path ending in a dot segment is where they differ (docs/edge.md): the signers turn
    // `/a/.` into `/a`, the URL parser into `/a/`.
    const path = fc.tuple(fc.array(segment, { maxLength: 8 }), fc.boolean()).filter(([s, t]) => t || s.length === 0 || (s[s.length - 1] !== "." && s[s.length - 1] !== ".."));
    fc.assert(fc.property(path, ([segments, trailing]) => {
      const path = "/" + segments.join("/") + (trailing ? "/" : "");
      const viaUrl = new URL(`http://h${path.replace(/ /g, "%20")}`).pathname.replace(/%20/g, " ");
      expect(normalizePath(path).replace(/\/+/g, "/") || "/").toBe(viaUrl.replace(/\/+/g, "/"));
    }), { numRuns: 300 });
    expect(normalizePath("//example//")).toBe("/example/");
    expect(normalizePath("/a/.")).toBe("/a");
    expect(new URL("http://h/a/.").pathname).toBe("/a/");
    expect(normalizePath("/a/b/../../..")).toBe("/");
  });

  it("Trimall: outer spaces and tabs removed, inner runs collapsed", () => {
    expect(trimAll("  a \t  b   c\t")).toBe("a b c");
    expect(trimAll('"a   b   c"')).toBe('"a b c"');
  });
});
