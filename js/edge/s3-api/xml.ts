/**
 * @module edge/s3-api/xml
 * S3's XML responses: the 2006-03-01 namespace on the root element ("S3 API Reference", each
 * operation's response syntax), text escaped for XML 1.0. Characters XML 1.0 cannot carry even as
 * references (C0 controls other than tab, LF, CR) are written as numeric references, as S3
 * writes them; clients that need them exactly ask for `encoding-type=url` (list-objects.ts).
 */
export const S3_NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

const ESCAPES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };

/** Text or attribute content, escaped. */
export function esc(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[<>&"'\r\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (c) => ESCAPES[c] ?? `&#${c.charCodeAt(0)};`);
}

/** `<name>text</name>` with the text escaped; nothing for undefined. */
export function el(name: string, text: string | number | boolean | undefined): string {
  return text === undefined ? "" : `<${name}>${esc(String(text))}</${name}>`;
}

/** `<name>children</name>` around XML already written. */
export function wrap(name: string, children: string): string {
  return `<${name}>${children}</${name}>`;
}

/** A whole response document: declaration, and the root in S3's namespace. */
export function xmlDocument(root: string, children: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${S3_NAMESPACE}">${children}</${root}>`;
}

/** A 200 response carrying an XML document. */
export function xmlResponse(body: string, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(body, { status, headers: { "content-type": "application/xml", ...headers } });
}
