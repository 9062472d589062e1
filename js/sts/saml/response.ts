/**
 * @module sts/saml/response
 * A SAML 2.0 authentication response (samlp:Response), verified as AssumeRoleWithSAML needs it,
 * and its one assertion read from the node the signature covers. Sources: SAML 2.0 Core
 * (sections 2, 3.2, 5.4), the Web Browser SSO profile (Profiles 4.1.4.2-4.1.4.5), and IAM's
 * "Configuring SAML assertions for the authentication response" and "Troubleshooting SAML 2.0
 * federation" for what AWS requires.
 *
 * Defences against signature wrapping (XSW): the document's IDs are collected once and a
 * repeated ID refuses it; the response holds exactly one `Assertion`, a child of the root, and no
 * other anywhere (not in Extensions, Advice or a signature's Object); a Signature may only be a
 * child of the Response or of that Assertion, and each one present must verify (dsig.ts: its
 * Reference must name its own parent); then the assertion is read from that same node. Nothing
 * is read by searching the document for a name.
 *
 * Checks, in order, each an STS error (code and message in docs/saml.md): parse (bounded, no
 * DTD); shape; signatures (at least one of the Response and the Assertion signed); Status
 * Success; Destination (when present) an AWS sign-in endpoint; Issuer equal to the metadata's
 * entityID; Subject with a NameID and exactly one bearer SubjectConfirmation whose
 * SubjectConfirmationData has a Recipient (an AWS sign-in endpoint) and NotOnOrAfter;
 * Conditions with an AudienceRestriction naming AWS; the time windows with the clock skew.
 */
import { attribute, childElements, descendants, parseXml, textOf, XmlError, type XmlElement } from "../../iam/saml/xml.ts";
import { DS_NS, SignatureError, verifyEnvelopedSignature } from "./dsig.ts";

export const PROTOCOL_NS = "urn:oasis:names:tc:SAML:2.0:protocol";
export const ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/**
 * Clock skew allowed on NotBefore and NotOnOrAfter: AWS does not publish one; five minutes is the
 * tolerance SAML deployments commonly use (docs/saml.md, choices).
 */
export const CLOCK_SKEW_SECONDS = 300;

/**
 * The recipients and audiences AWS accepts ("Configuring SAML assertions": Recipient
 * `https://signin.aws.amazon.com/saml`, a regional `https://REGION.signin.aws.amazon.com/saml`,
 * or `https://signin.aws.amazon.com/static/saml`; the audience is AWS's entity ID,
 * `urn:amazon:webservices` in AWS's SP metadata, or the sign-in URL).
 */
const AWS_ENDPOINT = /^https:\/\/(?:[a-z]{2}(?:-[a-z]+)+-\d\.)?signin\.aws\.amazon\.com\/(?:static\/)?saml$/;
const AWS_AUDIENCE = /^(?:urn:amazon:webservices(?::[a-z]{2}(?:-[a-z]+)+-\d)?|https:\/\/(?:[a-z]{2}(?:-[a-z]+)+-\d\.)?signin\.aws\.amazon\.com\/saml)$/;

/** Why a response is refused, with STS's error code. */
export class SamlResponseError extends Error {
  constructor(readonly code: "InvalidIdentityToken" | "ExpiredTokenException" | "AccessDenied", message: string) {
    super(message);
    this.name = "SamlResponseError";
  }
}

const invalid = (message: string) => new SamlResponseError("InvalidIdentityToken", message);

export interface VerifiedAssertion {
  /** The assertion's ID (for replay detection). */
  id: string;
  issuer: string;
  /** NameID and its Format (absent: unspecified). */
  subject: string;
  subjectFormat?: string;
  /** SubjectConfirmationData Recipient: `saml:aud` and the response's Audience. */
  recipient: string;
  /** Epoch seconds after which the assertion is no longer accepted (the earliest NotOnOrAfter). */
  notOnOrAfter: number;
  /** AuthnStatement SessionNotOnOrAfter, epoch seconds. */
  sessionNotOnOrAfter?: number;
  /** Attribute Name to its AttributeValues, in document order. */
  attributes: Map<string, string[]>;
}

export interface ResponseCheck {
  /** The provider's signing keys. */
  keys: readonly CryptoKey[];
  /** The metadata's entityID. */
  issuer: string;
  now: Date;
}

/** xs:dateTime in UTC (SAML Core 1.3.3: "MUST be expressed in UTC form, with no time zone component"), as epoch seconds. */
function instant(el: XmlElement, name: string): number | undefined {
  const v = attribute(el, name);
  if (v === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/.test(v) ? Date.parse(v.replace(/(\.\d{3})\d+Z$/, "$1Z")) : NaN;
  if (Number.isNaN(ms)) throw invalid(`${el.local} ${name} ${JSON.stringify(v)} is not a UTC date and time (YYYY-MM-DDThh:mm:ssZ)`);
  return ms / 1000;
}

function one(parent: XmlElement, ns: string, local: string, required: true): XmlElement;
function one(parent: XmlElement, ns: string, local: string, required: false): XmlElement | undefined;
function one(parent: XmlElement, ns: string, local: string, required: boolean): XmlElement | undefined {
  const found = childElements(parent, ns, local);
  if (found.length > 1) throw invalid(`${parent.local} holds more than one ${local}`);
  if (required && found.length === 0) throw invalid(`${parent.local} has no ${local}`);
  return found[0];
}

function parse(xml: string): XmlElement {
  try {
    return parseXml(xml, { maxChars: 100_000, maxDepth: 32, maxNodes: 10_000 });
  } catch (e) {
    if (e instanceof XmlError) throw invalid(`The SAML response is not well-formed XML: ${e.message}`);
    throw e;
  }
}

/** Every element's `ID`, refusing a repeated one (the table a Reference resolves through). */
function idTable(root: XmlElement): Map<string, XmlElement> {
  const ids = new Map<string, XmlElement>();
  for (const el of descendants(root)) {
    const id = attribute(el, "ID");
    if (id === undefined) continue;
    if (ids.has(id)) throw invalid(`The ID ${JSON.stringify(id)} appears on more than one element (line ${el.line})`);
    ids.set(id, el);
  }
  return ids;
}

/** The one assertion, a child of the root; refuses any other, and encrypted ones. */
function theAssertion(root: XmlElement): XmlElement {
  let found: XmlElement | undefined;
  for (const el of descendants(root)) {
    if (el.ns !== ASSERTION_NS) continue;
    if (el.local === "EncryptedAssertion") throw invalid("Encrypted assertions are not supported by this model");
    if (el.local !== "Assertion") continue;
    if (found || el.parent !== root) throw invalid(`The response must hold exactly one Assertion, a child of the Response (another at line ${el.line})`);
    found = el;
  }
  if (!found) throw invalid("The SAML response holds no Assertion");
  return found;
}

/** Verifies every Signature (only as a child of the Response or the Assertion); true when one covers the assertion. */
async function checkSignatures(root: XmlElement, assertion: XmlElement, ids: Map<string, XmlElement>, keys: readonly CryptoKey[]): Promise<void> {
  let covered = false;
  for (const el of descendants(root)) {
    if (el.ns !== DS_NS || el.local !== "Signature") continue;
    if (el.parent !== root && el.parent !== assertion) throw invalid(`A Signature at line ${el.line} is neither the Response's nor the Assertion's`);
    try {
      const signed = await verifyEnvelopedSignature(el, ids, keys);
      if (signed === root || signed === assertion) covered = true;
    } catch (e) {
      if (e instanceof SignatureError) throw invalid(`Response signature invalid: ${e.message}`);
      throw e;
    }
  }
  if (!covered) throw invalid("Response signature invalid: neither the Response nor the Assertion is signed");
}

function checkResponse(root: XmlElement, issuer: string): void {
  if (root.ns !== PROTOCOL_NS || root.local !== "Response") throw invalid(`The root element is ${root.local}; expected a samlp:Response (${PROTOCOL_NS})`);
  if (attribute(root, "Version") !== "2.0") throw invalid("The Response Version must be 2.0");
  const status = one(one(root, PROTOCOL_NS, "Status", true), PROTOCOL_NS, "StatusCode", true);
  if (attribute(status, "Value") !== SUCCESS) throw invalid(`The response status is ${attribute(status, "Value") ?? "(none)"}, not Success`);
  const destination = attribute(root, "Destination");
  if (destination !== undefined && !AWS_ENDPOINT.test(destination)) throw invalid(`The response Destination ${destination} is not an AWS sign-in SAML endpoint`);
  const outer = one(root, ASSERTION_NS, "Issuer", false);
  if (outer && textOf(outer).trim() !== issuer) throw invalid("Issuer not present in specified provider");
}

function subjectOf(assertion: XmlElement): { subject: string; format?: string; recipient: string; until: number } {
  const subject = one(assertion, ASSERTION_NS, "Subject", false);
  const nameId = subject && one(subject, ASSERTION_NS, "NameID", false);
  if (!subject || !nameId) throw new SamlResponseError("AccessDenied", "Not authorized to perform sts:AssumeRoleWithSAML: the assertion has no Subject with a NameID");
  const confirmations = childElements(subject, ASSERTION_NS, "SubjectConfirmation");
  if (confirmations.length !== 1 || attribute(confirmations[0], "Method") !== BEARER) {
    throw invalid("The Subject must hold exactly one SubjectConfirmation, with Method urn:oasis:names:tc:SAML:2.0:cm:bearer");
  }
  const data = one(confirmations[0], ASSERTION_NS, "SubjectConfirmationData", true);
  const recipient = attribute(data, "Recipient");
  const until = instant(data, "NotOnOrAfter");
  if (recipient === undefined || until === undefined) throw invalid("The SubjectConfirmationData must have both Recipient and NotOnOrAfter");
  if (!AWS_ENDPOINT.test(recipient)) throw invalid(`The Recipient ${recipient} is not an AWS sign-in SAML endpoint (https://signin.aws.amazon.com/saml)`);
  const out: { subject: string; format?: string; recipient: string; until: number } = { subject: textOf(nameId), recipient, until };
  const format = attribute(nameId, "Format");
  if (format !== undefined) out.format = format;
  if (out.subject.length === 0) throw invalid("The NameID is empty");
  return out;
}

function checkConditions(assertion: XmlElement, now: number): number | undefined {
  const conditions = one(assertion, ASSERTION_NS, "Conditions", false);
  const restrictions = conditions ? childElements(conditions, ASSERTION_NS, "AudienceRestriction") : [];
  if (restrictions.length === 0) throw invalid("Response does not contain the required audience");
  for (const r of restrictions) {
    if (!childElements(r, ASSERTION_NS, "Audience").some((a) => AWS_AUDIENCE.test(textOf(a).trim()))) {
      throw invalid("Response does not contain the required audience (urn:amazon:webservices or https://signin.aws.amazon.com/saml)");
    }
  }
  const notBefore = instant(conditions!, "NotBefore");
  if (notBefore !== undefined && now + CLOCK_SKEW_SECONDS < notBefore) throw invalid("The assertion is not yet valid (Conditions NotBefore)");
  return instant(conditions!, "NotOnOrAfter");
}

function attributesOf(assertion: XmlElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const statement of childElements(assertion, ASSERTION_NS, "AttributeStatement")) {
    for (const a of childElements(statement, ASSERTION_NS, "Attribute")) {
      const name = attribute(a, "Name");
      if (!name) throw invalid(`An Attribute without a Name (line ${a.line})`);
      const values = childElements(a, ASSERTION_NS, "AttributeValue").map((v) => textOf(v));
      out.set(name, [...(out.get(name) ?? []), ...values]);
    }
  }
  return out;
}

function readAssertion(assertion: XmlElement, check: ResponseCheck): VerifiedAssertion {
  const id = attribute(assertion, "ID");
  if (!id) throw invalid("The Assertion has no ID");
  if (attribute(assertion, "Version") !== "2.0") throw invalid("The Assertion Version must be 2.0");
  const issuer = textOf(one(assertion, ASSERTION_NS, "Issuer", true)).trim();
  if (issuer !== check.issuer) throw invalid("Issuer not present in specified provider");
  const now = check.now.getTime() / 1000;
  const subject = subjectOf(assertion);
  const conditionsUntil = checkConditions(assertion, now);
  const notOnOrAfter = Math.min(subject.until, conditionsUntil ?? Infinity);
  if (now - CLOCK_SKEW_SECONDS >= notOnOrAfter) throw new SamlResponseError("ExpiredTokenException", "The SAML assertion has expired (NotOnOrAfter is past)");
  const out: VerifiedAssertion = { id, issuer, subject: subject.subject, recipient: subject.recipient, notOnOrAfter, attributes: attributesOf(assertion) };
  if (subject.format !== undefined) out.subjectFormat = subject.format;
  for (const authn of childElements(assertion, ASSERTION_NS, "AuthnStatement")) {
    const until = instant(authn, "SessionNotOnOrAfter");
    if (until !== undefined) out.sessionNotOnOrAfter = Math.min(out.sessionNotOnOrAfter ?? Infinity, until);
  }
  return out;
}

/**
 * Verifies a SAML response (its XML text) against the provider's issuer and keys and returns its
 * assertion, read from the verified node.
 * @throws SamlResponseError
 */
export async function verifySamlResponse(xml: string, check: ResponseCheck): Promise<VerifiedAssertion> {
  const root = parse(xml);
  const ids = idTable(root);
  checkResponse(root, check.issuer);
  const assertion = theAssertion(root);
  await checkSignatures(root, assertion, ids, check.keys);
  return readAssertion(assertion, check);
}
