/**
 * @module sts/saml/context-keys
 * The `saml:*` condition keys a verified assertion gives a role's trust policy ("IAM and AWS STS
 * condition context keys", "Available keys for SAML-based AWS STS federation"; the attribute
 * tables of "Configuring SAML assertions for the authentication response", "Mapping SAML
 * attributes to AWS trust policy context keys"):
 * - `saml:aud`: the SubjectConfirmationData Recipient ("The value for this key comes from the
 *   SAML Recipient field in the assertion, not the Audience field");
 * - `saml:iss`: the Issuer; `saml:sub`: the NameID; `saml:sub_type`: `persistent`, `transient` or
 *   the full Format URI;
 * - `saml:doc`: `ACCOUNT/PROVIDER-NAME`; `saml:namequalifier`:
 *   Base64(SHA1(issuer + account id + "/" + provider name)) ("Uniquely identifying users in
 *   SAML-based federation");
 * - the eduPerson, eduOrg, Active Directory and X.500 attributes of AWS's tables, by attribute
 *   Name, as lists or single strings as the tables type them (a single-string key takes the first
 *   value: "If you include more than one, only one claim will be mapped").
 * Only `saml:namequalifier`, `saml:sub` and `saml:sub_type` stay in the session for later
 * requests ("Cross-service SAML-based AWS STS federation context keys").
 */
import { encodeBase64 } from "../../iam/rfc4648.ts";
import type { VerifiedAssertion } from "./response.ts";

const EDU = "urn:oid:1.3.6.1.4.1.5923.1";
/** Attribute Name → [context key, whether the key is a list]. AWS's tables, as published. */
const MAPPED: Record<string, [string, boolean]> = {
  [`${EDU}.1.1.1`]: ["saml:edupersonaffiliation", true],
  [`${EDU}.1.1.2`]: ["saml:edupersonnickname", true],
  [`${EDU}.1.1.3`]: ["saml:edupersonorgdn", false],
  [`${EDU}.1.1.4`]: ["saml:edupersonorgunitdn", true],
  [`${EDU}.1.1.5`]: ["saml:edupersonprimaryaffiliation", false],
  [`${EDU}.1.1.6`]: ["saml:edupersonprincipalname", false],
  [`${EDU}.1.1.7`]: ["saml:edupersonentitlement", true],
  [`${EDU}.1.1.8`]: ["saml:edupersonprimaryorgunitdn", false],
  [`${EDU}.1.1.9`]: ["saml:edupersonscopedaffiliation", true],
  [`${EDU}.1.1.10`]: ["saml:edupersontargetedid", true],
  [`${EDU}.1.1.11`]: ["saml:edupersonassurance", true],
  [`${EDU}.2.1.2`]: ["saml:eduorghomepageuri", true],
  [`${EDU}.2.1.3`]: ["saml:eduorgidentityauthnpolicyuri", true],
  [`${EDU}.2.1.4`]: ["saml:eduorglegalname", true],
  [`${EDU}.2.1.5`]: ["saml:eduorgsuperioruri", true],
  [`${EDU}.2.1.6`]: ["saml:eduorgwhitepagesuri", true],
  "urn:oid:2.5.4.3": ["saml:cn", true],
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name": ["saml:name", false],
  "http://schemas.xmlsoap.org/claims/CommonName": ["saml:commonName", false],
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": ["saml:givenName", false],
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname": ["saml:surname", false],
  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress": ["saml:mail", false],
  "http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid": ["saml:uid", false],
  "2.5.4.3": ["saml:commonName", false],
  "2.5.4.4": ["saml:surname", false],
  // AWS's table spells givenName's OID 2.4.5.42; the X.500 OID is 2.5.4.42: both are read.
  "2.4.5.42": ["saml:givenName", false],
  "2.5.4.42": ["saml:givenName", false],
  "2.5.4.45": ["saml:x500UniqueIdentifier", false],
  "0.9.2342.19200300100.1.1": ["saml:uid", false],
  "0.9.2342.19200300100.1.3": ["saml:mail", false],
  "0.9.2342.19200300.100.1.45": ["saml:organizationStatus", false],
};

const FORMAT_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
const UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

/** `saml:sub_type`: `persistent`, `transient`, or the full Format URI (unspecified when there is none). */
export function subjectType(format: string | undefined): string {
  if (format === `${FORMAT_PREFIX}persistent`) return "persistent";
  if (format === `${FORMAT_PREFIX}transient`) return "transient";
  return format ?? UNSPECIFIED;
}

/** `saml:namequalifier`: Base64(SHA1(issuer + account id + "/" + provider name)). */
export async function nameQualifier(issuer: string, accountId: string, providerName: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(`${issuer}${accountId}/${providerName}`));
  return encodeBase64(new Uint8Array(digest));
}

export interface SamlKeys {
  /** Every key the trust policy sees. */
  trust: Record<string, string | string[]>;
  /** The keys that stay in the session. */
  session: Record<string, string>;
}

/** The keys of a verified assertion for the provider `providerName` of `accountId`. */
export async function samlContextKeys(a: VerifiedAssertion, accountId: string, providerName: string): Promise<SamlKeys> {
  const session = {
    "saml:namequalifier": await nameQualifier(a.issuer, accountId, providerName),
    "saml:sub": a.subject,
    "saml:sub_type": subjectType(a.subjectFormat),
  };
  const trust: Record<string, string | string[]> = {};
  for (const [name, values] of a.attributes) {
    const mapped = MAPPED[name];
    if (!mapped || values.length === 0 || trust[mapped[0]] !== undefined) continue;
    trust[mapped[0]] = mapped[1] ? [...values] : values[0];
  }
  Object.assign(trust, session, { "saml:aud": a.recipient, "saml:iss": a.issuer, "saml:doc": `${accountId}/${providerName}` });
  return { trust, session };
}
