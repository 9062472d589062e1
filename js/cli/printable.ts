/**
 * @module cli/printable
 * Terminal output that cannot drive the terminal. File names, policy strings, ARNs and argument
 * values reach the output of every command; printed raw, an ESC byte in one of them recolours,
 * retitles or rewrites the user's terminal (and a newline forges a line of output). Every
 * character of these kinds is printed as its escape instead:
 * - C0 controls (U+0000-U+001F, with `\n`, `\r` and `\t` by name), DEL (U+007F) and the C1
 *   controls (U+0080-U+009F: U+009B is a one-character CSI for terminals that take C1);
 * - Unicode's bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E,
 *   U+2066-U+2069), which reorder what is displayed: the "Trojan Source" attack
 *   (CVE-2021-42574) makes `Deny` display as another word, or a file name as another name;
 * - the line and paragraph separators U+2028 and U+2029, line breaks to some renderers;
 * - lone surrogates, which no encoding can print (Node writes them as U+FFFD).
 * Other invisible characters (zero-width joiners, used by emoji sequences) are left alone.
 *
 * Escapes are `\uXXXX` (JSON's and JavaScript's form), so escaping JSON text leaves JSON of the
 * same value. A backslash is not escaped, so text stays readable (`C:\policies\a.json`); the
 * text output is for people, and an escape in it cannot be told from the same characters typed
 * literally: `--json` and `--format json` are the exact forms. Escaping is idempotent, so a
 * value may pass through it at every layer.
 */

const UNSAFE_CHARACTERS = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069";
const LONE_SURROGATE = "[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]";
const UNSAFE = new RegExp(`[${UNSAFE_CHARACTERS}]|${LONE_SURROGATE}`, "g");
/** The same, but for `\n`: the line breaks of output the CLI lays out itself. */
const UNSAFE_IN_TEXT = new RegExp(`(?!\\n)[${UNSAFE_CHARACTERS}]|${LONE_SURROGATE}`, "g");

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escape(c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * One value (a file name, a message, a Sid) ready to be put in a line: every unsafe character,
 * newlines included, escaped.
 * @example printable("a\u001b[31m.json") // "a\\u001b[31m.json"
 */
export function printable(value: string): string {
  return value.replace(UNSAFE, escape);
}

/** Text the CLI laid out (lines of output): unsafe characters escaped, its own newlines kept. */
export function printableText(text: string): string {
  return text.replace(UNSAFE_IN_TEXT, escape);
}

/**
 * `value` as indented JSON for the terminal. JSON.stringify escapes C0 controls and lone
 * surrogates but leaves DEL, C1 and the bidirectional characters raw; they become `\uXXXX`,
 * which JSON.parse reads back as the same value.
 */
export function printableJson(value: unknown): string {
  return printableText(JSON.stringify(value, null, 2));
}
