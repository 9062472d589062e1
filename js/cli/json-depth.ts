/**
 * @module cli/json-depth
 * How deeply a JSON text nests. The account model walks a parsed account recursively (and
 * serializes its documents with JSON.stringify), so a 100,000-level account file overflowed the
 * stack; the CLI refuses one past its limit first, naming where it gets too deep.
 */

const OPEN_OBJECT = 0x7b, OPEN_ARRAY = 0x5b, CLOSE_OBJECT = 0x7d, CLOSE_ARRAY = 0x5d, QUOTE = 0x22, BACKSLASH = 0x5c;

/**
 * The offset of the first `{` or `[` that opens level `max + 1` of `json`, or -1 when it nests
 * `max` levels or fewer. `json` must be valid JSON (it has been parsed), so strings are skipped
 * by their quotes alone.
 */
export function tooDeepAt(json: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(json, i);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return i;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return -1;
}

/** The offset of the quote that closes the string opening at `start` (found natively: strings are most of a file). */
function stringEnd(json: string, start: number): number {
  let end = json.indexOf('"', start + 1);
  for (;;) {
    if (end < 0) return json.length; // unterminated: not valid JSON, but never loop
    let backslashes = 0;
    while (json.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return end;
    end = json.indexOf('"', end + 1);
  }
}
