/**
 * @module edge/aws-query/form
 * The parameters of an awsQuery request: the `application/x-www-form-urlencoded` body of a POST,
 * or the query string of a GET (the AWS SDKs and CLI POST; GET works too, as AWS documents for
 * the Query API). Decoded strictly (WHATWG form encoding: `+` is a space, `%XX` a byte, the
 * bytes UTF-8), where `URLSearchParams` would pass a broken `%` sequence through: a parameter
 * that does not decode is `MalformedQueryString` (HTTP 404, "Common Errors").
 *
 * Bounded before any work: at most `maxParameters` parameters (InvalidQueryParameter), names of
 * at most `maxNameLength` characters and `maxDepth` dot-separated segments (a list member of a
 * structure in a list is five: `A.member.1.B.member.2`); a name given twice is
 * InvalidQueryParameter too (which value would count is not defined by the protocol).
 */
import { QueryError } from "./errors.ts";

export interface FormLimits {
  /** Most parameters in one request (default 2000). */
  maxParameters: number;
  /** Longest parameter name, characters (default 512). */
  maxNameLength: number;
  /** Most dot-separated segments in a name (default 12). */
  maxDepth: number;
}

export const DEFAULT_FORM_LIMITS: FormLimits = { maxParameters: 2000, maxNameLength: 512, maxDepth: 12 };

const utf8 = new TextDecoder("utf-8", { fatal: true });

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** One name or value: `+` → space, `%XX` → byte, the bytes as UTF-8; undefined when malformed. */
function decodeComponent(text: string): string | undefined {
  if (text.indexOf("%") < 0) return text.indexOf("+") < 0 ? text : text.replace(/\+/g, " ");
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 37) {
      const hi = hexValue(text.charCodeAt(i + 1));
      const lo = hexValue(text.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return undefined;
      bytes.push(hi * 16 + lo);
      i += 2;
    } else if (c === 43) {
      bytes.push(32);
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      // A raw non-ASCII character (a lenient client): its UTF-8 bytes, surrogate pairs kept whole.
      const end = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? i + 2 : i + 1;
      for (const b of encoder.encode(text.slice(i, end))) bytes.push(b);
      i = end - 1;
    }
  }
  try {
    return utf8.decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}

function shortened(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

/**
 * The parameters of a form body or query string, in order.
 * @throws QueryError MalformedQueryString, InvalidQueryParameter
 * @example
 * parseForm("Action=GetUser&Version=2010-05-08&UserName=alice").get("UserName") // "alice"
 */
export function parseForm(text: string, limits: FormLimits = DEFAULT_FORM_LIMITS): Map<string, string> {
  const params = new Map<string, string>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end < 0) end = text.length;
    if (end > start) addPair(params, text.slice(start, end), limits);
    start = end + 1;
  }
  return params;
}

function addPair(params: Map<string, string>, pair: string, limits: FormLimits): void {
  const eq = pair.indexOf("=");
  const rawName = eq < 0 ? pair : pair.slice(0, eq);
  const name = decodeComponent(rawName);
  const value = eq < 0 ? "" : decodeComponent(pair.slice(eq + 1));
  if (name === undefined || value === undefined) {
    throw new QueryError("MalformedQueryString", 404, `The query string contains a syntax error: parameter '${shortened(rawName)}' is not valid percent-encoded UTF-8`);
  }
  if (params.size >= limits.maxParameters) {
    throw new QueryError("InvalidQueryParameter", 400, `The request has more than ${limits.maxParameters} parameters`);
  }
  if (name.length > limits.maxNameLength || name.split(".").length > limits.maxDepth) {
    throw new QueryError("InvalidQueryParameter", 400, `The parameter name '${shortened(name)}' is longer or deeper than this endpoint accepts (${limits.maxNameLength} characters, ${limits.maxDepth} segments)`);
  }
  if (params.has(name)) throw new QueryError("InvalidQueryParameter", 400, `The parameter '${shortened(name)}' is given more than once`);
  params.set(name, value);
}
