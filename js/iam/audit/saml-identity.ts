/**
 * @module iam/audit/saml-identity
 * The userIdentity of an AssumeRoleWithSAML record: `SAMLUser`, with `principalId`
 * `<namequalifier>:<sub>`, `userName` the assertion's NameID and `identityProvider` the name
 * qualifier (CloudTrail User Guide, "CloudTrail userIdentity element": "SAMLUser – The request
 * was made with credentials provided by a SAML identity provider"; the AssumeRoleWithSAML example
 * of "Logging IAM and AWS STS API calls with AWS CloudTrail"). The name qualifier is
 * Base64(SHA1(issuer + account id + "/" + provider name)) ("Uniquely identifying users in
 * SAML-based federation"). The assertion is read, not trusted (as the web identity token is): the
 * record says who claimed to call, whether or not STS accepted the response.
 */
import type { CloudTrailUserIdentity } from "./shapes.ts";
import { decodeBase64, encodeBase64 } from "../rfc4648.ts";
import { childElements, parseXml, textOf, type XmlElement } from "../saml/xml.ts";

const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const PROVIDER_ARN = /^arn:[a-z-]+:iam::(\d{12}):saml-provider\/([\w+=,.@-]+)$/;

function assertionOf(root: XmlElement): XmlElement | undefined {
  if (root.ns === ASSERTION_NS && root.local === "Assertion") return root;
  return childElements(root, ASSERTION_NS, "Assertion")[0];
}

/** Issuer and NameID of the (first) assertion, or undefined when the response cannot be read. */
function issuerAndSubject(samlResponse: string): { issuer?: string; sub?: string } | undefined {
  const bytes = decodeBase64(samlResponse.replace(/\s+/g, ""));
  if (!bytes) return undefined;
  const root = parseXml(new TextDecoder().decode(bytes));
  const assertion = assertionOf(root);
  if (!assertion) return undefined;
  const issuer = childElements(assertion, ASSERTION_NS, "Issuer")[0];
  let nameId: XmlElement | undefined;
  for (const subject of childElements(assertion, ASSERTION_NS, "Subject")) {
    nameId = childElements(subject, ASSERTION_NS, "NameID")[0];
    if (nameId) break;
  }
  return { issuer: issuer ? textOf(issuer).trim() : undefined, sub: nameId ? textOf(nameId).trim() : undefined };
}

/** The userIdentity of an AssumeRoleWithSAML call (see the module doc). */
export async function identityOfSamlAssertion(input: { SAMLAssertion?: unknown; PrincipalArn?: unknown } | undefined): Promise<CloudTrailUserIdentity> {
  const out: CloudTrailUserIdentity = { type: "SAMLUser" };
  if (typeof input?.SAMLAssertion !== "string") return out;
  let read: { issuer?: string; sub?: string } | undefined;
  try {
    read = issuerAndSubject(input.SAMLAssertion);
  } catch {
    return out; // not XML: nothing to name
  }
  if (!read) return out;
  if (read.sub !== undefined) out.userName = read.sub;
  const provider = typeof input.PrincipalArn === "string" ? PROVIDER_ARN.exec(input.PrincipalArn) : null;
  if (read.issuer !== undefined && provider) {
    const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(`${read.issuer}${provider[1]}/${provider[2]}`));
    const qualifier = encodeBase64(new Uint8Array(digest));
    out.identityProvider = qualifier;
    if (read.sub !== undefined) out.principalId = `${qualifier}:${read.sub}`;
  }
  return out;
}
