/**
 * Exclusive XML Canonicalization (js/sts/saml/c14n.ts) and the bounded parser under it
 * (js/iam/saml/xml.ts): expected outputs written here from the rules of W3C "Exclusive XML
 * Canonicalization Version 1.0" (sections 3 and 4) and "Canonical XML 1.0" (2.3, 3.1-3.4).
 */
import { describe, expect, it } from "vitest";
import { canonicalize } from "../../../../js/sts/saml/c14n.ts";
import { childElements, parseXml, XmlError } from "../../../../js/iam/saml/xml.ts";

const c14n = (xml: string, path: number[] = [], inclusivePrefixes?: string[]) => {
  let el = parseXml(xml);
  for (const i of path) el = childElements(el)[i];
  return canonicalize(el, { inclusivePrefixes });
};

describe("exclusive canonicalization", () => {
  it("writes empty elements as start-end pairs, sorts attributes by namespace then name, normalizes quotes", () => {
    expect(c14n(`<e b='2' a="1" xmlns:z="urn:z" z:c="3"/>`)).toBe(`<e xmlns:z="urn:z" a="1" b="2" z:c="3"></e>`);
  });

  it("renders a namespace only where it is visibly used, and not again below an output ancestor that has it", () => {
    expect(c14n(`<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:unused="urn:u"><a:c><b:d/></a:c></a:r>`)).toBe(
      `<a:r xmlns:a="urn:a"><a:c><b:d xmlns:b="urn:b"></b:d></a:c></a:r>`);
  });

  it("takes namespaces declared on ancestors outside the subset (the apex renders what it uses)", () => {
    expect(c14n(`<p:outer xmlns:p="urn:p" xmlns="urn:d"><p:inner attr="x"><leaf/></p:inner></p:outer>`, [0])).toBe(
      `<p:inner xmlns:p="urn:p" attr="x"><leaf xmlns="urn:d"></leaf></p:inner>`);
  });

  it("undoes a rendered default namespace with xmlns=\"\" and never writes xmlns=\"\" at the apex", () => {
    expect(c14n(`<r xmlns="urn:d"><c xmlns=""><g/></c></r>`)).toBe(`<r xmlns="urn:d"><c xmlns=""><g></g></c></r>`);
    expect(c14n(`<r><c/></r>`)).toBe(`<r><c></c></r>`);
  });

  it("renders InclusiveNamespaces PrefixList prefixes as inclusive canonicalization does", () => {
    const doc = `<a:r xmlns:a="urn:a" xmlns:xs="urn:xs" xmlns="urn:d"><a:c v="xs:string"></a:c></a:r>`;
    expect(c14n(doc, [0])).toBe(`<a:c xmlns:a="urn:a" v="xs:string"></a:c>`);
    expect(c14n(doc, [0], ["xs", "#default"])).toBe(`<a:c xmlns="urn:d" xmlns:a="urn:a" xmlns:xs="urn:xs" v="xs:string"></a:c>`);
  });

  it("escapes text and attribute values as C14N 2.3 says, replaces character references and CDATA, drops comments", () => {
    expect(c14n(`<e a="&lt;&amp;&quot;&#9;&#10;&#13;>">x &amp; &lt; &gt; &#13; <![CDATA[<y>&]]><!-- gone --></e>`)).toBe(
      `<e a="&lt;&amp;&quot;&#x9;&#xA;&#xD;>">x &amp; &lt; &gt; &#xD; &lt;y&gt;&amp;</e>`);
  });

  it("normalizes line ends to LF and literal white space in attribute values to spaces", () => {
    expect(c14n(`<e a="1\r\n2\t3">l1\r\nl2\rl3</e>`)).toBe(`<e a="1 2 3">l1\nl2\nl3</e>`);
  });

  it("leaves out the excluded (enveloped) element", () => {
    const root = parseXml(`<r xmlns:ds="urn:ds"><x>1</x><ds:Signature><y/></ds:Signature><z/></r>`);
    expect(canonicalize(root, { exclude: childElements(root)[1] })).toBe(`<r><x>1</x><z></z></r>`);
  });
});

describe("the parser's refusals carry a line and column", () => {
  const fails = (xml: string, message: RegExp, line: number, column: number) => {
    const err = (() => { try { parseXml(xml); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(XmlError);
    expect((err as XmlError).message).toMatch(message);
    expect([(err as XmlError).line, (err as XmlError).column]).toEqual([line, column]);
  };

  it("DTDs, entities, processing instructions, undeclared prefixes, repeated attributes, mismatched tags", () => {
    fails(`<?xml version="1.0"?>\n<!DOCTYPE x SYSTEM "http://evil/">\n<x/>`, /DOCTYPE/, 2, 1);
    fails(`<x>&ent;</x>`, /entity reference &ent;/, 1, 4);
    fails(`<x>\n<?pi data?></x>`, /processing instructions/, 2, 1);
    fails(`<x>\n  <p:y/></x>`, /prefix p is not declared/, 2, 3);
    fails(`<x a="1" a="2"/>`, /attribute a appears twice/, 1, 10);
    fails(`<x xmlns:p="urn:1" xmlns:q="urn:1" p:a="1" q:a="2"/>`, /q:a appears twice/, 1, 44);
    fails(`<x><y></x>`, /end tag x does not match the start tag y/, 1, 9);
    fails(`\uFEFF<x/>`, /byte order mark/, 1, 1);
    fails(`<x>&#0;</x>`, /not an XML character/, 1, 4);
  });

  it("limits: size, depth, nodes, attributes", () => {
    expect(() => parseXml(`<x>${"a".repeat(100)}</x>`, { maxChars: 50 })).toThrow(/longer than 50 characters/);
    expect(() => parseXml(`${"<a>".repeat(5)}${"</a>".repeat(5)}`, { maxDepth: 4 })).toThrow(/nested deeper than 4/);
    expect(() => parseXml(`<a>${"<b/>".repeat(10)}</a>`, { maxNodes: 5 })).toThrow(/more than 5 XML nodes/);
    expect(() => parseXml(`<a ${Array.from({ length: 5 }, (_, i) => `a${i}="1"`).join(" ")}/>`, { maxAttributes: 4 })).toThrow(/more than 4 attributes/);
  });
});
