/**
 * @module playground/policy-sources
 * Where a policy opened from an account came from (its policyId: a managed policy ARN, or
 * `<entity ARN>#inline/<name>`), as a label, and its document as an editor shows it.
 */

/** AWS-managed policies (`arn:aws:iam::aws:policy/...`) are not held to a customer policy's size quota. */
export function isAwsManagedSource(source: string | undefined): boolean {
  return !!source && /^arn:aws[\w-]*:iam::aws:policy\//.test(source);
}

/** A short label for a policy's source: `ReadOnlyAccess (AWS managed)`, `HomeFolder (inline, user/engineering/alice)`. */
export function sourceLabel(source: string | undefined): string {
  if (!source) return "";
  const inline = /^arn:[^:]+:iam::\d{12}:(.+)#inline\/(.+)$/.exec(source);
  if (inline) return `${inline[2]} (inline, ${inline[1]})`;
  const managed = /^arn:[^:]+:iam::([^:]+):policy\/(?:.*\/)?([^/]+)$/.exec(source);
  if (managed) return `${managed[2]} (${managed[1] === "aws" ? "AWS managed" : "managed"})`;
  return source;
}

function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A policy document as an editor shows it: pretty JSON, or the text as stored when it is not JSON. */
export function prettyDocument(text: string): string {
  // IAM stores documents URL-encoded (GAAD prints them so); try the text as it is first.
  for (const candidate of [text, decodeUri(text)]) {
    try {
      return JSON.stringify(JSON.parse(candidate), null, 2);
    } catch {
      // try the next form
    }
  }
  return text;
}
