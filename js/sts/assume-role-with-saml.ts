/**
 * @module sts/assume-role-with-saml
 * AssumeRoleWithSAML (API_AssumeRoleWithSAML.html): temporary credentials for the holder of a
 * SAML 2.0 authentication response from a provider registered in the account
 * (`createSAMLProvider`). No AWS caller: the signed response is the credential.
 *
 * Steps, in order:
 * 1. Arguments: RoleArn and PrincipalArn (20-2048), SAMLAssertion (4-100,000: "IAM and AWS STS
 *    quotas", "SAML authentication response base64 encoded"), DurationSeconds (900-43200),
 *    session policies (`Policy`, `PolicyArns`) as AssumeRole checks them.
 * 2. The provider: PrincipalArn must name a SAML provider of this account (InvalidIdentityToken
 *    "Specified provider doesn't exist").
 * 3. The response (saml/response.ts): base64, then bounded XML, signatures against the
 *    metadata's certificates, issuer, status, recipient, audience, times; then the assertion is
 *    used up (saml/replay.ts).
 * 4. The Role attribute must list the pair (RoleArn, PrincipalArn), and the role must exist with
 *    exactly that ARN; otherwise AccessDenied "Not authorized to perform sts:AssumeRoleWithSAML"
 *    ("Troubleshooting SAML 2.0 federation").
 * 5. Trust: the role's trust policy must allow `sts:AssumeRoleWithSAML` for `Federated: <provider
 *    ARN>` with the `saml:*` keys (saml/context-keys.ts), `aws:FederatedProvider`, the time; and
 *    `sts:TagSession` when PrincipalTag attributes are present, `sts:SetSourceIdentity` when
 *    SourceIdentity is ("Passing session tags in AWS STS"; "Monitor and control actions taken
 *    with assumed roles").
 * 6. Duration: DurationSeconds (default 3600) up to the role's MaxSessionDuration
 *    (ValidationError beyond it), shortened by the SessionDuration attribute and by the
 *    AuthnStatement's SessionNotOnOrAfter ("Your role session lasts for the duration that you
 *    specify, or until the time specified in the SAML authentication response's
 *    SessionNotOnOrAfter value, whichever is shorter").
 *
 * Answer: `Credentials`, `AssumedRoleUser`, `PackedPolicySize` (when session policies or tags
 * were passed), `Subject` (NameID), `SubjectType`, `Issuer`, `Audience` (the Recipient),
 * `NameQualifier`, `SourceIdentity` (when set).
 */
import type { AccountState } from "../iam/account-state.ts";
import { currentOperation, noteDecision } from "../iam/audit/run.ts";
import { IamError } from "../iam/errors.ts";
import { providerMetadata } from "../iam/ops/saml-providers.ts";
import { decodeBase64 } from "../iam/rfc4648.ts";
import { readCertificate } from "../iam/saml/x509.ts";
import type { RoleEntity, SAMLProviderEntity, SessionData, Tag } from "../iam/store.ts";
import type { ContextValue } from "../engine/request.ts";
import { issueCredentials, type Credentials } from "./credentials.ts";
import { checkSessionPolicies, packedTooLarge, PACKED_LIMIT, type SessionPolicies } from "./session-policies.ts";
import { findRole, validation, type AssumedRoleUser } from "./web-identity.ts";
import { CLOCK_SKEW_SECONDS, verifySamlResponse, SamlResponseError, type VerifiedAssertion } from "./saml/response.ts";
import { importSigningKey } from "./saml/dsig.ts";
import { rolePairs, roleSessionName, sessionDuration, sessionTags, sourceIdentity } from "./saml/attributes.ts";
import { samlContextKeys, subjectType, type SamlKeys } from "./saml/context-keys.ts";
import { useAssertionOnce } from "./saml/replay.ts";

export const ACTION = "sts:AssumeRoleWithSAML";
export const DURATION = { min: 900, max: 43200, default: 3600 } as const;
export const MAX_ASSERTION_CHARS = 100_000;

export interface AssumeRoleWithSAMLRequest {
  RoleArn: string;
  /** The SAML provider's ARN. */
  PrincipalArn: string;
  /** The base64 SAML response, as the IdP posts it. */
  SAMLAssertion: string;
  DurationSeconds?: number;
  Policy?: unknown;
  PolicyArns?: { arn: string }[];
}

export interface AssumeRoleWithSAMLResponse {
  Credentials: Credentials;
  AssumedRoleUser: AssumedRoleUser;
  PackedPolicySize?: number;
  Subject: string;
  SubjectType: string;
  Issuer: string;
  Audience: string;
  NameQualifier: string;
  SourceIdentity?: string;
}

const denied = (): IamError => new IamError("AccessDenied", `Not authorized to perform ${ACTION}`);

function checkArn(value: unknown, field: string): string {
  if (typeof value !== "string" || value.length === 0) throw validation(field, "Member must not be null");
  if (value.length < 20 || value.length > 2048) throw validation(field, "Member must have length between 20 and 2048", value);
  return value;
}

function checkRequest(input: unknown): AssumeRoleWithSAMLRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new IamError("ValidationError", "AssumeRoleWithSAML takes a request object");
  const req = input as Record<string, unknown>;
  checkArn(req.RoleArn, "roleArn");
  checkArn(req.PrincipalArn, "principalArn");
  const assertion = req.SAMLAssertion;
  if (typeof assertion !== "string" || assertion.length === 0) throw validation("sAMLAssertion", "Member must not be null");
  if (assertion.length < 4 || assertion.length > MAX_ASSERTION_CHARS) throw validation("sAMLAssertion", `Member must have length between 4 and ${MAX_ASSERTION_CHARS}`);
  if (req.DurationSeconds !== undefined) {
    const d = req.DurationSeconds;
    if (typeof d !== "number" || !Number.isInteger(d) || d < DURATION.min || d > DURATION.max) {
      throw validation("durationSeconds", `Member must have value between ${DURATION.min} and ${DURATION.max}`, typeof d === "number" ? d : undefined);
    }
  }
  return req as unknown as AssumeRoleWithSAMLRequest;
}

/** The SAML response's XML: base64 (line breaks allowed, as the POST binding writes it), then UTF-8. */
function responseXml(assertion: string): string {
  const bytes = decodeBase64(assertion.replace(/[\r\n\t ]/g, ""));
  if (!bytes) throw new IamError("InvalidIdentityToken", "The SAMLAssertion is not base64");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IamError("InvalidIdentityToken", "The SAML response is not UTF-8");
  }
}

/** The provider's signing keys, imported once per metadata document. */
const keyCache = new WeakMap<object, Promise<CryptoKey[]>>();
function signingKeys(provider: SAMLProviderEntity): { issuer: string; keys: Promise<CryptoKey[]> } {
  const metadata = providerMetadata(provider);
  let keys = keyCache.get(metadata);
  if (!keys) {
    keys = Promise.all(metadata.certificates.map((der) => importSigningKey(spkiOf(der))));
    keyCache.set(metadata, keys);
  }
  return { issuer: metadata.entityId, keys };
}

const spkiOf = (der: Uint8Array): Uint8Array => readCertificate(der).spki;

/** Steps 2 and 3: the provider, then the response verified and used up. */
async function verifiedAssertion(account: AccountState, req: AssumeRoleWithSAMLRequest): Promise<{ provider: SAMLProviderEntity; assertion: VerifiedAssertion }> {
  const provider = account.store.samlProviders.get(req.PrincipalArn);
  if (!provider) throw new IamError("InvalidIdentityToken", "Specified provider doesn't exist.");
  const xml = responseXml(req.SAMLAssertion);
  const { issuer, keys } = signingKeys(provider);
  let assertion: VerifiedAssertion;
  try {
    assertion = await verifySamlResponse(xml, { keys: await keys, issuer, now: account.now() });
  } catch (e) {
    if (e instanceof SamlResponseError) throw new IamError(e.code, e.message);
    throw e;
  }
  useAssertionOnce(account, provider.Arn, assertion.id, assertion.notOnOrAfter + CLOCK_SKEW_SECONDS);
  return { provider, assertion };
}

/** What the assertion asks for, read from its AWS attributes. */
interface Requested {
  sessionName: string;
  tags: { tags: Tag[]; transitive: string[] };
  sourceIdentity?: string;
  sessionDuration?: number;
}

function requestedBy(assertion: VerifiedAssertion): Requested {
  try {
    const out: Requested = { sessionName: roleSessionName(assertion.attributes), tags: sessionTags(assertion.attributes) };
    const si = sourceIdentity(assertion.attributes);
    if (si !== undefined) out.sourceIdentity = si;
    const d = sessionDuration(assertion.attributes);
    if (d !== undefined) out.sessionDuration = d;
    return out;
  } catch (e) {
    if (e instanceof SamlResponseError) throw new IamError(e.code, e.message);
    throw e;
  }
}

/** AssumeRoleWithSAML: the steps of the module doc, in order. */
export async function assumeRoleWithSAML(account: AccountState, input: AssumeRoleWithSAMLRequest): Promise<AssumeRoleWithSAMLResponse> {
  const operation = currentOperation();
  const req = checkRequest(input);
  const policies = checkSessionPolicies(account, req.Policy, req.PolicyArns);
  const { provider, assertion } = await verifiedAssertion(account, req);
  if (!rolePairs(assertion.attributes).some((p) => p.roleArn === req.RoleArn && p.principalArn === req.PrincipalArn)) throw denied();
  const asked = requestedBy(assertion);
  const role = findRole(account, req.RoleArn);
  if (!role) throw denied();
  const requested = req.DurationSeconds ?? DURATION.default;
  if (requested > role.MaxSessionDuration) throw new IamError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  const now = account.now();
  const epoch = Math.floor(now.getTime() / 1000);
  const duration = Math.min(requested, asked.sessionDuration ?? Infinity, Math.floor((assertion.sessionNotOnOrAfter ?? Infinity) - epoch));
  if (duration <= 0) throw new IamError("ExpiredTokenException", "The SAML session has ended (SessionNotOnOrAfter is past)");
  const keys = await samlContextKeys(assertion, account.accountId, provider.Name);
  const packed = packedSize(policies, asked.tags.tags);
  authorizeTrust(account, role, provider.Arn, trustContext(keys, provider.Arn, now, asked), asked, operation);
  const data = sessionOf(account, role, provider, keys, asked, { policies, epoch, duration });
  const { credentials } = await issueCredentials(account, data);
  role.RoleLastUsed = { ...role.RoleLastUsed, LastUsedDate: account.timestamp() };
  const out: AssumeRoleWithSAMLResponse = {
    Credentials: credentials,
    AssumedRoleUser: { Arn: `arn:${account.partition}:sts::${account.accountId}:assumed-role/${role.RoleName}/${asked.sessionName}`, AssumedRoleId: `${role.RoleId}:${asked.sessionName}` },
    Subject: assertion.subject, SubjectType: subjectType(assertion.subjectFormat), Issuer: assertion.issuer, Audience: assertion.recipient,
    NameQualifier: keys.session["saml:namequalifier"],
  };
  if (packed !== undefined) out.PackedPolicySize = packed;
  if (asked.sourceIdentity !== undefined) out.SourceIdentity = asked.sourceIdentity;
  return out;
}

/** PackedPolicySize (percent of the packed limit) when session policies or tags were passed; PackedPolicyTooLarge past 100. */
function packedSize(policies: SessionPolicies, tags: Tag[]): number | undefined {
  if (policies.policy === undefined && policies.policyArns.length === 0 && tags.length === 0) return undefined;
  const chars = policies.plaintext + tags.reduce((n, t) => n + t.Key.length + t.Value.length, 0);
  const percent = Math.max(1, Math.ceil((chars * 100) / PACKED_LIMIT));
  if (percent > 100) throw packedTooLarge(percent);
  return percent;
}

function trustContext(keys: SamlKeys, providerArn: string, now: Date, asked: Requested): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    ...keys.trust,
    "aws:FederatedProvider": providerArn,
    "aws:CurrentTime": now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": Math.floor(now.getTime() / 1000),
  };
  if (asked.sourceIdentity !== undefined) context["sts:SourceIdentity"] = asked.sourceIdentity;
  if (asked.tags.tags.length > 0) {
    for (const t of asked.tags.tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
    context["aws:TagKeys"] = asked.tags.tags.map((t) => t.Key);
    if (asked.tags.transitive.length > 0) context["sts:TransitiveTagKeys"] = [...asked.tags.transitive];
  }
  return context;
}

function authorizeTrust(account: AccountState, role: RoleEntity, providerArn: string, context: Record<string, ContextValue>, asked: Requested, operation: unknown): void {
  const trust = account.engine.compile(role.AssumeRolePolicyDocument, { kind: "trust", id: `${role.Arn}#trust`, maxSize: 1_000_000 });
  try {
    const ask = (action: string): boolean => {
      const result = account.engine.authorize({ principal: providerArn, action, resource: role.Arn, context }, { resource: trust });
      noteDecision(account, operation, action, role.Arn, result);
      return result.decision === "Allow";
    };
    if (!ask(ACTION)) throw denied();
    if (asked.tags.tags.length > 0 && !ask("sts:TagSession")) throw new IamError("AccessDenied", "Not authorized to perform sts:TagSession");
    if (asked.sourceIdentity !== undefined && !ask("sts:SetSourceIdentity")) throw new IamError("AccessDenied", "Not authorized to perform sts:SetSourceIdentity");
  } finally {
    trust.dispose();
  }
}

function sessionOf(account: AccountState, role: RoleEntity, provider: SAMLProviderEntity, keys: SamlKeys, asked: Requested, at: { policies: SessionPolicies; epoch: number; duration: number }): Omit<SessionData, "accessKeyId"> {
  const data: Omit<SessionData, "accessKeyId"> = {
    kind: "AssumeRoleWithSAML", accountId: account.accountId, roleArn: role.Arn, roleId: role.RoleId, sessionName: asked.sessionName,
    tags: asked.tags.tags, transitiveTagKeys: asked.tags.transitive, mfaAuthenticated: false,
    issuedAt: at.epoch, expiresAt: at.epoch + at.duration, chained: false,
    saml: { providerArn: provider.Arn, context: { ...keys.session, "aws:FederatedProvider": provider.Arn } },
  };
  if (at.policies.policy !== undefined) data.policy = at.policies.policy;
  if (at.policies.policyArns.length > 0) data.policyArns = at.policies.policyArns;
  if (asked.sourceIdentity !== undefined) data.sourceIdentity = asked.sourceIdentity;
  return data;
}
