/**
 * Attacks on SAML signatures, each built here from a response the test IdP signed: the XML
 * signature wrapping variants XSW1-XSW8 (Somorovsky et al., "On Breaking SAML: Be Whoever You
 * Want to Be", USENIX Security 2012), comment injection into the NameID (the 2018 class of
 * text-reading bugs), a signature over another element, duplicate IDs. Every one must be refused,
 * or (comment injection) read as exactly what was signed; none may yield the attacker's subject.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { verifySamlResponse, SamlResponseError, type ResponseCheck } from "../../../../js/sts/saml/response.ts";
import { importSigningKey } from "../../../../js/sts/saml/dsig.ts";
import { readCertificate } from "../../../../js/iam/saml/x509.ts";
import { assertionXml, createTestIdp, responseXml, signElement, signedResponse, type TestIdp } from "./test-idp.mjs";

const NOW = new Date("2026-03-01T12:00:00Z");
const SIG = /<ds:Signature [\s\S]*?<\/ds:Signature>/;
let idp: TestIdp;
let check: ResponseCheck;

beforeAll(async () => {
  idp = await createTestIdp();
  check = { keys: [await importSigningKey(readCertificate(idp.certificate).spki)], issuer: idp.entityId, now: NOW };
});

async function refused(xml: string, why: RegExp): Promise<void> {
  const out = await verifySamlResponse(xml, check).then((a) => a, (e: unknown) => e);
  expect(out, "the attack was accepted").toBeInstanceOf(SamlResponseError);
  expect((out as SamlResponseError).code).toBe("InvalidIdentityToken");
  expect((out as SamlResponseError).message).toMatch(why);
}

/** A signed assertion for jdoe and an unsigned evil one for admin. */
async function parts(evilId?: string) {
  const good = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "jdoe" });
  const signed = await signElement(good.xml, good.id, idp.keys.privateKey);
  const evil = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "admin", id: evilId });
  return { good, signed, evil };
}

const wrap = (assertion: string, id?: string) => responseXml({ now: NOW, issuer: idp.entityId, assertion, id }).xml;

describe("signature wrapping (XSW) on a signed Response", () => {
  it("XSW1: a new Response with the evil assertion, the original signed Response moved into the Signature's Object", async () => {
    const { xml, responseId } = await signedResponse(idp, { now: NOW, nameId: "jdoe", sign: "response" });
    const signature = SIG.exec(xml)![0];
    const original = xml.replace(SIG, "");
    const { evil } = await parts();
    const attack = wrap(evil.xml, "_evil").replace("</saml:Issuer>", `</saml:Issuer>${signature.replace("</ds:Signature>", `<ds:Object>${original}</ds:Object></ds:Signature>`)}`);
    expect(attack).toContain(`ID="${responseId}"`);
    await refused(attack, /exactly one Assertion/);
  });

  it("XSW2: as XSW1 with the original Response a detached sibling before the Signature", async () => {
    const { xml } = await signedResponse(idp, { now: NOW, nameId: "jdoe", sign: "response" });
    const signature = SIG.exec(xml)![0];
    const original = xml.replace(SIG, "");
    const { evil } = await parts();
    const attack = wrap(evil.xml, "_evil").replace("</saml:Issuer>", `</saml:Issuer>${original}${signature}`);
    await refused(attack, /exactly one Assertion|another element/);
  });
});

describe("signature wrapping (XSW) on a signed Assertion", () => {
  it("XSW3: the evil assertion (same ID) inserted before the signed one", async () => {
    const { good, signed } = await parts();
    const { evil } = await parts(good.id);
    await refused(wrap(evil.xml + signed), /appears on more than one element/);
  });

  it("XSW3 with a fresh ID for the evil assertion", async () => {
    const { signed, evil } = await parts();
    await refused(wrap(evil.xml + signed), /exactly one Assertion/);
  });

  it("XSW4: the signed assertion nested inside the evil one", async () => {
    const { signed, evil } = await parts();
    await refused(wrap(evil.xml.replace("</saml:Assertion>", `${signed}</saml:Assertion>`)), /exactly one Assertion/);
  });

  it("XSW5: the evil content in the assertion that carries the Signature, a copy of the original appended", async () => {
    const { good, signed } = await parts();
    const signature = SIG.exec(signed)![0];
    const doctored = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "admin", id: good.id }).xml.replace("</saml:Issuer>", `</saml:Issuer>${signature}`);
    await refused(wrap(doctored + good.xml.replace(`ID="${good.id}"`, `ID="${good.id}"`)), /appears on more than one element|exactly one Assertion/);
    // Without the copy: the digest no longer matches.
    await refused(wrap(doctored), /digest of the signed element does not match/);
  });

  it("XSW6: the evil assertion carries the Signature, the original inside the Signature's Object", async () => {
    const { signed, evil } = await parts();
    const signature = SIG.exec(signed)![0];
    const original = signed.replace(SIG, "");
    const attack = evil.xml.replace("</saml:Issuer>", `</saml:Issuer>${signature.replace("</ds:Signature>", `<ds:Object>${original}</ds:Object></ds:Signature>`)}`);
    await refused(wrap(attack), /exactly one Assertion|Object|must hold SignedInfo/);
  });

  it("XSW7: the original in an Extensions element, the evil assertion in its place", async () => {
    const { signed, evil } = await parts();
    const extensions = `<samlp:Extensions>${signed}</samlp:Extensions>`;
    await refused(wrap(extensions + evil.xml), /exactly one Assertion/);
  });

  it("XSW8: the evil assertion with the Signature, the original (signature removed) in an Object of it", async () => {
    const { signed, evil } = await parts();
    const signature = SIG.exec(signed)![0];
    const original = signed.replace(SIG, "");
    const attack = evil.xml.replace("</saml:Issuer>", `</saml:Issuer>${signature.replace("</ds:SignatureValue>", `</ds:SignatureValue><ds:Object>${original}</ds:Object>`)}`);
    await refused(wrap(attack), /exactly one Assertion|must hold SignedInfo/);
  });
});

describe("other signature attacks", () => {
  it("a signature over another element than the one it is in (the Response, from inside the assertion)", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "admin" });
    const r = responseXml({ now: NOW, issuer: idp.entityId, assertion: a.xml });
    // Signed over the Response's canonical form, but placed in the assertion.
    const signedOverResponse = await signElement(a.xml, a.id, idp.keys.privateKey, { referenceUri: `#${r.id}`, digestOver: r.xml });
    await refused(responseXml({ now: NOW, issuer: idp.entityId, assertion: signedOverResponse, id: r.id }).xml, /names another element/);
  });

  it("a Signature in a place SAML does not sign from (inside the Subject)", async () => {
    const { signed } = await parts();
    const moved = signed.replace(SIG, "").replace("<saml:Subject>", `<saml:Subject>${SIG.exec(signed)![0]}`);
    await refused(wrap(moved), /neither the Response's nor the Assertion's/);
  });

  it("an element elsewhere with the signed assertion's ID", async () => {
    const { good, signed } = await parts();
    await refused(wrap(signed).replace("<samlp:Status>", `<samlp:Extensions><x:y xmlns:x="urn:x" ID="${good.id}"></x:y></samlp:Extensions><samlp:Status>`), /appears on more than one element/);
  });

  it("comment injection in the NameID reads the whole signed value, never the text before the comment", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "jdoe@example.com.evil.com" });
    const signed = await signElement(a.xml, a.id, idp.keys.privateKey);
    const injected = wrap(signed.replace("jdoe@example.com.evil.com", "jdoe@example.com<!---->.evil.com"));
    const out = await verifySamlResponse(injected, check);
    expect(out.subject).toBe("jdoe@example.com.evil.com");
  });

  it("markup injected into the NameID is refused (text-only element)", async () => {
    const a = assertionXml({ now: NOW, issuer: idp.entityId, nameId: "jdoe" });
    const signed = await signElement(a.xml, a.id, idp.keys.privateKey);
    await refused(wrap(signed.replace(">jdoe<", "><x>admin</x>jdoe<")), /digest|text only/);
  });
});
