/**
 * @module analyzer/checks/variables
 * Policy variables in Resource values and condition values ("IAM policy elements: Variables and
 * tags"): `${key}` or `${key, 'default'}`, the escapes `${*}`, `${?}`, `${$}`, and only under
 * Version 2012-10-17. Each malformed variable gets AWS's own code: a missing `}`, a default
 * without its quotes, a space inside, an empty `${}`, a symbol no key has.
 */
import type { PolicyContext } from "../context.ts";
import type { At } from "../tree.ts";

/** Characters of condition keys and tag keys ("Tagging AWS resources"): letters, digits, `_ . : / = + - @`. */
const KEY = /^[A-Za-z0-9_.:/=+\-@]+$/;

/** Checks the variables of one value; returns whether it has any well-formed one. */
export function checkVariables(ctx: PolicyContext, text: string, at: At): boolean {
  let found = false;
  let i = text.indexOf("${");
  while (i >= 0) {
    const close = text.indexOf("}", i + 2);
    if (close < 0) {
      ctx.sink.add("MISSING_BRACE_IN_VARIABLE", at);
      return found;
    }
    const body = text.slice(i + 2, close);
    if (!(body === "*" || body === "?" || body === "$")) {
      if (checkBody(ctx, body, at)) found = true;
    }
    i = text.indexOf("${", close + 1);
  }
  if (found && ctx.version !== "2012-10-17") ctx.sink.add("VARIABLE_UNSUPPORTED_IN_VERSION", at);
  return found;
}

function checkBody(ctx: PolicyContext, body: string, at: At): boolean {
  if (body.trim() === "") {
    ctx.sink.add("EMPTY_VARIABLE", at);
    return false;
  }
  const comma = body.indexOf(",");
  const key = comma < 0 ? body : body.slice(0, comma);
  if (comma >= 0) {
    const def = body.slice(comma + 1).trim();
    if (def.length < 2 || !def.startsWith("'") || !def.endsWith("'")) {
      ctx.sink.add("MISSING_QUOTE_IN_VARIABLE", at);
      return false;
    }
  }
  if (/\s/.test(key.trim()) || (comma < 0 && key !== key.trim())) {
    ctx.sink.add("UNSUPPORTED_SPACE_IN_VARIABLE", at);
    return false;
  }
  if (!KEY.test(key.trim())) {
    ctx.sink.add("UNSUPPORTED_SYMBOL_IN_VARIABLE", at, { variable: `\${${body}}` });
    return false;
  }
  return true;
}
