/**
 * @module iam/saml/x509
 * Just enough DER to take an X.509 certificate (RFC 5280 section 4.1) apart: the
 * SubjectPublicKeyInfo (WebCrypto imports it as `spki`), the RSA modulus size, the validity's
 * notAfter, and the extensions' identifiers. IAM refuses a metadata certificate whose key is
 * shorter than 1024 bits or that repeats an extension ("Creating IAM SAML identity providers":
 * "must use a key size of at least 1024 bits ... free of any repeated extensions").
 * The certificate's own signature and chain are not checked: IAM trusts the certificate because
 * the account's administrator uploaded it in the metadata, not because of who issued it.
 */

/** A certificate that cannot be read; the message says which part. */
export class CertificateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CertificateError";
  }
}

/** A DER element: its tag, where its header starts (`at`), where its value starts and ends. */
interface Tlv { tag: number; at: number; start: number; end: number; next: number }

function tlv(der: Uint8Array, at: number, limit: number): Tlv {
  if (at + 2 > limit) throw new CertificateError("truncated DER");
  const tag = der[at];
  let len = der[at + 1];
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > limit) throw new CertificateError("a DER length that cannot be read");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[start + i];
    start += n;
  }
  const end = start + len;
  if (end > limit) throw new CertificateError("a DER value longer than its container");
  return { tag, at, start, end, next: end };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const t = tlv(der, at, parent.end);
    out.push(t);
    at = t.next;
    if (out.length > 64) throw new CertificateError("too many DER elements");
  }
  return out;
}

const SEQUENCE = 0x30;
const RSA_ENCRYPTION = "1.2.840.113549.1.1.1";

function oid(der: Uint8Array, t: Tlv): string {
  if (t.tag !== 0x06 || t.end === t.start) throw new CertificateError("expected an object identifier");
  const parts: number[] = [];
  let value = 0;
  for (let i = t.start; i < t.end; i++) {
    value = value * 128 + (der[i] & 0x7f);
    if (!(der[i] & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join(".");
}

function time(der: Uint8Array, t: Tlv): Date {
  const text = String.fromCharCode(...der.subarray(t.start, t.end));
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m || (t.tag !== 0x17 && t.tag !== 0x18)) throw new CertificateError("a validity time that cannot be read");
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

export interface CertificateInfo {
  /** The DER SubjectPublicKeyInfo, for `crypto.subtle.importKey("spki", ...)`. */
  spki: Uint8Array;
  /** The public key algorithm's object identifier (1.2.840.113549.1.1.1 for RSA). */
  keyAlgorithm: string;
  /** RSA modulus size in bits (0 for other keys). */
  modulusBits: number;
  notAfter: Date;
}

/** The RSA modulus size of an RSAPublicKey (RFC 8017 A.1.1) inside a BIT STRING. */
function modulusBits(der: Uint8Array, bitString: Tlv): number {
  if (bitString.tag !== 0x03 || der[bitString.start] !== 0) throw new CertificateError("a public key that is not a BIT STRING");
  const key = tlv(der, bitString.start + 1, bitString.end);
  const [modulus] = children(der, key);
  if (key.tag !== SEQUENCE || modulus?.tag !== 0x02) throw new CertificateError("an RSA public key that cannot be read");
  let i = modulus.start;
  while (i < modulus.end && der[i] === 0) i++;
  if (i === modulus.end) return 0;
  return (modulus.end - i - 1) * 8 + (32 - Math.clz32(der[i]));
}

/** The extension identifiers, refusing a repeated one. */
function checkExtensions(der: Uint8Array, tbsParts: Tlv[]): void {
  const wrapper = tbsParts.find((t) => t.tag === 0xa3);
  if (!wrapper) return;
  const [list] = children(der, wrapper);
  if (list?.tag !== SEQUENCE) throw new CertificateError("extensions that cannot be read");
  const seen = new Set<string>();
  for (const ext of children(der, list)) {
    const id = oid(der, children(der, ext)[0]);
    if (seen.has(id)) throw new CertificateError(`the extension ${id} appears twice`);
    seen.add(id);
  }
}

/**
 * Reads a DER certificate.
 * @throws CertificateError when it cannot be read or repeats an extension
 */
export function readCertificate(der: Uint8Array): CertificateInfo {
  const cert = tlv(der, 0, der.length);
  if (cert.tag !== SEQUENCE || cert.next !== der.length) throw new CertificateError("not a DER certificate");
  const [tbs] = children(der, cert);
  if (tbs?.tag !== SEQUENCE) throw new CertificateError("no tbsCertificate");
  const parts = children(der, tbs);
  // version [0] is optional; then serialNumber, signature, issuer, validity, subject, subjectPublicKeyInfo.
  const base = parts[0]?.tag === 0xa0 ? 1 : 0;
  const validity = parts[base + 3];
  const spki = parts[base + 5];
  if (validity?.tag !== SEQUENCE || spki?.tag !== SEQUENCE) throw new CertificateError("a tbsCertificate without validity or subjectPublicKeyInfo");
  const [, notAfter] = children(der, validity);
  if (!notAfter) throw new CertificateError("a validity without notAfter");
  const [algorithm, publicKey] = children(der, spki);
  if (algorithm?.tag !== SEQUENCE || !publicKey) throw new CertificateError("a subjectPublicKeyInfo that cannot be read");
  const keyAlgorithm = oid(der, children(der, algorithm)[0]);
  checkExtensions(der, parts);
  return {
    spki: der.slice(spki.at, spki.end),
    keyAlgorithm,
    modulusBits: keyAlgorithm === RSA_ENCRYPTION ? modulusBits(der, publicKey) : 0,
    notAfter: time(der, notAfter),
  };
}
