/**
 * @module iam/saml/xml
 * A small, bounded XML 1.0 parser with namespaces, for SAML metadata and SAML responses: the
 * tree XML canonicalization and signature checks need (elements with their namespace
 * declarations and in-scope namespaces, attributes, text, comments), nothing more.
 *
 * Refused, with an XmlError that gives the line and column: a DOCTYPE (so no DTD, no entity
 * declarations, no external references: the attacks of "XML external entity" and "billion
 * laughs" have nothing to work on), any entity reference other than the five predefined ones and
 * character references, processing instructions other than the XML declaration, an undeclared
 * prefix, a repeated attribute, a byte order mark, text past the size limit, elements nested
 * deeper than the depth limit, more nodes than the node limit. Line ends are normalized to `\n`
 * and attribute values normalized (XML 1.0 sections 2.11 and 3.3.3), as the canonical form
 * expects.
 */

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

export interface XmlAttribute {
  /** The prefix as written ("" for none). */
  prefix: string;
  local: string;
  /** The namespace URI ("" for an unprefixed attribute). */
  ns: string;
  value: string;
}

export interface XmlElement {
  kind: "element";
  prefix: string;
  local: string;
  /** The element's namespace URI ("" for none). */
  ns: string;
  attributes: XmlAttribute[];
  /** The namespace declarations written on this element, prefix ("" for the default) to URI. */
  declarations: Map<string, string>;
  /** Every namespace in scope here, declared here or on an ancestor. */
  inScope: ReadonlyMap<string, string>;
  children: XmlNode[];
  parent: XmlElement | undefined;
  line: number;
  column: number;
}

export interface XmlText { kind: "text"; value: string }
export interface XmlComment { kind: "comment" }
export type XmlNode = XmlElement | XmlText | XmlComment;

export interface XmlLimits {
  /** Characters of input. */
  maxChars: number;
  /** Element nesting. */
  maxDepth: number;
  /** Elements, text runs and comments together. */
  maxNodes: number;
  /** Attributes (namespace declarations included) on one element. */
  maxAttributes: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = { maxChars: 1_000_000, maxDepth: 48, maxNodes: 20_000, maxAttributes: 64 };

/** A document that is not well-formed, or that this parser refuses; `line` and `column` are 1-based. */
export class XmlError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "XmlError";
  }
}

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", apos: "'", quot: '"' };
const NAME = /[A-Za-z_\u00C0-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][\w.\-\u00B7\u00C0-\u02FF\u0300-\u037D\u037F-\u1FFF\u200C\u200D\u203F\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]*/y;
const SPACE = /[ \t\n]*/y;
/** Characters XML 1.0 allows (section 2.2), BMP part; surrogate pairs are checked apart. */
const BAD_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\uD800-\uDFFF]/;

interface RawElement { qname: string; attrs: [string, string, number][]; line: number; column: number; offset: number }

class Parser {
  readonly s: string;
  pos = 0;
  nodes = 0;

  /** Offsets of the line feeds, for line and column numbers. */
  readonly lineEnds: number[] = [];

  constructor(text: string, readonly limits: XmlLimits) {
    this.s = text;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineEnds.push(i);
  }

  fail(message: string, at = this.pos): never {
    const [line, column] = this.lineCol(at);
    throw new XmlError(message, line, column);
  }

  /** 1-based line and column of an offset (binary search over the line feeds). */
  lineCol(at: number): [number, number] {
    let lo = 0;
    let hi = this.lineEnds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.lineEnds[mid] < at) lo = mid + 1;
      else hi = mid;
    }
    return [lo + 1, at - (lo === 0 ? -1 : this.lineEnds[lo - 1])];
  }

  count(): void {
    if (++this.nodes > this.limits.maxNodes) this.fail(`more than ${this.limits.maxNodes} XML nodes`);
  }

  space(): void {
    SPACE.lastIndex = this.pos;
    SPACE.exec(this.s);
    this.pos = SPACE.lastIndex;
  }

  name(): string {
    NAME.lastIndex = this.pos;
    const m = NAME.exec(this.s);
    if (!m) this.fail("expected a name");
    let name = m[0];
    this.pos = NAME.lastIndex;
    if (this.s[this.pos] === ":") {
      NAME.lastIndex = this.pos + 1;
      const local = NAME.exec(this.s);
      if (!local) this.fail("expected a local name after the prefix");
      name += ":" + local[0];
      this.pos = NAME.lastIndex;
    }
    if (name.length > 256) this.fail("a name longer than 256 characters");
    return name;
  }

  expect(text: string): void {
    if (!this.s.startsWith(text, this.pos)) this.fail(`expected \`${text}\``);
    this.pos += text.length;
  }

  /** Character and predefined entity references; `&` at `this.pos`. */
  reference(): string {
    const end = this.s.indexOf(";", this.pos);
    if (end < 0 || end - this.pos > 12) this.fail("an unterminated reference");
    const body = this.s.slice(this.pos + 1, end);
    let out: string | undefined;
    if (/^#x[0-9A-Fa-f]+$/.test(body) || /^#[0-9]+$/.test(body)) {
      const code = body[1] === "x" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      const ok = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail(`the character reference &${body}; is not an XML character`);
      out = String.fromCodePoint(code);
    } else {
      out = PREDEFINED[body];
      if (out === undefined) this.fail(`the entity reference &${body}; is not allowed (only &lt; &gt; &amp; &apos; &quot; and character references)`);
    }
    this.pos = end + 1;
    return out;
  }

  attributeValue(): string {
    const quote = this.s[this.pos];
    if (quote !== '"' && quote !== "'") this.fail("expected a quoted attribute value");
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.s[this.pos];
      if (c === undefined) this.fail("an unterminated attribute value");
      if (c === quote) break;
      if (c === "<") this.fail("`<` in an attribute value");
      if (c === "&") out += this.reference();
      else {
        // Attribute-value normalization (XML 1.0 3.3.3): literal white space becomes a space.
        out += c === "\t" || c === "\n" ? " " : c;
        this.pos++;
      }
    }
    this.pos++;
    return out;
  }

  startTag(): RawElement {
    const offset = this.pos;
    const [line, column] = this.lineCol(offset);
    this.pos++;
    const qname = this.name();
    const attrs: [string, string, number][] = [];
    for (;;) {
      const before = this.pos;
      this.space();
      const c = this.s[this.pos];
      if (c === ">" || c === "/") break;
      if (this.pos === before) this.fail("expected white space between attributes");
      const at = this.pos;
      const name = this.name();
      this.space();
      this.expect("=");
      this.space();
      attrs.push([name, this.attributeValue(), at]);
      if (attrs.length > this.limits.maxAttributes) this.fail(`more than ${this.limits.maxAttributes} attributes on one element`);
    }
    return { qname, attrs, line, column, offset };
  }

  comment(): void {
    const end = this.s.indexOf("-->", this.pos + 4);
    if (end < 0) this.fail("an unterminated comment");
    const body = this.s.slice(this.pos + 4, end);
    if (body.includes("--") || body.endsWith("-")) this.fail("`--` inside a comment");
    this.pos = end + 3;
  }

  cdata(): string {
    const end = this.s.indexOf("]]>", this.pos + 9);
    if (end < 0) this.fail("an unterminated CDATA section");
    const text = this.s.slice(this.pos + 9, end);
    this.pos = end + 3;
    return text;
  }

  /** Markup outside the root element: comments, white space, the XML declaration at the start. */
  misc(atStart: boolean): void {
    for (;;) {
      this.space();
      if (this.s.startsWith("<!--", this.pos)) this.comment();
      else if (this.s.startsWith("<?", this.pos)) {
        const isDecl = atStart && this.pos === 0 && /^<\?xml[ \t\n]/.test(this.s.slice(0, 6));
        if (!isDecl) this.fail("processing instructions are not allowed");
        const end = this.s.indexOf("?>", this.pos);
        if (end < 0) this.fail("an unterminated XML declaration");
        const decl = this.s.slice(this.pos, end);
        if (/encoding\s*=\s*["'](?!utf-8["'])/i.test(decl)) this.fail("only UTF-8 documents are accepted");
        this.pos = end + 2;
      } else if (this.s.startsWith("<!", this.pos)) {
        this.fail("a DOCTYPE or other declaration is not allowed (no DTDs, no entities)");
      } else return;
      atStart = false;
    }
  }
}

function split(qname: string): [string, string] {
  const i = qname.indexOf(":");
  return i < 0 ? ["", qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

/** Resolves a raw start tag against its parent's namespaces. */
function element(p: Parser, raw: RawElement, parent: XmlElement | undefined): XmlElement {
  const declarations = new Map<string, string>();
  const plain: [string, string, number][] = [];
  for (const a of raw.attrs) {
    if (a[0] === "xmlns") declarations.set("", a[1]);
    else if (a[0].startsWith("xmlns:")) {
      const prefix = a[0].slice(6);
      if (a[1] === "") p.fail(`the prefix ${prefix} is bound to an empty namespace`, a[2]);
      if (prefix === "xmlns" || (prefix === "xml") !== (a[1] === XML_NS)) p.fail(`the prefix ${prefix} may not be bound to ${a[1]}`, a[2]);
      declarations.set(prefix, a[1]);
    } else plain.push(a);
  }
  const seenDecl = new Set<string>();
  for (const a of raw.attrs) if (a[0] === "xmlns" || a[0].startsWith("xmlns:")) {
    if (seenDecl.has(a[0])) p.fail(`the attribute ${a[0]} appears twice`, a[2]);
    seenDecl.add(a[0]);
  }
  let inScope: ReadonlyMap<string, string> = parent?.inScope ?? new Map([["xml", XML_NS]]);
  if (declarations.size > 0) {
    const m = new Map(inScope);
    for (const [k, v] of declarations) m.set(k, v);
    inScope = m;
  }
  const resolve = (prefix: string, at: number): string => {
    const ns = inScope.get(prefix);
    if (ns === undefined) p.fail(`the prefix ${prefix} is not declared`, at);
    return ns;
  };
  const [prefix, local] = split(raw.qname);
  const ns = prefix === "" ? inScope.get("") ?? "" : resolve(prefix, raw.offset);
  const attributes: XmlAttribute[] = [];
  const seen = new Set<string>();
  for (const [qname, value, at] of plain) {
    const [ap, al] = split(qname);
    const ans = ap === "" ? "" : resolve(ap, at);
    if (ans === XMLNS_NS) p.fail("an attribute in the xmlns namespace", at);
    const key = `${ans}\u0000${al}`;
    if (seen.has(key)) p.fail(`the attribute ${qname} appears twice`, at);
    seen.add(key);
    attributes.push({ prefix: ap, local: al, ns: ans, value });
  }
  return { kind: "element", prefix, local, ns, attributes, declarations, inScope, children: [], parent, line: raw.line, column: raw.column };
}

function pushText(p: Parser, parent: XmlElement, text: string): void {
  if (text === "") return;
  const last = parent.children[parent.children.length - 1];
  if (last?.kind === "text") last.value += text;
  else {
    p.count();
    parent.children.push({ kind: "text", value: text });
  }
}

/** Content of `parent` up to and including its end tag. */
function content(p: Parser, parent: XmlElement, qname: string, depth: number): void {
  for (;;) {
    const lt = p.s.indexOf("<", p.pos);
    if (lt < 0) p.fail(`the element ${qname} is not closed`);
    let text = "";
    while (p.pos < lt) {
      const amp = p.s.indexOf("&", p.pos);
      const stop = amp < 0 || amp > lt ? lt : amp;
      text += p.s.slice(p.pos, stop);
      p.pos = stop;
      if (stop === amp) text += p.reference();
    }
    if (text.includes("]]>")) p.fail("`]]>` in text");
    pushText(p, parent, text);
    if (p.s.startsWith("</", p.pos)) {
      p.pos += 2;
      const at = p.pos;
      const name = p.name();
      if (name !== qname) p.fail(`the end tag ${name} does not match the start tag ${qname}`, at);
      p.space();
      p.expect(">");
      return;
    }
    if (p.s.startsWith("<!--", p.pos)) {
      p.comment();
      p.count();
      parent.children.push({ kind: "comment" });
    } else if (p.s.startsWith("<![CDATA[", p.pos)) pushText(p, parent, p.cdata());
    else if (p.s.startsWith("<?", p.pos)) p.fail("processing instructions are not allowed");
    else if (p.s.startsWith("<!", p.pos)) p.fail("a declaration is not allowed here");
    else parent.children.push(child(p, parent, depth + 1));
  }
}

function child(p: Parser, parent: XmlElement | undefined, depth: number): XmlElement {
  if (depth > p.limits.maxDepth) p.fail(`elements nested deeper than ${p.limits.maxDepth}`);
  p.count();
  const raw = p.startTag();
  const el = element(p, raw, parent);
  if (p.s[p.pos] === "/") {
    p.expect("/>");
    return el;
  }
  p.expect(">");
  content(p, el, raw.qname, depth);
  return el;
}

/**
 * Parses a whole document and returns its root element.
 * @throws XmlError for anything malformed or refused (see the module doc)
 * @example
 * const root = parseXml('<a xmlns="urn:x"><b>hi</b></a>');
 */
export function parseXml(text: string, limits: Partial<XmlLimits> = {}): XmlElement {
  const all = { ...DEFAULT_XML_LIMITS, ...limits };
  if (text.length > all.maxChars) throw new XmlError(`the document is longer than ${all.maxChars} characters`, 1, 1);
  if (text.charCodeAt(0) === 0xfeff) throw new XmlError("the document starts with a byte order mark (UTF-8 without BOM is expected)", 1, 1);
  const normalized = text.replace(/\r\n?/g, "\n");
  const p = new Parser(normalized, all);
  const bad = BAD_CHAR.exec(normalized);
  if (bad) p.fail(`the character U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML`, bad.index);
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(normalized)) p.fail("a lone surrogate");
  p.misc(true);
  if (p.s[p.pos] !== "<") p.fail("expected the root element");
  const root = child(p, undefined, 1);
  p.misc(false);
  if (p.pos < p.s.length) p.fail("content after the root element");
  return root;
}

/** The element's child elements, optionally only those of one namespace and local name. */
export function childElements(el: XmlElement, ns?: string, local?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.kind === "element" && (ns === undefined || (c.ns === ns && c.local === local))) out.push(c);
  return out;
}

/** The value of an unprefixed attribute (or one of namespace `ns`). */
export function attribute(el: XmlElement, local: string, ns = ""): string | undefined {
  return el.attributes.find((a) => a.local === local && a.ns === ns)?.value;
}

/**
 * The element's text: every text child joined. Comments are skipped (they are outside the
 * canonical form, so a signature does not cover where they split the text; joining reads what
 * was signed). An element child is refused: a text-only element holds text only.
 */
export function textOf(el: XmlElement): string {
  let out = "";
  for (const c of el.children) {
    if (c.kind === "element") throw new XmlError(`the element ${el.local} must hold text only`, c.line, c.column);
    if (c.kind === "text") out += c.value;
  }
  return out;
}

/** Every element of the tree, in document order (the root first). */
export function* descendants(root: XmlElement): Generator<XmlElement> {
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    yield el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c.kind === "element") stack.push(c);
    }
  }
}
