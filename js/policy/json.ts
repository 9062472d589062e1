/**
 * @module policy/json
 * A JSON parser (RFC 8259, "The JavaScript Object Notation (JSON) Data Interchange Format") that
 * keeps source positions, so that policy diagnostics can point at the offending text the way
 * IAM Access Analyzer does.
 *
 * Why not `JSON.parse`: it loses positions, silently keeps the last of duplicate keys (IAM
 * rejects duplicates), and its error messages differ between engines.
 *
 * Bounds: nesting is capped at {@link MAX_DEPTH} (recursion never goes deeper, so hostile
 * 10,000-deep input is rejected after 65 frames), every character is visited a constant
 * number of times, and duplicate keys are found with a hash map, so any input is processed in
 * linear time.
 *
 * Positions: by default every span is a plain object with its line and column. A caller that
 * reports few of them (the analyzer, which lints a thousand policies at a time) can ask for
 * {@link LineSpan}s instead (`{ lineSpans: true }`): one small object per span, holding two
 * offsets, whose line and column are looked up in the document's line table when read.
 */

import type { Diagnostic, Position, Span } from "./types.ts";

/** Deepest nesting of arrays and objects accepted; a policy never needs more than a handful. */
export const MAX_DEPTH = 64;

/** Above this many members an object's keys are looked up in a Map (below, a scan is cheaper). */
const MAP_AFTER = 8;

export interface ObjectMember {
  key: string;
  /** Span of the key string, quotes included. Absent when the tree was built from a JS object. */
  keySpan?: Span;
  value: JsonNode;
}

/** Spans are absent only when the tree was converted from a JS object (see input.ts). */
export interface ObjectNode { type: "object"; members: ObjectMember[]; span?: Span }
export interface ArrayNode { type: "array"; items: JsonNode[]; span?: Span }
export interface StringNode { type: "string"; value: string; span?: Span }
/** `raw` is the number exactly as written: condition values keep their text, as AWS does. */
export interface NumberNode { type: "number"; value: number; raw: string; span?: Span }
export interface BooleanNode { type: "boolean"; value: boolean; span?: Span }
export interface NullNode { type: "null"; span?: Span }

export type JsonNode = ObjectNode | ArrayNode | StringNode | NumberNode | BooleanNode | NullNode;

export interface ParseOptions {
  /** Spans as {@link LineSpan}s, positions computed when read (default: plain spans). Diagnostics keep plain spans. */
  lineSpans?: boolean;
}

/** The offsets where the document's lines start (line 1 first), filled in while parsing. */
class LineTable {
  readonly starts: number[];
  constructor(first: number) {
    this.starts = [first];
  }

  /** The position of `offset`, with the parser's conventions (the line whose start is the last at or before it). */
  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo], offset };
  }
}

/**
 * A span kept as two offsets: `start` and `end` are worked out from the line table on each
 * read (a new object each time). `toJSON` writes the plain shape; {@link plainSpan} copies it.
 */
export class LineSpan implements Span {
  readonly #lines: LineTable;
  readonly #from: number;
  readonly #to: number;

  constructor(lines: LineTable, from: number, to: number) {
    this.#lines = lines;
    this.#from = from;
    this.#to = to;
  }

  get start(): Position {
    return this.#lines.position(this.#from);
  }

  get end(): Position {
    return this.#lines.position(this.#to);
  }

  toJSON(): Span {
    return { start: this.start, end: this.end };
  }
}

/** A span as a plain object (a {@link LineSpan} is copied, a plain span returned as is). */
export function plainSpan(span: Span): Span {
  return span instanceof LineSpan ? { start: span.start, end: span.end } : span;
}

export interface ParseResult {
  /** Absent when there is a syntax error or the nesting is too deep. */
  root?: JsonNode;
  diagnostics: Diagnostic[];
}

/** Escapes one JSON Pointer reference token (RFC 6901 section 3: `~` → `~0`, `/` → `~1`). */
export function escapePointerToken(token: string | number): string {
  // Paths are built for every node a validation visits: most tokens are indexes or plain keys,
  // which need no escape (and no two regex replaces).
  if (typeof token === "number") return String(token);
  if (!token.includes("~") && !token.includes("/")) return token;
  return token.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a JSON Pointer from reference tokens; `[]` is the whole document (`""`). */
export function jsonPointer(tokens: readonly (string | number)[]): string {
  let out = "";
  for (const t of tokens) out += "/" + escapePointerToken(t);
  return out;
}

/** The JSON type name used in messages. */
export function typeName(node: JsonNode): string {
  return node.type;
}

/** Shows user input in a message: in backticks, and cut short so a hostile value cannot bloat it. */
export function quote(s: string, max = 64): string {
  const cut = s.length > max ? s.slice(0, max) + "…" : s;
  return "`" + cut + "`";
}

/** Thrown internally to unwind to {@link parseJson}; never escapes this module. */
class Stop {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    this.diagnostic = diagnostic;
  }
}

const CH_TAB = 0x09, CH_LF = 0x0a, CH_CR = 0x0d, CH_SPACE = 0x20;
const CH_QUOTE = 0x22, CH_COMMA = 0x2c, CH_MINUS = 0x2d, CH_COLON = 0x3a;
const CH_LBRACKET = 0x5b, CH_BACKSLASH = 0x5c, CH_RBRACKET = 0x5d;
const CH_LBRACE = 0x7b, CH_RBRACE = 0x7d;

class Parser {
  private pos = 0;
  /** Line bookkeeping is done in {@link skipWhitespace}: RFC 8259 allows line breaks only in whitespace. */
  private line = 1;
  private lineStart = 0;
  private readonly path: (string | number)[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly text: string;
  /** Set with `lineSpans`: spans are LineSpans over this table. */
  private readonly lines: LineTable | undefined;

  constructor(text: string, options: ParseOptions = {}) {
    this.text = text;
    // RFC 8259 section 8.1: parsers may ignore a byte order mark. Offsets still count it, but
    // columns on line 1 start after it, as editors show them.
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
    if (options.lineSpans) this.lines = new LineTable(this.lineStart);
  }

  parseDocument(): JsonNode {
    this.skipWhitespace();
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.fail(`unexpected ${this.describeHere()} after the end of the JSON document`);
    }
    return root;
  }

  private position(offset = this.pos): Position {
    return { line: this.line, column: offset - this.lineStart, offset };
  }

  /**
   * The span from `start` (an offset on the cursor's line: a token has no line break) to the
   * cursor: a LineSpan, or a plain span.
   */
  private spanSince(start: number): Span {
    return this.lines ? new LineSpan(this.lines, start, this.pos) : { start: this.position(start), end: this.position() };
  }

  /** Where a container starts: its offset, and its position too for plain spans (its end may be lines below). */
  private openAt(): { offset: number; position?: Position } {
    return this.lines ? { offset: this.pos } : { offset: this.pos, position: this.position() };
  }

  /** The span of a container opened at `start`, ending at the cursor. */
  private spanOfContainer(start: { offset: number; position?: Position }): Span {
    return this.lines ? new LineSpan(this.lines, start.offset, this.pos) : { start: start.position!, end: this.position() };
  }

  private fail(message: string, code = "JSON_SYNTAX", span?: Span): never {
    const here = this.position();
    let end = here;
    if (!span && this.pos < this.text.length) {
      // Cover one whole character (a surrogate pair counts as one) so editors can underline it.
      const c = this.text.charCodeAt(this.pos);
      const width = c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.text.length ? 2 : 1;
      end = { line: here.line, column: here.column + width, offset: here.offset + width };
    }
    throw new Stop({
      severity: "error",
      code,
      message,
      path: jsonPointer(this.path),
      span: span ?? { start: here, end },
    });
  }

  /** Names the character at the cursor for an error message. */
  private describeHere(): string {
    if (this.pos >= this.text.length) return "end of input";
    const c = this.text.charCodeAt(this.pos);
    if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    const cp = this.text.codePointAt(this.pos)!;
    return "`" + String.fromCodePoint(cp) + "`";
  }

  private skipWhitespace(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === CH_SPACE || c === CH_TAB) {
        p++;
      } else if (c === CH_LF) {
        p++;
        this.line++;
        this.lineStart = p;
        this.lines?.starts.push(p);
      } else if (c === CH_CR) {
        p++;
        if (t.charCodeAt(p) === CH_LF) p++; // CRLF is one line break
        this.line++;
        this.lineStart = p;
        this.lines?.starts.push(p);
      } else {
        break;
      }
    }
    this.pos = p;
  }

  private parseValue(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case CH_LBRACE: return this.parseObject(depth + 1);
      case CH_LBRACKET: return this.parseArray(depth + 1);
      case CH_QUOTE: {
        const start = this.pos;
        const value = this.parseString();
        return { type: "string", value, span: this.spanSince(start) };
      }
      case 0x74: return this.parseLiteral("true", { type: "boolean", value: true });
      case 0x66: return this.parseLiteral("false", { type: "boolean", value: false });
      case 0x6e: return this.parseLiteral("null", { type: "null" });
      default:
        if (c === CH_MINUS || (c >= 0x30 && c <= 0x39)) return this.parseNumber();
        return this.fail(`expected a JSON value but found ${this.describeHere()}`);
    }
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) {
      this.fail(`nesting is deeper than ${MAX_DEPTH} levels`, "JSON_TOO_DEEP");
    }
  }

  private parseObject(depth: number): JsonNode {
    this.enter(depth);
    const start = this.openAt();
    this.pos++; // {
    const members: ObjectMember[] = [];
    // Keys seen so far: policy objects have a handful of members, so they are searched in
    // `members` until there are more than MAP_AFTER, and a Map keeps the search linear after that.
    let seen: Map<string, Span> | undefined;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_RBRACE) {
      this.pos++;
      return { type: "object", members, span: this.spanOfContainer(start) };
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== CH_QUOTE) {
        this.fail(`expected a string key but found ${this.describeHere()}`);
      }
      const keyStart = this.pos;
      const key = this.parseString();
      const keySpan = this.spanSince(keyStart);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== CH_COLON) {
        this.fail(`expected \`:\` after object key but found ${this.describeHere()}`);
      }
      this.pos++;
      this.skipWhitespace();
      this.path.push(key);
      if (!seen && members.length > MAP_AFTER) {
        seen = new Map();
        for (const m of members) if (!seen.has(m.key)) seen.set(m.key, m.keySpan!);
      }
      const first = seen ? seen.get(key) : members.find((m) => m.key === key)?.keySpan;
      if (first) {
        // IAM rejects a policy with duplicate keys instead of picking one (Access Analyzer:
        // "Error – Duplicate keys"); we keep parsing to report everything at once.
        this.diagnostics.push({
          severity: "error",
          code: "JSON_DUPLICATE_KEY",
          message: `duplicate key ${quote(key)} (first defined on line ${first.start.line})`,
          path: jsonPointer(this.path),
          span: plainSpan(keySpan),
        });
      } else {
        seen?.set(key, keySpan);
      }
      const value = this.parseValue(depth);
      this.path.pop();
      members.push({ key, keySpan, value });
      if (this.endOfItem(CH_RBRACE, "`,` or `}` after object member")) return { type: "object", members, span: this.spanOfContainer(start) };
    }
  }

  /**
   * After an object member or an array element: a `,` (another one follows: false) or the
   * container's closer (it ends: true); anything else is a syntax error naming what was expected.
   */
  private endOfItem(closer: number, expected: string): boolean {
    this.skipWhitespace();
    const c = this.text.charCodeAt(this.pos);
    if (c === CH_COMMA) {
      this.pos++;
      this.skipWhitespace();
      return false;
    }
    if (c === closer) {
      this.pos++;
      return true;
    }
    return this.fail(`expected ${expected} but found ${this.describeHere()}`);
  }

  private parseArray(depth: number): JsonNode {
    this.enter(depth);
    const start = this.openAt();
    this.pos++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_RBRACKET) {
      this.pos++;
      return { type: "array", items, span: this.spanOfContainer(start) };
    }
    for (;;) {
      this.path.push(items.length);
      items.push(this.parseValue(depth));
      this.path.pop();
      if (this.endOfItem(CH_RBRACKET, "`,` or `]` after array element")) return { type: "array", items, span: this.spanOfContainer(start) };
    }
  }

  private parseLiteral(word: string, node: JsonNode): JsonNode {
    const start = this.pos;
    if (!this.text.startsWith(word, this.pos)) {
      // Point at the first character that differs, as a reader would.
      let i = 0;
      while (i < word.length && this.text.charCodeAt(this.pos + i) === word.charCodeAt(i)) i++;
      this.pos += i;
      this.fail(`expected \`${word}\` but found ${this.describeHere()}`);
    }
    this.pos += word.length;
    node.span = this.spanSince(start);
    return node;
  }

  /** RFC 8259 section 6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. */
  private parseNumber(): JsonNode {
    const t = this.text;
    const start = this.pos;
    const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
    if (t.charCodeAt(this.pos) === CH_MINUS) this.pos++;
    const c0 = t.charCodeAt(this.pos);
    if (c0 === 0x30) {
      this.pos++;
      if (isDigit(t.charCodeAt(this.pos))) this.fail("leading zeros are not allowed in numbers");
    } else if (isDigit(c0)) {
      while (isDigit(t.charCodeAt(this.pos))) this.pos++;
    } else {
      this.fail(`expected a digit but found ${this.describeHere()}`);
    }
    if (t.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (!isDigit(t.charCodeAt(this.pos))) this.fail(`expected a digit after \`.\` but found ${this.describeHere()}`);
      while (isDigit(t.charCodeAt(this.pos))) this.pos++;
    }
    const e = t.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const s = t.charCodeAt(this.pos);
      if (s === 0x2b || s === CH_MINUS) this.pos++;
      if (!isDigit(t.charCodeAt(this.pos))) this.fail(`expected a digit in the exponent but found ${this.describeHere()}`);
      while (isDigit(t.charCodeAt(this.pos))) this.pos++;
    }
    const raw = t.slice(start, this.pos);
    return { type: "number", value: Number(raw), raw, span: this.spanSince(start) };
  }

  /** Parses a string starting at the opening quote; returns its value. RFC 8259 section 7. */
  private parseString(): string {
    const t = this.text;
    this.pos++; // opening quote
    let out = "";
    let chunk = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail("unterminated string");
      const c = t.charCodeAt(this.pos);
      if (c === CH_QUOTE) {
        out += t.slice(chunk, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) {
        // Unescaped control characters (line breaks included) are not allowed in strings.
        this.fail(`${this.describeHere()} must be escaped in a string`);
      }
      if (c !== CH_BACKSLASH) {
        this.pos++;
        continue;
      }
      out += t.slice(chunk, this.pos);
      this.pos++;
      const e = t.charCodeAt(this.pos);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += "\\"; break;
        case 0x2f: out += "/"; break;
        case 0x62: out += "\b"; break;
        case 0x66: out += "\f"; break;
        case 0x6e: out += "\n"; break;
        case 0x72: out += "\r"; break;
        case 0x74: out += "\t"; break;
        case 0x75: {
          // `\uXXXX`; a surrogate pair written as two escapes joins into one code point simply by
          // appending both UTF-16 code units. Lone surrogates are allowed by the grammar (RFC 8259
          // section 8.2) and kept as they are.
          let v = 0;
          for (let i = 1; i <= 4; i++) {
            const h = t.charCodeAt(this.pos + i);
            const d = h >= 0x30 && h <= 0x39 ? h - 0x30 : h >= 0x61 && h <= 0x66 ? h - 0x57 : h >= 0x41 && h <= 0x46 ? h - 0x37 : -1;
            if (d < 0) {
              this.pos += i;
              this.fail(`expected 4 hexadecimal digits after \`\\u\` but found ${this.describeHere()}`);
            }
            v = v * 16 + d;
          }
          out += String.fromCharCode(v);
          this.pos += 4;
          break;
        }
        default:
          if (this.pos >= t.length) this.fail("unterminated string");
          this.fail(`invalid escape \`\\${String.fromCodePoint(t.codePointAt(this.pos)!)}\` in string`);
      }
      this.pos++;
      chunk = this.pos;
    }
  }
}

/**
 * Parses JSON text. Never throws: syntax errors, excessive nesting and trailing content come
 * back as `error` diagnostics (and no `root`); duplicate keys come back as `error` diagnostics
 * with the tree still built (every member kept, in order).
 */
export function parseJson(text: string, options?: ParseOptions): ParseResult {
  const parser = new Parser(text, options);
  try {
    const root = parser.parseDocument();
    return { root, diagnostics: parser.diagnostics };
  } catch (e) {
    if (e instanceof Stop) return { diagnostics: [...parser.diagnostics, e.diagnostic] };
    // Should not happen; stay total so callers never see an exception.
    return {
      diagnostics: [...parser.diagnostics, {
        severity: "error",
        code: "JSON_SYNTAX",
        message: `could not parse the document: ${String(e)}`,
        path: "",
      }],
    };
  }
}

/**
 * The position of `offset` in `text`, with the parser's conventions (LF, CR and CRLF end a
 * line; a leading byte order mark takes no column). Linear in `offset`; for the odd diagnostic
 * that is found outside the parser, such as a bad character.
 */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let i = lineStart; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_LF) {
      line++;
      lineStart = i + 1;
    } else if (c === CH_CR) {
      if (text.charCodeAt(i + 1) === CH_LF) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart, offset };
}

/**
 * Serializes a tree compactly, as `JSON.stringify` would the equivalent value. Used to measure
 * object input against the size quotas without touching the caller's object again (a getter
 * could answer differently the second time). Recursion is bounded by MAX_DEPTH.
 */
export function stringifyNode(node: JsonNode): string {
  switch (node.type) {
    case "object":
      return "{" + node.members.map((m) => JSON.stringify(m.key) + ":" + stringifyNode(m.value)).join(",") + "}";
    case "array":
      return "[" + node.items.map(stringifyNode).join(",") + "]";
    case "string":
      return JSON.stringify(node.value);
    case "number":
      return node.raw;
    case "boolean":
      return node.value ? "true" : "false";
    case "null":
      return "null";
  }
}
