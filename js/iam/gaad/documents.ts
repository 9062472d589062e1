/**
 * @module iam/gaad/documents
 * Policy documents as GAAD carries them: an object (as the AWS CLI prints), JSON text, or RFC
 * 3986 URL-encoded JSON text (the raw API's encoding). Imported documents given as objects are
 * stored as `JSON.stringify(doc, null, 4)` (4-space indent, as the AWS CLI prints) and text as
 * given (decoded), so positions in matched statements refer to that text.
 */
import { IamError } from "../errors.ts";
import type { ExportOptions, GaadDocument } from "./shapes.ts";

/** Decodes a document given as an object, JSON text or URL-encoded JSON text into JSON text. */
export function documentText(doc: unknown): string | undefined {
  if (typeof doc === "string") {
    const t = doc.trimStart();
    if (t.startsWith("{") || t.startsWith("[")) return doc;
    if (/%[0-9a-fA-F]{2}/.test(doc)) {
      try {
        return decodeURIComponent(doc);
      } catch {
        return doc;
      }
    }
    return doc;
  }
  if (doc !== null && typeof doc === "object") return stringifyDocument(doc);
  return undefined;
}

/**
 * An object document as JSON text. A cyclic object, or one nested past the JavaScript stack
 * (JSON.stringify recurses), is MalformedPolicyDocument, not a TypeError or RangeError from deep
 * inside an import.
 */
function stringifyDocument(doc: object): string {
  try {
    return JSON.stringify(doc, null, 4);
  } catch (err) {
    const why = err instanceof RangeError ? "it is nested too deeply" : "it refers to itself (a cycle) or holds a value JSON cannot write";
    throw new IamError("MalformedPolicyDocument", `The policy document cannot be read as JSON: ${why}.`);
  }
}

/** A stored document as export writes it: an object (default), the stored JSON text, or URL-encoded text. */
export function exportDocument(text: string, mode: ExportOptions["documents"]): GaadDocument {
  if (mode === "json") return text;
  if (mode === "url") return encodeRfc3986(text);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
}

function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
