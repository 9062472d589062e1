/**
 * @module policy/validate/size
 * The whole document's size quota and character set ("IAM and AWS STS quotas"; "Quotas and
 * service limits for AWS Organizations").
 */
import type { PolicyKind, Span, ValidateOptions } from "../types.ts";
import { positionAt, stringifyNode, type ObjectNode } from "../json.ts";
import { report, type Ctx } from "./common.ts";

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

export function checkSizeAndCharacters(ctx: Ctx, text: string | undefined, root: ObjectNode, options: ValidateOptions): void {
  // Object input: measure what would be sent to IAM, i.e. its JSON.stringify form.
  const measured = text ?? stringifyNode(root);
  checkSize(ctx, measured, root, options.maxSize ?? SIZE_LIMITS[ctx.kind]);
  if (CHARSET_KINDS.has(ctx.kind)) checkCharacters(ctx, measured, text);
}

function checkSize(ctx: Ctx, measured: string, root: ObjectNode, limit: number): void {
  // "IAM and AWS STS quotas": "IAM doesn't count white space when calculating the size of a policy".
  // (Regular expressions rather than a character loop: they run at native speed even before
  // the JIT has warmed up, which is most of a cold start.)
  const size = WHITESPACE.test(measured) ? measured.replace(WHITESPACE_RUNS, "").length : measured.length;
  if (size > limit) {
    report(ctx, "error", "POLICY_TOO_LARGE",
      `policy is ${size} characters without whitespace; the limit for ${ctx.kind} policies is ${limit}`, "", root.span);
  }
}

/** Reports the first character outside the set, with a count of the others; `text` gives it a span. */
function checkCharacters(ctx: Ctx, measured: string, text: string | undefined): void {
  let first = -1, count = 0;
  // A byte order mark is not part of the document (RFC 8259 section 8.1), so it is not checked.
  const start = measured.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (OUTSIDE_CHARSET.test(start === 0 ? measured : measured.slice(1))) {
    for (let i = start; i < measured.length; i++) {
      const c = measured.charCodeAt(i);
      if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0xff)) continue;
      if (first < 0) first = i;
      count++;
    }
  }
  if (first < 0) return;
  const cp = measured.codePointAt(first)!;
  const name = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const more = count > 1 ? ` (and ${count - 1} more)` : "";
  let span: Span | undefined;
  if (text !== undefined) {
    const at = positionAt(text, first);
    const width = cp > 0xffff ? 2 : 1;
    span = { start: at, end: { line: at.line, column: at.column + width, offset: first + width } };
  }
  report(ctx, "error", "INVALID_CHARACTER",
    `character ${name} is not allowed in ${ctx.kind} policies; only tab, line breaks and U+0020 to U+00FF are${more}`, "", span);
}
