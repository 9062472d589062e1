/**
 * The SAML response verifier (js/sts/saml/response.ts, dsig.ts) against responses signed by a
 * test IdP: what a valid response yields, and each rule of "Configuring SAML assertions for the
 * authentication response" and SAML 2.0 Core/Profiles that refuses one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifySamlResponse, SamlResponseError, CLOCK_SKEW_SECONDS, type ResponseCheck } from "../../../../js/sts/saml/response.ts";
import { importSigningKey } from "../../../../js/sts/saml/dsig.ts";
import { readCertificate } from "../../../../js/iam/saml/x509.ts";
import { assertionXml, createTestIdp, responseXml, signElement, signedResponse, type TestIdp } from "./test-idp.mjs";

const NOW = new Date("2026-03-01T12:00:00Z");
let idp: TestIdp;
let check: ResponseCheck;

beforeAll(async () => {
  idp = await createTestIdp();
  check = { keys: [await importSigningKey(readCertificate(idp.certificate).spki)], issuer: idp.entityId, now: NOW };
});

async function refusal(xml: string, at: Partial<ResponseCheck> = {}): Promise<SamlResponseError> {
  const err = await verifySamlResponse(xml, { ...check, ...at }).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SamlResponseError);
  return err as SamlResponseError;
}

describe("a valid response", () => {
  it("signed on the assertion: the assertion's subject, recipient, issuer, attributes and times", async () => {
    const { xml, assertionId } = await signedResponse(idp, { now: NOW, nameId: "jdoe", attributes: [["urn:x", ["a", "b"]]], validFor: 600 });
    const a = await verifySamlResponse(xml, check);
    expect(a).toMatchObject({ id: assertionId, issuer: idp.entityId, subject: "jdoe", subjectFormat: "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent", recipient: "https://signin.aws.amazon.com/saml" });
    expect(a.notOnOrAfter).toBe(NOW.getTime() / 1000 + 600);
    expect(a.attributes.get("urn:x")).toEqual(["a", "b"]);
  });

  it("signed on the response only, and on both", async () => {
    for (const sign of ["response", "both"] as const) {
      const { xml } = await signedResponse(idp, { now: NOW, nameId: `n-${sign}`, sign });
      expect((await verifySamlResponse(xml, check)).subject).toBe(`n-${sign}`);
    }
  });

  it("survives changes canonicalization undoes: line breaks and spaces in tags, attribute order, quotes, self-closing tags, CRLF", async () => {
    const { xml } = await signedResponse(idp, { now: NOW });
    const reformatted = xml
      .replace(/<saml:SubjectConfirmationData NotOnOrAfter="([^"]+)" Recipient="([^"]+)"><\/saml:SubjectConfirmationData>/, "<saml:SubjectConfirmationData\r\n   Recipient='$2'   NotOnOrAfter=\"$1\"  />")
      .replace("<saml:Issuer>", "<saml:Issuer >");
    expect(reformatted).not.toBe(xml);
    expect((await verifySamlResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${reformatted}`, check)).subject).toBe("jdoe@example.com");
  });

  it("accepts NotBefore within the clock skew and refuses it beyond", async () => {
    const inside = await signedResponse(idp, { now: NOW, notBeforeOffset: CLOCK_SKEW_SECONDS - 10 });
    expect((await verifySamlResponse(inside.xml, check)).subject).toBe("jdoe@example.com");
    const beyond = await signedResponse(idp, { now: NOW, notBeforeOffset: CLOCK_SKEW_SECONDS + 10 });
    expect((await refusal(beyond.xml)).message).toMatch(/not yet valid/);
  });
});

describe("refused responses", () => {
  it("unsigned", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, sign: "none" });
    const err = await refusal(xml);
    expect(err.code).toBe("InvalidIdentityToken");
    expect(err.message).toMatch(/neither the Response nor the Assertion is signed/);
  });

  it("signed by another key (not the metadata's certificate)", async () => {
    const other = await createTestIdp(idp.entityId);
    const { xml } = await signedResponse(other, { now: NOW });
    expect((await refusal(xml)).message).toMatch(/does not verify with any signing certificate/);
  });

  it("changed after signing (the digest no longer matches)", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, nameId: "jdoe" });
    expect((await refusal(xml.replace(">jdoe<", ">admin<"))).message).toMatch(/digest of the signed element does not match/);
  });

  it("a SignatureValue altered or removed", async () => {
    const { xml } = await signedResponse(idp, { now: NOW });
    const flipped = xml.replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === "A" ? "B" : "A"}`);
    expect((await refusal(flipped)).message).toMatch(/does not verify/);
    expect((await refusal(xml.replace(/<ds:SignatureValue>[^<]*<\/ds:SignatureValue>/, ""))).message).toMatch(/SignedInfo, SignatureValue/);
  });

  it("the signature stripped from a signed response", async () => {
    const { xml } = await signedResponse(idp, { now: NOW });
    const stripped = xml.replace(/<ds:Signature [\s\S]*<\/ds:Signature>/, "");
    expect((await refusal(stripped)).message).toMatch(/neither the Response nor the Assertion is signed/);
  });

  it("expired: past NotOnOrAfter (beyond the skew) is ExpiredTokenException", async () => {
    const { xml } = await signedResponse(idp, { now: new Date(NOW.getTime() - 3600_000), validFor: 300 });
    expect((await refusal(xml)).code).toBe("ExpiredTokenException");
  });

  it("the wrong audience", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, audiences: ["https://app.example.com/"] });
    expect((await refusal(xml)).message).toMatch(/required audience/);
  });

  it("the wrong Recipient", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, recipient: "https://evil.example.com/saml" });
    expect((await refusal(xml)).message).toMatch(/Recipient .* is not an AWS sign-in SAML endpoint/);
  });

  it("another issuer than the metadata's entityID", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, issuer: "https://other-idp.example.com" });
    expect((await refusal(xml)).message).toBe("Issuer not present in specified provider");
  });

  it("a status other than Success", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId });
    const r = responseXml({ now: NOW, issuer: idp.entityId, assertion: await signElement(a.xml, a.id, idp.keys.privateKey), status: "urn:oasis:names:tc:SAML:2.0:status:Requester" });
    expect((await refusal(r.xml)).message).toMatch(/status is .*Requester/);
  });

  it("a Destination that is not AWS's", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, destination: "https://evil.example.com/acs" });
    expect((await refusal(xml)).message).toMatch(/Destination/);
  });

  it("RSA-SHA1 and SHA-1 digests", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId });
    const sha1 = await signElement(a.xml, a.id, idp.keys.privateKey, { signatureMethod: "http://www.w3.org/2000/09/xmldsig#rsa-sha1" });
    const r = responseXml({ now: NOW, issuer: idp.entityId, assertion: sha1 });
    expect((await refusal(r.xml)).message).toMatch(/SignatureMethod .*rsa-sha1 is not supported/);
  });

  it("a DOCTYPE (entity expansion, external entities) before anything is read", async () => {
    const { xml } = await signedResponse(idp, { now: NOW });
    const laughs = `<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${xml.replace("jdoe@example.com", "&b;")}`;
    expect((await refusal(laughs)).message).toMatch(/DOCTYPE .* not allowed.*line 1, column 1/);
    expect((await refusal(xml.replace("jdoe@example.com", "&xxe;"))).message).toMatch(/entity reference &xxe; is not allowed/);
  });

  it("nesting deeper than the limit, and text that is not XML, with line and column", async () => {
    const deep = `<a>${"<b>".repeat(40)}${"</b>".repeat(40)}</a>`;
    expect((await refusal(deep)).message).toMatch(/nested deeper than 32/);
    expect((await refusal("<samlp:Response>\n  <oops")).message).toMatch(/line 1, column 1|not declared/);
    expect((await refusal("not xml at all")).message).toMatch(/not well-formed XML: expected the root element \(line 1, column 1\)/);
  });

  it("an encrypted assertion (not modelled)", async () => {
    const r = responseXml({ now: NOW, issuer: idp.entityId, assertion: `<saml:EncryptedAssertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"></saml:EncryptedAssertion>` });
    expect((await refusal(r.xml)).message).toMatch(/Encrypted assertions are not supported/);
  });

  it("no NameID is AccessDenied, as AWS answers it", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId });
    const noName = a.xml.replace(/<saml:NameID[^>]*>[^<]*<\/saml:NameID>/, "");
    const r = responseXml({ now: NOW, issuer: idp.entityId, assertion: await signElement(noName, a.id, idp.keys.privateKey) });
    expect((await refusal(r.xml)).code).toBe("AccessDenied");
  });
});
