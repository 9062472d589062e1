/**
 * @module sts/saml/c14n
 * Exclusive XML Canonicalization 1.0, without comments (W3C "Exclusive XML Canonicalization
 * Version 1.0", http://www.w3.org/2001/10/xml-exc-c14n#), of one element and its descendants,
 * with the enveloped-signature transform (XML-DSig 6.6.4: the `Signature` element is left out):
 * the bytes a SAML signature's digest and SignedInfo are computed over.
 *
 * What the canonical form is (C14N 1.0 section 2.3, as exc-c14n restricts it):
 * - elements as start and end tag pairs, never `<a/>`;
 * - a namespace declaration only where it is visibly utilized (the element's prefix or an
 *   attribute's) and not already rendered with the same URI by an output ancestor; the prefixes
 *   of the InclusiveNamespaces PrefixList (`#default` for the default one) are rendered as in
 *   inclusive canonicalization; `xmlns=""` only to undo a rendered default;
 * - declarations sorted by prefix (the default first), then attributes sorted by namespace URI
 *   (none first) and local name;
 * - attribute values in double quotes with `&amp; &lt; &quot; &#x9; &#xA; &#xD;` escaped, text
 *   with `&amp; &lt; &gt; &#xD;`; CDATA as its text; comments left out.
 * The parser (js/iam/saml/xml.ts) has already normalized line ends and attribute values and
 * refused processing instructions and DTDs, so nothing else can appear.
 */
import type { XmlElement } from "../../iam/saml/xml.ts";

export interface CanonicalOptions {
  /** The enveloped-signature transform: this element (the Signature) is not output. */
  exclude?: XmlElement;
  /** InclusiveNamespaces PrefixList; `#default` names the default namespace. */
  inclusivePrefixes?: readonly string[];
}

function escapeAttribute(v: string): string {
  return v.replace(/[&<"\t\n\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === '"' ? "&quot;" : c === "\t" ? "&#x9;" : c === "\n" ? "&#xA;" : "&#xD;"));
}

function escapeText(v: string): string {
  return v.replace(/[&<>\r]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&#xD;"));
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The namespace declarations to render on `el`, given what output ancestors rendered. */
function declarationsFor(el: XmlElement, rendered: ReadonlyMap<string, string>, inclusive: readonly string[]): [string, string][] {
  const wanted = new Set<string>([el.prefix]);
  for (const a of el.attributes) if (a.prefix !== "" && a.prefix !== "xml") wanted.add(a.prefix);
  for (const p of inclusive) {
    const prefix = p === "#default" ? "" : p;
    if (el.inScope.has(prefix)) wanted.add(prefix);
  }
  const out: [string, string][] = [];
  for (const prefix of wanted) {
    if (prefix === "xml") continue;
    const uri = el.inScope.get(prefix) ?? "";
    const before = rendered.get(prefix) ?? "";
    if (prefix === "" ? uri !== before : rendered.get(prefix) !== uri) out.push([prefix, uri]);
  }
  return out.sort((a, b) => byCodeUnits(a[0], b[0]));
}

function qname(prefix: string, local: string): string {
  return prefix === "" ? local : `${prefix}:${local}`;
}

function render(el: XmlElement, rendered: ReadonlyMap<string, string>, opts: CanonicalOptions, out: string[]): void {
  const decls = declarationsFor(el, rendered, opts.inclusivePrefixes ?? []);
  let next = rendered;
  if (decls.length > 0) {
    const m = new Map(rendered);
    for (const [p, u] of decls) m.set(p, u);
    next = m;
  }
  const name = qname(el.prefix, el.local);
  out.push("<", name);
  for (const [p, u] of decls) out.push(p === "" ? " xmlns=\"" : ` xmlns:${p}="`, escapeAttribute(u), "\"");
  const attrs = [...el.attributes].sort((a, b) => byCodeUnits(a.ns, b.ns) || byCodeUnits(a.local, b.local));
  for (const a of attrs) out.push(" ", qname(a.prefix, a.local), "=\"", escapeAttribute(a.value), "\"");
  out.push(">");
  for (const c of el.children) {
    if (c.kind === "text") out.push(escapeText(c.value));
    else if (c.kind === "element" && c !== opts.exclude) render(c, next, opts, out);
  }
  out.push("</", name, ">");
}

/**
 * The canonical form of `el` (and its descendants) as text; UTF-8 encode it for digests.
 * @example
 * const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonicalize(assertion, { exclude: signature })));
 */
export function canonicalize(el: XmlElement, opts: CanonicalOptions = {}): string {
  const out: string[] = [];
  // At the apex nothing is rendered yet: the default namespace counts as empty.
  render(el, new Map(), opts, out);
  return out.join("");
}
