/**
 * @module policy/json-size
 * What the size quota and the character-set shortcut need to know about object input's
 * compact JSON form (`JSON.stringify`, which is {@link stringifyNode}'s output too), worked
 * out by one walk that sums lengths instead of building the text: a cold start's compile
 * allocated the whole text once per policy only to count it (issue 17).
 */
import type { JsonNode } from "./json.ts";

/** The compact JSON form of a tree, as far as the quota and the character-set check ask. */
export interface JsonMeasure {
  /** Its length without whitespace ("IAM doesn't count white space": "IAM and AWS STS quotas"). */
  size: number;
  /**
   * It holds no backslash and no character outside tab, LF, CR and U+0020-U+00FF: what
   * validate/size.ts `allInCharset` decides from a text.
   */
  plain: boolean;
}

/**
 * A code unit that JSON.stringify escapes (`"`, `\`, U+0000-U+001F, a surrogate, lone or not,
 * tested further below) or that is outside U+0020-U+00FF: a string without one is written as
 * itself between quotes, and keeps the form plain.
 */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\xff]/;

/**
 * The length and plainness of `JSON.stringify(node)` (its equivalent value), whitespace not
 * counted. In that form whitespace appears only as spaces inside strings and keys: tab, LF
 * and CR are escaped. Recursion is bounded by the tree's depth (MAX_DEPTH).
 */
export function measureNode(node: JsonNode): JsonMeasure {
  const m: JsonMeasure = { size: 0, plain: true };
  add(node, m);
  return m;
}

function add(node: JsonNode, m: JsonMeasure): void {
  switch (node.type) {
    case "object": {
      const members = node.members;
      m.size += objectFrame(members.length);
      for (let i = 0; i < members.length; i++) {
        addString(members[i].key, m);
        add(members[i].value, m);
      }
      return;
    }
    case "array": {
      const items = node.items;
      m.size += arrayFrame(items.length);
      for (let i = 0; i < items.length; i++) add(items[i], m);
      return;
    }
    case "string": return addString(node.value, m);
    case "number": m.size += node.raw.length; return;
    case "boolean": m.size += node.value ? 4 : 5; return;
    case "null": m.size += 4; return;
  }
}

/** `{` and `}`, a `,` between members, a `:` in each. */
export function objectFrame(members: number): number {
  return members > 0 ? members * 2 + 1 : 2;
}

/** `[` and `]`, a `,` between items. */
export function arrayFrame(items: number): number {
  return items > 0 ? items + 1 : 2;
}

/** A string literal: its quotes, its characters as JSON.stringify writes them, minus its spaces. */
export function addString(s: string, m: JsonMeasure): void {
  let size = s.length + 2;
  for (let i = s.indexOf(" "); i >= 0; i = s.indexOf(" ", i + 1)) size--;
  if (NOT_PLAIN.test(s)) size += escapedExtra(s, m);
  m.size += size;
}

/**
 * The characters JSON.stringify adds to `s` by escaping (ECMA-262 QuoteJSONString: `\"`, `\\`,
 * `\b` `\t` `\n` `\f` `\r`, `\u00XX` for the other controls and `\uXXXX` for a lone
 * surrogate), and whether the form stays plain (no escape, nothing above U+00FF).
 */
function escapedExtra(s: string, m: JsonMeasure): number {
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c || c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) {
      extra += 1;
      m.plain = false;
    } else if (c < 0x20) {
      extra += 5;
      m.plain = false;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      m.plain = false;
      if (c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++; // a pair is written as itself
      else extra += 5;
    } else if (c > 0xff) {
      m.plain = false;
    }
  }
  return extra;
}
