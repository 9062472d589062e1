/**
 * @module policy/variables
 * Policy variables, as described in "IAM policy elements: Variables and tags":
 * `${aws:username}` is replaced by the request's value, `${key, 'default'}` supplies a default
 * for a missing key, and `${*}`, `${?}`, `${$}` stand for a literal `*`, `?` and `$`.
 */

export type TemplatePart = { literal: string; escaped?: boolean } | { key: string; default?: string };

export type TemplateResult = { parts: TemplatePart[]; hasVariables: boolean } | { error: string; offset: number };

/**
 * Characters allowed in a variable's key. Condition keys are made of letters, digits and
 * `_.:/-@+=` (tag keys add space: "Tagging AWS resources": tag keys may contain letters,
 * digits, spaces and `_ . : / = + - @`).
 */
const KEY_CHAR = /^[A-Za-z0-9_.:/\-@+= ]$/;

/**
 * Parses a string that may contain policy variables. Keys are lowercased because context keys
 * are case-insensitive ("IAM JSON policy elements: Condition": "Context key names are not
 * case-sensitive"). Linear in the length of `s`.
 */
export function parseTemplate(s: string): TemplateResult {
  const parts: TemplatePart[] = [];
  let hasVariables = false;
  let literal = "";
  const flush = () => {
    if (literal) parts.push({ literal });
    literal = "";
  };

  let i = 0;
  while (i < s.length) {
    const dollar = s.indexOf("${", i);
    if (dollar < 0) {
      literal += s.slice(i);
      break;
    }
    literal += s.slice(i, dollar);
    const open = dollar + 2;
    // The three escapes are exactly `${*}`, `${?}` and `${$}`.
    const c = s[open];
    if ((c === "*" || c === "?" || c === "$") && s[open + 1] === "}") {
      flush();
      parts.push({ literal: c, escaped: true });
      i = open + 2;
      continue;
    }
    // Key: up to `,` or `}`.
    let j = open;
    while (j < s.length && s[j] !== "}" && s[j] !== ",") {
      if (!KEY_CHAR.test(s[j])) {
        return { error: `invalid character \`${s[j]}\` in policy variable`, offset: j };
      }
      j++;
    }
    if (j >= s.length) return { error: "unclosed policy variable `${`", offset: dollar };
    const key = s.slice(open, j).trim();
    if (!key) return { error: "empty policy variable", offset: dollar };
    let def: string | undefined;
    if (s[j] === ",") {
      // `${key, 'default'}`: a comma, optional spaces, a single-quoted default, optional spaces.
      j++;
      while (s[j] === " ") j++;
      if (s[j] !== "'") return { error: "expected a single-quoted default value after `,` in policy variable", offset: j };
      const close = s.indexOf("'", j + 1);
      if (close < 0) return { error: "unclosed default value in policy variable", offset: j };
      def = s.slice(j + 1, close);
      j = close + 1;
      while (s[j] === " ") j++;
      if (s[j] !== "}") return { error: "expected `}` after the default value in policy variable", offset: j };
    }
    flush();
    const key_ = key.toLowerCase();
    parts.push(def === undefined ? { key: key_ } : { key: key_, default: def });
    hasVariables = true;
    i = j + 1;
  }
  flush();
  return { parts, hasVariables };
}

/** True when `s` contains `${`, i.e. it would be read as a template under version 2012-10-17. */
export function mentionsVariable(s: string): boolean {
  return s.includes("${");
}
