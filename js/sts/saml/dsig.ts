/**
 * @module sts/saml/dsig
 * One enveloped XML signature (XML-DSig 1.0, as the SAML 2.0 core spec section 5.4 profiles it)
 * checked with WebCrypto: the profile a SAML response signature must follow, and nothing looser.
 *
 * - `Signature` holds `SignedInfo`, `SignatureValue` and optionally `KeyInfo`; nothing else (an
 *   `Object` is where wrapping attacks hide a copy of the assertion).
 * - `SignedInfo`: CanonicalizationMethod exc-c14n, SignatureMethod RSA-SHA256, exactly one
 *   `Reference`.
 * - The Reference URI is `#ID` and resolves, through the document's one table of IDs (built once,
 *   duplicate IDs refused), to the element the Signature is a child of (SAML core 5.4.2: "the
 *   signature MUST be an enveloped signature ... the URI ... MUST reference the ID of the
 *   enclosing element"); anything else is refused.
 * - Transforms: enveloped-signature then exc-c14n (an InclusiveNamespaces PrefixList allowed);
 *   DigestMethod SHA-256.
 * - The key is the provider's: `KeyInfo` is never read (whoever sends the response chooses it).
 *   The signature is checked against every signing certificate of the provider's metadata.
 * SHA-1 digests and RSA-SHA1 signatures are refused (docs/saml.md, known differences).
 */
import { decodeBase64 } from "../../iam/rfc4648.ts";
import { attribute, childElements, textOf, type XmlElement } from "../../iam/saml/xml.ts";
import { canonicalize } from "./c14n.ts";

export const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
export const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

/** A signature that does not follow the profile or does not verify; the message says which. */
export class SignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignatureError";
  }
}

function only(el: XmlElement, local: string): XmlElement {
  const found = childElements(el, DS_NS, local);
  if (found.length !== 1) throw new SignatureError(`${el.local} must hold exactly one ${local} (found ${found.length})`);
  return found[0];
}

function algorithm(el: XmlElement, expected: string, what: string): void {
  const alg = attribute(el, "Algorithm");
  if (alg !== expected) throw new SignatureError(`${what} ${alg ?? "(none)"} is not supported; expected ${expected}`);
}

/** The PrefixList of an exc-c14n method or transform's InclusiveNamespaces child, if any. */
function inclusivePrefixes(method: XmlElement): string[] {
  const inc = childElements(method, EXC_C14N, "InclusiveNamespaces");
  if (inc.length > 1) throw new SignatureError("more than one InclusiveNamespaces");
  if (childElements(method).length !== inc.length) throw new SignatureError(`unexpected content in ${method.local}`);
  const list = inc[0] ? attribute(inc[0], "PrefixList") ?? "" : "";
  return list.split(/[ \t\n]+/).filter((p) => p !== "");
}

function base64(el: XmlElement, what: string): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase64(textOf(el).replace(/[ \t\n]/g, ""));
  if (!bytes || bytes.length === 0) throw new SignatureError(`${what} is not base64`);
  return bytes;
}

/** The element children of `sig` in order, each one of the allowed names. */
function checkShape(sig: XmlElement): void {
  const names = childElements(sig).map((c) => (c.ns === DS_NS ? c.local : `{${c.ns}}${c.local}`));
  const ok = names.length >= 2 && names.length <= 3 && names[0] === "SignedInfo" && names[1] === "SignatureValue" && (names.length === 2 || names[2] === "KeyInfo");
  if (!ok) throw new SignatureError(`the Signature must hold SignedInfo, SignatureValue and optionally KeyInfo, in that order (found ${names.join(", ") || "nothing"})`);
}

interface Reference { target: XmlElement; digest: Uint8Array; prefixes: string[] }

function reference(sig: XmlElement, ids: ReadonlyMap<string, XmlElement>, signedInfo: XmlElement): Reference {
  const ref = only(signedInfo, "Reference");
  const uri = attribute(ref, "URI") ?? "";
  if (!uri.startsWith("#") || uri.length < 2) throw new SignatureError(`the Reference URI ${JSON.stringify(uri)} is not #ID`);
  const target = ids.get(uri.slice(1));
  if (!target) throw new SignatureError(`the Reference URI ${uri} names no element`);
  if (target !== sig.parent) throw new SignatureError(`the Reference URI ${uri} names another element than the one the Signature is in (an enveloped signature is required)`);
  const transforms = childElements(only(ref, "Transforms"));
  if (transforms.length !== 2 || transforms.some((t) => t.ns !== DS_NS || t.local !== "Transform")) {
    throw new SignatureError("the Reference must have exactly two Transforms: enveloped-signature, then exc-c14n");
  }
  algorithm(transforms[0], ENVELOPED, "the first Transform");
  if (childElements(transforms[0]).length > 0) throw new SignatureError("unexpected content in the enveloped-signature Transform");
  algorithm(transforms[1], EXC_C14N, "the second Transform");
  algorithm(only(ref, "DigestMethod"), SHA256, "the DigestMethod");
  const names = childElements(ref).map((c) => c.local).join(",");
  if (names !== "Transforms,DigestMethod,DigestValue") throw new SignatureError(`the Reference must hold Transforms, DigestMethod and DigestValue (found ${names})`);
  return { target, digest: base64(only(ref, "DigestValue"), "the DigestValue"), prefixes: inclusivePrefixes(transforms[1]) };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const utf8 = new TextEncoder();

/**
 * Checks `sig` (a ds:Signature element) and returns the element it signs, its parent.
 * @param ids every element with an `ID` attribute in the document, by ID (duplicates already refused)
 * @param keys the provider's signing keys (RSASSA-PKCS1-v1_5, SHA-256)
 * @throws SignatureError
 */
export async function verifyEnvelopedSignature(sig: XmlElement, ids: ReadonlyMap<string, XmlElement>, keys: readonly CryptoKey[]): Promise<XmlElement> {
  checkShape(sig);
  const signedInfo = only(sig, "SignedInfo");
  const c14n = only(signedInfo, "CanonicalizationMethod");
  algorithm(c14n, EXC_C14N, "the CanonicalizationMethod");
  algorithm(only(signedInfo, "SignatureMethod"), RSA_SHA256, "the SignatureMethod");
  const ref = reference(sig, ids, signedInfo);
  const content = canonicalize(ref.target, { exclude: sig, inclusivePrefixes: ref.prefixes });
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", utf8.encode(content)));
  if (!equalBytes(digest, ref.digest)) throw new SignatureError("the digest of the signed element does not match its DigestValue (the element was changed after signing)");
  const signedBytes = utf8.encode(canonicalize(signedInfo, { inclusivePrefixes: inclusivePrefixes(c14n) }));
  const value = base64(only(sig, "SignatureValue"), "the SignatureValue");
  for (const key of keys) {
    if (await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, value, signedBytes)) return ref.target;
  }
  throw new SignatureError("the signature does not verify with any signing certificate of the provider's metadata");
}

/** Imports a certificate's SubjectPublicKeyInfo as an RSA-SHA256 verification key. */
export function importSigningKey(spki: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("spki", spki as BufferSource, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
}
