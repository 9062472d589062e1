/**
 * @module iam/saml/metadata
 * A SAML 2.0 identity provider's metadata document (SAML Metadata 2.0, sections 2.3.2 and
 * 2.4.3), as CreateSAMLProvider and UpdateSAMLProvider take it: the `EntityDescriptor`'s
 * `entityID` (the Issuer its responses must carry: "Issuer not present in specified provider"),
 * its `validUntil`, and the X.509 signing certificates of its `IDPSSODescriptor` (`KeyDescriptor`
 * with `use="signing"` or no `use`). IAM's rules ("Creating IAM SAML identity providers", "IAM
 * and AWS STS quotas"): UTF-8 without a byte order mark; RSA keys of at least 1024 bits; no
 * repeated certificate extension; at most 10 keys per provider.
 */
import { decodeBase64 } from "../rfc4648.ts";
import { attribute, childElements, descendants, parseXml, textOf, XmlError, type XmlElement } from "./xml.ts";
import { CertificateError, readCertificate } from "./x509.ts";

export const MD_NS = "urn:oasis:names:tc:SAML:2.0:metadata";
export const DS_NS = "http://www.w3.org/2000/09/xmldsig#";
const PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";

/** "IAM and AWS STS quotas": keys per SAML provider. */
export const MAX_SIGNING_KEYS = 10;
const MIN_RSA_BITS = 1024;

export interface SamlMetadata {
  /** The IdP's entityID: the Issuer of its responses. */
  entityId: string;
  /** The signing certificates, DER. */
  certificates: Uint8Array[];
  /** `validUntil`, as written, when the document has one. */
  validUntil?: string;
}

/** Metadata IAM cannot use; the message says why (IAM answers "Could not parse metadata"). */
export class MetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MetadataError";
  }
}

function signingCertificates(idp: XmlElement): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const kd of childElements(idp, MD_NS, "KeyDescriptor")) {
    const use = attribute(kd, "use");
    if (use !== undefined && use !== "signing") continue;
    for (const el of descendants(kd)) {
      if (el.ns !== DS_NS || el.local !== "X509Certificate") continue;
      const der = decodeBase64(textOf(el).replace(/[ \t\n]/g, ""));
      if (!der) throw new MetadataError(`an X509Certificate that is not base64 (line ${el.line})`);
      out.push(der);
    }
  }
  return out;
}

function checkCertificate(der: Uint8Array, index: number): void {
  try {
    const info = readCertificate(der);
    if (info.keyAlgorithm !== "1.2.840.113549.1.1.1") throw new MetadataError(`signing certificate ${index + 1} does not hold an RSA key`);
    if (info.modulusBits < MIN_RSA_BITS) throw new MetadataError(`signing certificate ${index + 1} has a ${info.modulusBits}-bit key; at least ${MIN_RSA_BITS} bits are required`);
  } catch (e) {
    if (e instanceof CertificateError) throw new MetadataError(`signing certificate ${index + 1}: ${e.message}`);
    throw e;
  }
}

/**
 * Reads and checks a metadata document.
 * @throws MetadataError (with the XML line and column when the XML itself is at fault)
 * @example
 * const { entityId, certificates } = readSamlMetadata(xmlText);
 */
export function readSamlMetadata(text: string): SamlMetadata {
  let root: XmlElement;
  try {
    root = parseXml(text, { maxChars: 10_000_000, maxNodes: 200_000 });
  } catch (e) {
    if (e instanceof XmlError) throw new MetadataError(e.message);
    throw e;
  }
  if (root.ns !== MD_NS || root.local !== "EntityDescriptor") {
    throw new MetadataError(`the root element is ${root.local}; expected an md:EntityDescriptor (${MD_NS})`);
  }
  const entityId = attribute(root, "entityID");
  if (!entityId || entityId.length > 1024) throw new MetadataError("the EntityDescriptor has no entityID (1 to 1024 characters)");
  const idps = childElements(root, MD_NS, "IDPSSODescriptor");
  if (idps.length !== 1) throw new MetadataError(`expected one IDPSSODescriptor, found ${idps.length}`);
  const support = attribute(idps[0], "protocolSupportEnumeration") ?? "";
  if (!support.split(" ").includes(PROTOCOL)) throw new MetadataError(`the IDPSSODescriptor does not list ${PROTOCOL} in protocolSupportEnumeration`);
  const certificates = signingCertificates(idps[0]);
  if (certificates.length === 0) throw new MetadataError("the IDPSSODescriptor has no signing certificate (KeyDescriptor use=\"signing\" with an X509Certificate)");
  if (certificates.length > MAX_SIGNING_KEYS) throw new MetadataError(`more than ${MAX_SIGNING_KEYS} signing certificates`);
  certificates.forEach(checkCertificate);
  const out: SamlMetadata = { entityId, certificates };
  const validUntil = attribute(root, "validUntil");
  if (validUntil !== undefined) {
    if (Number.isNaN(Date.parse(validUntil))) throw new MetadataError(`validUntil ${validUntil} is not a date and time`);
    out.validUntil = validUntil;
  }
  return out;
}
