/**
 * @module policy/input
 * Turns whatever the caller hands us (a JS object, JSON text, or the URL-encoded JSON text the
 * IAM API returns) into one node tree, so validation has a single input shape.
 */

import type { Diagnostic, Span } from "./types.ts";
import { MAX_DEPTH, jsonPointer, parseJson, positionAt, type JsonNode, type ObjectMember } from "./json.ts";

/**
 * Text longer than this is rejected before parsing. 1 MiB is far above every IAM quota
 * ("IAM and AWS STS quotas": the largest, an S3 bucket policy, is 20 KB), so nothing legitimate
 * is lost, and it caps the work any call can do.
 */
export const MAX_TEXT_LENGTH = 1_048_576;

export interface Document {
  root?: JsonNode;
  /** The text the spans refer to: the input text, URL-decoded when it was URL-encoded. */
  text?: string;
  diagnostics: Diagnostic[];
}

function error(code: string, message: string, path = "", span?: Span): Diagnostic {
  const d: Diagnostic = { severity: "error", code, message, path };
  if (span) d.span = span;
  return d;
}

/** A one-character span at `offset` (for errors found before parsing). */
function spanAt(text: string, offset: number): Span {
  const start = positionAt(text, offset);
  return { start, end: { line: start.line, column: start.column + 1, offset: offset + 1 } };
}

/**
 * Where decodeURIComponent failed: the first `%` not followed by two hex digits, else the start
 * of the first escape (the escapes are well-formed but do not spell valid UTF-8).
 */
function badEscapeOffset(text: string): number {
  const bad = /%(?![0-9A-Fa-f]{2})/.exec(text);
  if (bad) return bad.index;
  return Math.max(0, text.indexOf("%"));
}

/**
 * Accepts a plain JS object, JSON text, or URL-encoded JSON text.
 *
 * URL-encoded text: GetPolicyVersion, GetRolePolicy, GetRole and friends return the document
 * "URL-encoded compliant with RFC 3986" (IAM API Reference: PolicyVersion). Text that does not
 * start with `{` once trimmed but contains `%` is decoded with `decodeURIComponent` (which, per
 * RFC 3986, leaves `+` alone).
 */
export function toDocument(input: unknown): Document {
  if (typeof input === "string") return fromText(input);
  if (isPlainObject(input)) return fromObject(input);
  const what = input === null ? "null" : Array.isArray(input) ? "an array" : typeof input;
  return { diagnostics: [error("NOT_AN_OBJECT", `a policy must be a JSON object, not ${what}`)] };
}

function fromText(input: string): Document {
  if (input.length > MAX_TEXT_LENGTH) {
    return {
      // The span marks the first character past the limit; finding its line scans only 1 MiB.
      diagnostics: [error("POLICY_TOO_LARGE", `policy text is ${input.length} characters; the limit is ${MAX_TEXT_LENGTH}`, "",
        spanAt(input, MAX_TEXT_LENGTH))],
    };
  }
  let text = input;
  const trimmed = input.trim();
  if (!trimmed.startsWith("{") && input.includes("%")) {
    try {
      text = decodeURIComponent(input);
    } catch {
      // No decoded text exists, so this span refers to the input text.
      return {
        text: input,
        diagnostics: [error("INVALID_URL_ENCODING", "policy text looks URL-encoded but contains an invalid `%` escape", "",
          spanAt(input, badEscapeOffset(input)))],
      };
    }
  }
  const parsed = parseJson(text);
  const diagnostics = parsed.diagnostics;
  if (parsed.root && parsed.root.type !== "object") {
    diagnostics.push({
      severity: "error",
      code: "NOT_AN_OBJECT",
      message: `a policy must be a JSON object, not ${parsed.root.type === "array" ? "an array" : parsed.root.type}`,
      path: "",
      span: parsed.root.span,
    });
    return { text, diagnostics };
  }
  return { root: parsed.root, text, diagnostics };
}

/** Only `{}`-style objects: class instances, Maps, Dates and the like are not JSON. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Converts a JS value to the node tree (without spans). Recursion is bounded by MAX_DEPTH and a
 * set of the objects on the current path detects cycles; each value is visited once.
 */
function fromObject(input: Record<string, unknown>): Document {
  const diagnostics: Diagnostic[] = [];
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  let tooDeep = false;

  const bad = (message: string) => diagnostics.push(error("INVALID_JS_VALUE", message, jsonPointer(path)));

  const convert = (v: unknown, depth: number): JsonNode | undefined => {
    switch (typeof v) {
      case "string": return { type: "string", value: v };
      case "boolean": return { type: "boolean", value: v };
      case "number":
        if (!Number.isFinite(v)) {
          bad(`\`${String(v)}\` is not a JSON number`);
          return undefined;
        }
        // String(n) is JSON.stringify's spelling too, so `raw` matches what IAM would be sent.
        return { type: "number", value: v, raw: String(v) };
      case "object": break;
      default:
        bad(`a ${typeof v} is not a JSON value`);
        return undefined;
    }
    if (v === null) return { type: "null" };
    if (depth > MAX_DEPTH) {
      if (!tooDeep) {
        tooDeep = true;
        diagnostics.push(error("JSON_TOO_DEEP", `nesting is deeper than ${MAX_DEPTH} levels`, jsonPointer(path)));
      }
      return undefined;
    }
    if (ancestors.has(v)) {
      bad("the object refers to itself (a cycle)");
      return undefined;
    }
    if (Array.isArray(v)) {
      ancestors.add(v);
      const items: JsonNode[] = [];
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const n = convert(v[i], depth + 1);
        path.pop();
        if (n) items.push(n);
        if (tooDeep) break;
      }
      ancestors.delete(v);
      return { type: "array", items };
    }
    if (!isPlainObject(v)) {
      bad(`a ${v.constructor?.name ?? "non-plain object"} is not a JSON value`);
      return undefined;
    }
    ancestors.add(v);
    const members: ObjectMember[] = [];
    for (const key of Object.keys(v)) {
      path.push(key);
      const n = convert(v[key], depth + 1);
      path.pop();
      if (n) members.push({ key, value: n });
      if (tooDeep) break;
    }
    ancestors.delete(v);
    return { type: "object", members };
  };

  try {
    const root = convert(input, 1);
    if (diagnostics.length > 0) return { diagnostics };
    return { root, diagnostics };
  } catch (e) {
    // A getter or proxy trap threw; report it instead of letting it escape.
    diagnostics.push(error("INVALID_JS_VALUE", `reading the object failed: ${String(e)}`, jsonPointer(path)));
    return { diagnostics };
  }
}
