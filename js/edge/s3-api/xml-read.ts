/**
 * @module edge/s3-api/xml-read
 * The request bodies S3 reads as XML (CreateBucketConfiguration, Tagging,
 * PublicAccessBlockConfiguration, CompleteMultipartUpload, Delete) parsed into a small element
 * tree. Deliberately strict and small: elements, text, CDATA, the five entities and numeric
 * references; namespace prefixes and attributes are read past (S3 documents its bodies in its
 * namespace and accepts them without it). A DOCTYPE (entity expansion), a tag left open, a
 * mismatched end tag, more than 64 levels or 200,000 elements are `MalformedXML`, as S3 answers
 * a body it cannot read; the caller bounds the body's size before it gets here.
 */
import { malformedXml } from "./errors.ts";

export interface XmlElement {
  /** The local name (a `prefix:` is dropped). */
  name: string;
  children: XmlElement[];
  /** The element's own text (character data directly inside it), entities decoded. */
  text: string;
}

const MAX_DEPTH = 64;
const MAX_ELEMENTS = 200_000;
const NAME = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;

function decodeText(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw malformedXml();
    if (ref === "amp") return "&";
    if (ref === "lt") return "<";
    if (ref === "gt") return ">";
    if (ref === "quot") return '"';
    if (ref === "apos") return "'";
    const code = ref.startsWith("#x") ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) throw malformedXml();
    return String.fromCodePoint(code);
  });
}

class Reader {
  at = 0;
  count = 0;
  constructor(readonly s: string) {}

  /** Skips the prolog's declaration, comments and whitespace; refuses a DOCTYPE. */
  skipMisc(): void {
    for (;;) {
      const rest = this.s.slice(this.at, this.at + 9);
      if (/^\s/.test(rest)) this.at++;
      else if (rest.startsWith("<?")) this.to("?>");
      else if (rest.startsWith("<!--")) this.to("-->");
      else if (rest.startsWith("<!DOCTYPE")) throw malformedXml();
      else return;
    }
  }

  to(end: string): string {
    const i = this.s.indexOf(end, this.at);
    if (i < 0) throw malformedXml();
    const out = this.s.slice(this.at, i);
    this.at = i + end.length;
    return out;
  }

  element(depth: number): XmlElement {
    if (depth > MAX_DEPTH || ++this.count > MAX_ELEMENTS || this.s[this.at] !== "<") throw malformedXml();
    this.at++;
    const m = NAME.exec(this.s.slice(this.at, this.at + 256));
    if (!m) throw malformedXml();
    const qname = m[0];
    this.at += qname.length;
    const head = this.to(">");
    if (head !== "" && !/^\s/.test(head) && head !== "/") throw malformedXml();
    const node: XmlElement = { name: qname.replace(/^[^:]*:/, ""), children: [], text: "" };
    if (head.endsWith("/")) return node;
    this.content(node, qname, depth);
    return node;
  }

  content(node: XmlElement, qname: string, depth: number): void {
    const text: string[] = [];
    for (;;) {
      const lt = this.s.indexOf("<", this.at);
      if (lt < 0) throw malformedXml();
      text.push(decodeText(this.s.slice(this.at, lt)));
      this.at = lt;
      if (this.s.startsWith("</", this.at)) {
        this.at += 2;
        if (this.to(">").trim() !== qname) throw malformedXml();
        node.text = text.join("");
        return;
      }
      if (this.s.startsWith("<![CDATA[", this.at)) {
        this.at += 9;
        text.push(this.to("]]>"));
      } else if (this.s.startsWith("<!--", this.at)) this.to("-->");
      else if (this.s.startsWith("<?", this.at) || this.s.startsWith("<!", this.at)) throw malformedXml();
      else node.children.push(this.element(depth + 1));
    }
  }
}

/** Parses a whole document into its root element. @throws S3Error MalformedXML */
export function parseXml(text: string): XmlElement {
  const r = new Reader(text.replace(/^\uFEFF/, ""));
  r.skipMisc();
  const root = r.element(0);
  r.skipMisc();
  if (r.at !== r.s.length) throw malformedXml();
  return root;
}

/** The first child named `name`. */
export function child(node: XmlElement, name: string): XmlElement | undefined {
  return node.children.find((c) => c.name === name);
}

/** Every child named `name`. */
export function children(node: XmlElement, name: string): XmlElement[] {
  return node.children.filter((c) => c.name === name);
}

/** The trimmed text of the first child named `name`. */
export function childText(node: XmlElement, name: string): string | undefined {
  return child(node, name)?.text;
}
