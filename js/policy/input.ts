/**
 * @module policy/input
 * Turns whatever the caller hands us (a JS object, JSON text, or the URL-encoded JSON text the
 * IAM API returns) into one node tree, so validation has a single input shape.
 */

import type { Diagnostic, Span } from "./types.ts";
import { MAX_DEPTH, jsonPointer, parseJson, plainSpan, positionAt, type JsonNode, type ObjectMember, type ParseOptions } from "./json.ts";
import { addString, arrayFrame, objectFrame, type JsonMeasure } from "./json-size.ts";

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
  /**
   * Object input: its JSON.stringify form measured while it was converted (json-size.ts), so
   * the size quota needs no second walk.
   */
  measure?: JsonMeasure;
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
 * RFC 3986, leaves `+` alone). `options` go to the parser (text input only).
 */
export function toDocument(input: unknown, options?: ParseOptions): Document {
  if (typeof input === "string") return fromText(input, options);
  if (isPlainObject(input)) return fromObject(input);
  const what = input === null ? "null" : Array.isArray(input) ? "an array" : typeof input;
  return { diagnostics: [error("NOT_AN_OBJECT", `a policy must be a JSON object, not ${what}`)] };
}

function fromText(input: string, options?: ParseOptions): Document {
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
  const parsed = parseJson(text, options);
  const diagnostics = parsed.diagnostics;
  if (parsed.root && parsed.root.type !== "object") {
    diagnostics.push({
      severity: "error",
      code: "NOT_AN_OBJECT",
      message: `a policy must be a JSON object, not ${parsed.root.type === "array" ? "an array" : parsed.root.type}`,
      path: "",
      span: parsed.root.span && plainSpan(parsed.root.span),
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
  const reader = new ObjectReader();
  try {
    const root = reader.convert(input, 1);
    if (reader.diagnostics.length > 0) return { diagnostics: reader.diagnostics };
    return { root, measure: reader.measure, diagnostics: reader.diagnostics };
  } catch (e) {
    // A getter or proxy trap threw; report it instead of letting it escape.
    reader.diagnostics.push(error("INVALID_JS_VALUE", `reading the object failed: ${String(e)}`, jsonPointer(reader.path)));
    return { diagnostics: reader.diagnostics };
  }
}

/** The state of one conversion: what was found, where the walk is, and the objects above it. */
class ObjectReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly path: (string | number)[] = [];
  /** The JSON form of what was converted so far (meaningful only when nothing was dropped). */
  readonly measure: JsonMeasure = { size: 0, plain: true };
  readonly #ancestors = new Set<object>();
  #tooDeep = false;

  #bad(message: string): undefined {
    this.diagnostics.push(error("INVALID_JS_VALUE", message, jsonPointer(this.path)));
    return undefined;
  }

  convert(v: unknown, depth: number): JsonNode | undefined {
    switch (typeof v) {
      case "string":
        addString(v, this.measure);
        return { type: "string", value: v };
      case "boolean":
        this.measure.size += v ? 4 : 5;
        return { type: "boolean", value: v };
      case "number": {
        if (!Number.isFinite(v)) return this.#bad(`\`${String(v)}\` is not a JSON number`);
        // String(n) is JSON.stringify's spelling too, so `raw` matches what IAM would be sent.
        const raw = String(v);
        this.measure.size += raw.length;
        return { type: "number", value: v, raw };
      }
      case "object":
        if (v !== null) return this.#container(v, depth);
        this.measure.size += 4;
        return { type: "null" };
      default: return this.#bad(`a ${typeof v} is not a JSON value`);
    }
  }

  #container(v: object, depth: number): JsonNode | undefined {
    if (depth > MAX_DEPTH) {
      if (!this.#tooDeep) {
        this.#tooDeep = true;
        this.diagnostics.push(error("JSON_TOO_DEEP", `nesting is deeper than ${MAX_DEPTH} levels`, jsonPointer(this.path)));
      }
      return undefined;
    }
    if (this.#ancestors.has(v)) return this.#bad("the object refers to itself (a cycle)");
    if (!Array.isArray(v) && !isPlainObject(v)) return this.#bad(`a ${v.constructor?.name ?? "non-plain object"} is not a JSON value`);
    this.#ancestors.add(v);
    const node = Array.isArray(v) ? this.#array(v, depth) : this.#object(v as Record<string, unknown>, depth);
    this.#ancestors.delete(v);
    return node;
  }

  #array(v: unknown[], depth: number): JsonNode {
    const items: JsonNode[] = [];
    for (let i = 0; i < v.length && !this.#tooDeep; i++) {
      const n = this.#child(v, i, depth);
      if (n) items.push(n);
    }
    this.measure.size += arrayFrame(items.length);
    return { type: "array", items };
  }

  #object(v: Record<string, unknown>, depth: number): JsonNode {
    const members: ObjectMember[] = [];
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length; i++) {
      if (this.#tooDeep) break;
      const key = keys[i];
      const n = this.#child(v, key, depth);
      if (n) {
        addString(key, this.measure);
        members.push({ key, value: n });
      }
    }
    this.measure.size += objectFrame(members.length);
    return { type: "object", members };
  }

  /** Converts `parent[token]`, read once the path names it (a getter that throws is reported there). */
  #child(parent: unknown[] | Record<string, unknown>, token: string | number, depth: number): JsonNode | undefined {
    this.path.push(token);
    const n = this.convert((parent as Record<string | number, unknown>)[token], depth + 1);
    this.path.pop();
    return n;
  }
}
