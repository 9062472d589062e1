/**
 * @module policy/validate/size
 * The whole document's size quota and character set ("IAM and AWS STS quotas"; "Quotas and
 * service limits for AWS Organizations").
 */
import type { PolicyKind, Span, ValidateOptions } from "../types.ts";
import { positionAt, type JsonNode, type ObjectNode } from "../json.ts";
import { measureNode, type JsonMeasure } from "../json-size.ts";
import { child, report, type Ctx } from "./common.ts";

/**
 * Size quotas in characters, whitespace not counted ("IAM and AWS STS quotas"):
 * - identity: a managed policy, 6,144 (inline policies have other, aggregate limits: user 2,048,
 *   role 10,240, group 5,120; pass `maxSize` for those);
 * - boundary: a managed policy, 6,144;
 * - session: 2,048 ("AssumeRole": the plaintext session policy may not exceed 2,048 characters);
 * - trust: role trust policy length, 2,048 by default (it can be raised to 4,096 on request);
 * - scp and rcp: 5,120 ("Quotas and service limits for AWS Organizations");
 * - resource: 20,480, the S3 bucket policy limit ("Bucket policy examples": 20 KB); the largest
 *   common resource policy, so we never reject a valid one (other services are smaller:
 *   KMS 32 KB is larger but rare, SQS/SNS/Lambda are smaller). Pass `maxSize` to be strict.
 */
export const SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = {
  identity: 6144,
  boundary: 6144,
  session: 2048,
  trust: 2048,
  scp: 5120,
  rcp: 5120,
  resource: 20480,
};

/** "IAM and AWS STS quotas": policy characters must be tab, LF, CR or U+0020 to U+00FF. */
const CHARSET_KINDS: ReadonlySet<PolicyKind> = new Set(["identity", "boundary", "trust", "session"]);

const WHITESPACE = /[ \t\n\r]/;
const WHITESPACE_RUNS = /[ \t\n\r]+/g;
/** A code unit outside tab, LF, CR and U+0020-U+00FF (the charset check below). */
const OUTSIDE_CHARSET = /[^\t\n\r\x20-\xff]/;

/** `measured`: object input's JSON form, when input.ts measured it while converting (else it is measured here). */
export function checkSizeAndCharacters(ctx: Ctx, text: string | undefined, root: ObjectNode, options: ValidateOptions, measured?: JsonMeasure): void {
  const limit = options.maxSize ?? SIZE_LIMITS[ctx.kind];
  const charset = CHARSET_KINDS.has(ctx.kind);
  if (text !== undefined) {
    checkSize(ctx, textSize(text), root, limit);
    if (charset && !allInCharset(text)) checkCharacters(ctx, root, text);
    return;
  }
  // Object input: measure what would be sent to IAM, i.e. its JSON.stringify form, without
  // building it (json-size.ts; test/property/cold-compile.test.ts compares the two).
  const form = measured ?? measureNode(root);
  checkSize(ctx, form.size, root, limit);
  if (charset && !form.plain) checkCharacters(ctx, root, undefined);
}

/**
 * True when no key or string of the document can hold a character outside the set, decided on
 * `measured` alone (two native scans, no walk of the tree: a cold start's compile, issue 17).
 * Every key and string is in `measured` either verbatim or with some characters escaped by a
 * backslash (a JSON text's escapes; JSON.stringify's for object input, which escapes control
 * characters and lone surrogates): with no backslash and no character outside the set there,
 * none is in them. Otherwise checkCharacters walks the tree (a leading BOM, an escape, a bad
 * character), so its findings are unchanged.
 */
export function allInCharset(measured: string): boolean {
  return !OUTSIDE_CHARSET.test(measured) && !measured.includes("\\");
}

/**
 * The length of a JSON text without whitespace: "IAM and AWS STS quotas": "IAM doesn't count
 * white space when calculating the size of a policy". (Regular expressions rather than a
 * character loop: they run at native speed even before the JIT has warmed up, which is most of
 * a cold start.)
 */
export function textSize(measured: string): number {
  return WHITESPACE.test(measured) ? measured.replace(WHITESPACE_RUNS, "").length : measured.length;
}

function checkSize(ctx: Ctx, size: number, root: ObjectNode, limit: number): void {
  if (size > limit) {
    report(ctx, "error", "POLICY_TOO_LARGE",
      `policy is ${size} characters without whitespace; the limit for ${ctx.kind} policies is ${limit}`, "", root.span);
  }
}

/**
 * Reports the first character outside the set, with a count of the others; `text` gives it a
 * span. The check reads the decoded strings (keys and values), not the text: `"\u20ac"` and
 * `"\u0000"` are the characters they spell, as raw `€` is, and object input is checked as the
 * strings it holds (lone surrogates included), not as its JSON.stringify form (issue 13.4).
 * Outside strings a JSON text holds only structure and whitespace.
 */
function checkCharacters(ctx: Ctx, root: ObjectNode, text: string | undefined): void {
  const found: Found = { count: 0 };
  scan(root, "", found);
  if (found.count === 0) return;
  const { value, index, path, node } = found.first!;
  const cp = value.codePointAt(index)!;
  const name = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const more = found.count > 1 ? ` (and ${found.count - 1} more)` : "";
  const span = text !== undefined && node.span ? charSpan(text, node.span, index, cp) : undefined;
  const escaped = span && text!.charCodeAt(span.start.offset) === 0x5c ? ` written as \`${text!.slice(span.start.offset, span.end.offset)}\`` : "";
  // Without text there is no span: say where in the document instead.
  const where = span === undefined && path ? ` (in \`${path}\`)` : "";
  report(ctx, "error", "INVALID_CHARACTER",
    `character ${name}${escaped} is not allowed in ${ctx.kind} policies; only tab, line breaks and U+0020 to U+00FF are${where}${more}`, "", span);
}

interface Found {
  count: number;
  /** The first string with a character outside the set: its text, the character's index, where it is. */
  first?: { value: string; index: number; path: string; node: { span?: Span } };
}

/** Counts, in document order, the characters outside the set in every key and string of `node`. */
function scan(node: JsonNode, path: string, found: Found): void {
  if (node.type === "string") {
    note(node.value, path, node, found);
  } else if (node.type === "array") {
    node.items.forEach((item, i) => scan(item, child(path, i), found));
  } else if (node.type === "object") {
    for (const m of node.members) {
      const at = child(path, m.key);
      note(m.key, at, { span: m.keySpan }, found);
      scan(m.value, at, found);
    }
  }
}

function note(value: string, path: string, node: { span?: Span }, found: Found): void {
  if (!OUTSIDE_CHARSET.test(value)) return;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0xff)) continue;
    if (found.count++ === 0) found.first = { value, index: i, path, node };
    // A surrogate pair is one character.
    if (c >= 0xd800 && c <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
}

/**
 * The span, in `text`, of the character at `index` of the string whose literal (quotes
 * included) is at `literal`: the raw character, or the escape (`\u20ac`, `\ud83d\ude00`) that
 * spells it.
 */
function charSpan(text: string, literal: Span, index: number, cp: number): Span {
  let raw = literal.start.offset + 1;
  for (let decoded = 0; decoded < index; decoded++) raw += escapeLength(text, raw);
  let width = escapeLength(text, raw);
  // An astral character is two code units: raw, or two `\u` escapes.
  if (cp > 0xffff) width += escapeLength(text, raw + width);
  const start = positionAt(text, raw);
  return { start, end: { line: start.line, column: start.column + width, offset: raw + width } };
}

/** Raw characters that spell one decoded code unit at `at`: 6 for `\uXXXX`, 2 for `\n`, else 1. */
function escapeLength(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x5c) return 1;
  return text.charCodeAt(at + 1) === 0x75 ? 6 : 2;
}
