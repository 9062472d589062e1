/**
 * @module edge/aws-query/xml
 * An operation's answer as awsQuery XML, by the AWS model's output shape:
 * `<OpResponse xmlns="NS"><OpResult>...</OpResult><ResponseMetadata><RequestId>ID</RequestId>
 * </ResponseMetadata></OpResponse>` (no `OpResult` for operations without output). Structure
 * members in the shape's order, lists as `<member>` elements, maps as `<entry><key/><value/>`,
 * booleans `true`/`false`, numbers in decimal, timestamps ISO 8601 (UTC), blobs base64. Fields
 * of the answer the shape does not name (the model's extensions) are left out; text is escaped,
 * and control characters other than tab and line feed are written as character references (XML
 * 1.0 cannot carry most as text, and a parser would turn a literal carriage return into a line feed).
 */
import type { QueryModel, ShapeRef } from "./shapes.ts";

const SPECIAL = /[&<>\u0000-\u0008\u000b-\u001f]/;

export function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>\u0000-\u0008\u000b-\u001f]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : `&#x${c.charCodeAt(0).toString(16)};`));
}

function isoTimestamp(v: unknown): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().replace(/\.000Z$/, "Z");
  if (typeof v === "number" && Number.isFinite(v)) return new Date(v * 1000).toISOString().replace(/\.000Z$/, "Z");
  return typeof v === "string" ? v : undefined;
}

/** A blob's base64: of its bytes, or of a string's UTF-8 (the model gives Base32StringSeed as its base32 text). */
function base64(value: unknown): string | undefined {
  const v = typeof value === "string" ? new TextEncoder().encode(value) : value;
  if (!(v instanceof Uint8Array)) return undefined;
  let binary = "";
  for (let i = 0; i < v.length; i += 0x8000) binary += String.fromCharCode(...v.subarray(i, i + 0x8000));
  return btoa(binary);
}

function scalarText(kind: string, v: unknown): string | undefined {
  switch (kind) {
    case "b":
      return typeof v === "boolean" ? String(v) : v === "true" || v === "false" ? v : undefined;
    case "n":
      return typeof v === "number" && Number.isFinite(v) ? String(v) : typeof v === "string" ? v : undefined;
    case "t":
      return isoTimestamp(v);
    case "B":
      return base64(v);
    default:
      return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : undefined;
  }
}

/** Appends the content of a value of shape `ref` (not its own element) to `out`; false when the value does not fit the shape. */
function write(model: QueryModel, ref: ShapeRef, v: unknown, out: string[]): boolean {
  if (typeof ref === "string") {
    const text = scalarText(ref, v);
    if (text === undefined) return false;
    out.push(escapeText(text));
    return true;
  }
  const shape = model.shapes[ref];
  if (shape[0] === "L") {
    if (!Array.isArray(v)) return false;
    for (const item of v) element(model, "member", shape[1], item, out);
    return true;
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const record = v as Record<string, unknown>;
  if (shape[0] === "M") {
    for (const [k, item] of Object.entries(record)) {
      out.push("<entry><key>", escapeText(k), "</key>");
      element(model, "value", shape[2], item, out);
      out.push("</entry>");
    }
    return true;
  }
  for (const [name, member] of shape[2]) element(model, name, member, record[name], out);
  return true;
}

function element(model: QueryModel, name: string, ref: ShapeRef, v: unknown, out: string[]): void {
  if (v === undefined || v === null) return;
  const mark = out.length;
  out.push(`<${name}>`);
  if (write(model, ref, v, out)) out.push(`</${name}>`);
  else out.length = mark;
}

/**
 * The whole response body of `operation` (output shape `ref`, -1 for none).
 * @example
 * responseXml(IAM_MODEL, "GetUser", 203, { User: {...} }, requestId)
 */
export function responseXml(model: QueryModel, operation: string, ref: number, output: unknown, requestId: string): string {
  const out: string[] = [`<${operation}Response xmlns="${model.namespace}">`];
  if (ref >= 0) {
    out.push(`<${operation}Result>`);
    write(model, ref, output ?? {}, out);
    out.push(`</${operation}Result>`);
  }
  out.push(`<ResponseMetadata><RequestId>${escapeText(requestId)}</RequestId></ResponseMetadata></${operation}Response>`);
  return out.join("");
}
