/**
 * @module test/unit/sts/saml/test-idp
 * A test SAML identity provider, WebCrypto only (Node, workerd, Chromium, and the edge end-to-end
 * test): an RSA key generated here, a self-signed X.509 certificate written in DER here, the
 * provider's metadata, and SAML responses built and signed here.
 *
 * The signer never calls the code under test: every element it signs is written directly in its
 * canonical form (exc-c14n: namespace declarations where first used, attributes in order, start
 * and end tags, no comments), so the digest is over the very text the test wrote and a
 * canonicalization bug in the verifier shows up as a failed digest, not as a matching one.
 */

const utf8 = new TextEncoder();
export const SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
export const SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
export const DS = "http://www.w3.org/2000/09/xmldsig#";
export const MD = "urn:oasis:names:tc:SAML:2.0:metadata";
export const AWS_RECIPIENT = "https://signin.aws.amazon.com/saml";
export const ROLE_ATTR = "https://aws.amazon.com/SAML/Attributes/Role";
export const SESSION_NAME_ATTR = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";

// ---------------------------------------------------------------------------------------------
// DER (X.690), enough to write a certificate

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
function length(n) {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}
export const tlv = (tag, ...content) => { const body = concat(...content); return concat(Uint8Array.of(tag), length(body.length), body); };
export const seq = (...c) => tlv(0x30, ...c);
const int = (n) => tlv(0x02, Uint8Array.of(n));
export function oid(text) {
  const [a, b, ...rest] = text.split(".").map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}
const utcTime = (d) => tlv(0x17, utf8.encode(d.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, "$1$2$3$4$5$6Z")));
const name = (cn) => seq(tlv(0x31, seq(oid("2.5.4.3"), tlv(0x0c, utf8.encode(cn)))));
const bitString = (bytes) => tlv(0x03, Uint8Array.of(0), bytes);
const sha256WithRsa = seq(oid("1.2.840.113549.1.1.11"), tlv(0x05));

/** An extension (RFC 5280 4.1): its OID and a DER value. */
export const extension = (id, value = tlv(0x04, seq())) => seq(oid(id), value);

/**
 * A self-signed certificate for `keys`, or for `spki` when given (a key the test shapes itself).
 * @param {{ keys: CryptoKeyPair, cn?: string, notAfter?: Date, extensions?: Uint8Array[], spki?: Uint8Array }} o
 */
export async function makeCertificate(o) {
  const spki = o.spki ?? new Uint8Array(await crypto.subtle.exportKey("spki", o.keys.publicKey));
  const validity = seq(utcTime(new Date("2025-01-01T00:00:00Z")), utcTime(o.notAfter ?? new Date("2045-01-01T00:00:00Z")));
  const parts = [tlv(0xa0, int(2)), int(7), sha256WithRsa, name(o.cn ?? "test-idp"), validity, name(o.cn ?? "test-idp"), spki];
  if (o.extensions) parts.push(tlv(0xa3, seq(...o.extensions)));
  const tbs = seq(...parts);
  const sig = new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", o.keys.privateKey, tbs));
  return seq(tbs, sha256WithRsa, bitString(sig));
}

export function base64(bytes) {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
export const base64Text = (text) => base64(utf8.encode(text));

export function generateKeys() {
  return crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: "SHA-256" }, true, ["sign", "verify"]);
}

// ---------------------------------------------------------------------------------------------
// Metadata

/** The IdP's metadata document (SAML Metadata 2.0): entityID, validUntil, signing certificates. */
export function metadataXml({ entityId, certificates, validUntil }) {
  const keys = certificates.map((der) => `
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="${DS}">
        <ds:X509Data>
          <ds:X509Certificate>${base64(der).replace(/(.{64})/g, "$1\n          ")}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>`).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${MD}" entityID="${entityId}"${validUntil ? ` validUntil="${validUntil}"` : ""}>
  <md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${SAMLP}">${keys}
    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

/** A test IdP: keys, certificate, metadata. */
export async function createTestIdp(entityId = "https://idp.example.com/saml") {
  const keys = await generateKeys();
  const certificate = await makeCertificate({ keys });
  return { entityId, keys, certificate, metadata: metadataXml({ entityId, certificates: [certificate] }) };
}

// ---------------------------------------------------------------------------------------------
// Responses, written canonically

const esc = (v) => String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const iso = (d) => d.toISOString().replace(/\.\d{3}Z$/, "Z");
let counter = 0;
export const newId = () => `_id${Date.now().toString(16)}${(++counter).toString(16).padStart(6, "0")}`;

/**
 * An Assertion in canonical form (no signature yet).
 * @param {object} o
 * @param {Date} o.now
 * @param {string} o.issuer
 * @param {string} [o.id]
 * @param {string} [o.nameId]
 * @param {string|null} [o.nameIdFormat] null leaves Format out
 * @param {string} [o.recipient]
 * @param {number} [o.validFor] seconds the assertion is valid for (NotOnOrAfter)
 * @param {number} [o.notBeforeOffset] seconds from now of Conditions NotBefore
 * @param {string[]} [o.audiences]
 * @param {[string, string[]][]} [o.attributes]
 * @param {Date} [o.sessionNotOnOrAfter]
 */
export function assertionXml(o) {
  const id = o.id ?? newId();
  const until = iso(new Date(o.now.getTime() + (o.validFor ?? 300) * 1000));
  const notBefore = iso(new Date(o.now.getTime() + (o.notBeforeOffset ?? -60) * 1000));
  const format = o.nameIdFormat === null ? "" : ` Format="${esc(o.nameIdFormat ?? "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")}"`;
  const audiences = (o.audiences ?? ["urn:amazon:webservices"]).map((a) => `<saml:Audience>${esc(a)}</saml:Audience>`).join("");
  const attributes = (o.attributes ?? []).map(([n, values]) =>
    `<saml:Attribute Name="${esc(n)}">${values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`).join("");
  const session = o.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${iso(o.sessionNotOnOrAfter)}"` : "";
  const xml = `<saml:Assertion xmlns:saml="${SAML}" ID="${id}" IssueInstant="${iso(o.now)}" Version="2.0">` +
    `<saml:Issuer>${esc(o.issuer)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID${format}>${esc(o.nameId ?? "jdoe@example.com")}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${esc(o.recipient ?? AWS_RECIPIENT)}"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${until}"><saml:AudienceRestriction>${audiences}</saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(o.now)}" SessionIndex="${id}"${session}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
    `</saml:Assertion>`;
  return { id, xml };
}

/** A Response around `assertion` (canonical form, unsigned). */
export function responseXml(o) {
  const id = o.id ?? newId();
  const destination = o.destination === null ? "" : ` Destination="${esc(o.destination ?? AWS_RECIPIENT)}"`;
  const xml = `<samlp:Response xmlns:samlp="${SAMLP}"${destination} ID="${id}" IssueInstant="${iso(o.now)}" Version="2.0">` +
    `<saml:Issuer xmlns:saml="${SAML}">${esc(o.issuer)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${esc(o.status ?? "urn:oasis:names:tc:SAML:2.0:status:Success")}"></samlp:StatusCode></samlp:Status>` +
    o.assertion +
    `</samlp:Response>`;
  return { id, xml };
}

const ALG = {
  c14n: "http://www.w3.org/2001/10/xml-exc-c14n#",
  rsaSha256: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  sha256: "http://www.w3.org/2001/04/xmlenc#sha256",
  enveloped: "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
};

/**
 * Signs the canonical element `xml` (whose ID is `id`) with an enveloped signature inserted after
 * its first `</saml:Issuer>`. Options bend the signature for attack tests.
 * @param {string} xml
 * @param {string} id
 * @param {CryptoKey} privateKey
 * @param {{ referenceUri?: string, signatureMethod?: string, digestMethod?: string, digestOver?: string }} [bend]
 */
export async function signElement(xml, id, privateKey, bend = {}) {
  const digest = base64(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(bend.digestOver ?? xml))));
  const signedInfo = (ns) => `<ds:SignedInfo${ns}><ds:CanonicalizationMethod Algorithm="${ALG.c14n}"></ds:CanonicalizationMethod>` +
    `<ds:SignatureMethod Algorithm="${bend.signatureMethod ?? ALG.rsaSha256}"></ds:SignatureMethod>` +
    `<ds:Reference URI="${bend.referenceUri ?? `#${id}`}"><ds:Transforms><ds:Transform Algorithm="${ALG.enveloped}"></ds:Transform><ds:Transform Algorithm="${ALG.c14n}"></ds:Transform></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${bend.digestMethod ?? ALG.sha256}"></ds:DigestMethod><ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const value = base64(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", privateKey, utf8.encode(signedInfo(` xmlns:ds="${DS}"`)))));
  const signature = `<ds:Signature xmlns:ds="${DS}">${signedInfo("")}<ds:SignatureValue>${value}</ds:SignatureValue></ds:Signature>`;
  const at = xml.indexOf("</saml:Issuer>") + "</saml:Issuer>".length;
  return xml.slice(0, at) + signature + xml.slice(at);
}

/**
 * A complete response for AWS: the assertion signed (default), the response signed, or both.
 * @param {{ keys: CryptoKeyPair, entityId: string }} idp
 * @param {object} o assertionXml's options (issuer defaults to the IdP), plus `sign`: "assertion" | "response" | "both" | "none"
 */
export async function signedResponse(idp, o) {
  const a = assertionXml({ issuer: idp.entityId, ...o });
  const sign = o.sign ?? "assertion";
  const assertion = sign === "assertion" || sign === "both" ? await signElement(a.xml, a.id, idp.keys.privateKey) : a.xml;
  const r = responseXml({ now: o.now, issuer: idp.entityId, assertion, destination: o.destination });
  const xml = sign === "response" || sign === "both" ? await signElement(r.xml, r.id, idp.keys.privateKey) : r.xml;
  return { xml, assertionId: a.id, responseId: r.id };
}

/** The Role attribute value for a role and provider. */
export const rolePair = (roleArn, providerArn) => `${roleArn},${providerArn}`;
