/**
 * @module sts/web-identity
 * AssumeRoleWithWebIdentity (API_AssumeRoleWithWebIdentity.html): temporary credentials for the
 * holder of an OIDC ID token from a provider registered in the account
 * (`createOpenIDConnectProvider`, keys from `setOpenIDConnectProviderKeys`). No AWS caller and no
 * MFA: the token is the credential.
 *
 * Steps, in order:
 * 1. Arguments: RoleArn (20-2048), RoleSessionName (2-64 of `[\w+=,.@-]`), WebIdentityToken
 *    (4-20,000), DurationSeconds (900-43200), session policies (`Policy`, `PolicyArns`) as
 *    AssumeRole checks them. ProviderId is for OAuth 2.0 access tokens (Login with Amazon,
 *    Facebook), which are not modelled: ValidationError.
 * 2. The token (jwt.ts): parsed; the provider is the one whose URL equals its `iss`
 *    (InvalidIdentityToken "No OpenIDConnect provider found in your account for ..."); a provider
 *    without stored keys is IDPCommunicationError (AWS's answer when it cannot fetch the keys);
 *    signature with the key of its `kid`; then `iss`, `sub`, `exp` (ExpiredTokenException),
 *    `nbf`, `iat`, and `aud` among the provider's client ids (IDPRejectedClaim).
 * 3. The role: it must exist in this account with this exact ARN (path included), and its trust
 *    policy must allow `sts:AssumeRoleWithWebIdentity` for the principal `Federated: <provider
 *    ARN>` (the engine: trust policy in the resource slot, principal the provider ARN, which it
 *    classifies as a federated principal). Otherwise AccessDenied "Not authorized to perform
 *    sts:AssumeRoleWithWebIdentity" (the same answer for a missing role, as STS does not reveal
 *    which roles exist).
 *    Context ("Available keys for AWS web identity federation"): `<host/path>:aud` (the token
 *    audience that matched a client id), `:sub`, `:amr` (multivalued, when the token has it),
 *    `:azp` (when present), `aws:FederatedProvider` (the provider ARN), `sts:RoleSessionName`,
 *    `aws:CurrentTime`, `aws:EpochTime`; plus the keys of step 4.
 * 4. Claims AWS reads for sessions ("Passing session tags using AssumeRoleWithWebIdentity",
 *    "Monitor and control actions taken with assumed roles"): `https://aws.amazon.com/tags`
 *    (`principal_tags` {key: [value]}, `transitive_tag_keys`) become session tags and need
 *    `sts:TagSession` in the trust policy (context `aws:RequestTag/*`, `aws:TagKeys`);
 *    `https://aws.amazon.com/source_identity` becomes the SourceIdentity and needs
 *    `sts:SetSourceIdentity` (context `sts:SourceIdentity`).
 * 5. Duration: DurationSeconds up to the role's MaxSessionDuration (ValidationError beyond it),
 *    default 3600. Credentials from `issueCredentials` (`kind: "AssumeRoleWithWebIdentity"`,
 *    `webIdentity: { providerArn, context }`); the role's `RoleLastUsed` is recorded.
 *
 * Answer: `Credentials`, `SubjectFromWebIdentityToken` (`sub`), `AssumedRoleUser`
 * (`arn:aws:sts::A:assumed-role/ROLE/SESSION`, path dropped; `AROA...:SESSION`), `Provider` (the
 * provider ARN, as CLI outputs for IAM OIDC providers show; the API Reference says `iss`), `Audience` (the matched client id),
 * `PackedPolicySize` (when session policies or tags were passed) and `SourceIdentity` (when set).
 */
import type { AccountState } from "../iam/account-state.ts";
import { currentOperation, noteDecision } from "../iam/audit/run.ts";
import { IamError } from "../iam/errors.ts";
import { findProviderByIssuer } from "../iam/ops/oidc-providers.ts";
import type { OpenIDConnectProviderEntity, RoleEntity, SessionData, Tag } from "../iam/store.ts";
import type { ContextValue } from "../engine/request.ts";
import { checkClaims, decodeJws, verifyJwsSignature, MAX_TOKEN_CHARS, type VerifiedClaims } from "./jwt.ts";
import { issueCredentials, type Credentials } from "./credentials.ts";
import { checkSessionPolicies, PACKED_LIMIT, type SessionPolicies } from "./session-policies.ts";

export const ACTION = "sts:AssumeRoleWithWebIdentity";
/** API_AssumeRoleWithWebIdentity: DurationSeconds 900 to 43200, default 3600, capped by the role's MaxSessionDuration. */
export const DURATION = { min: 900, max: 43200, default: 3600 } as const;
/** Claim names AWS reads for session tags and source identity. */
export const TAGS_CLAIM = "https://aws.amazon.com/tags";
export const SOURCE_IDENTITY_CLAIM = "https://aws.amazon.com/source_identity";

export interface AssumeRoleWithWebIdentityRequest {
  RoleArn: string;
  RoleSessionName: string;
  /** The OIDC ID token (compact JWS). */
  WebIdentityToken: string;
  /** Only for OAuth 2.0 access tokens, which are not modelled: leave it out. */
  ProviderId?: string;
  DurationSeconds?: number;
  /** Inline session policy (JSON text or object). */
  Policy?: unknown;
  PolicyArns?: { arn: string }[];
}

export interface AssumedRoleUser {
  /** `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`. */
  Arn: string;
  /** `AROA...:SESSION`. */
  AssumedRoleId: string;
}

export interface AssumeRoleWithWebIdentityResponse {
  Credentials: Credentials;
  SubjectFromWebIdentityToken: string;
  AssumedRoleUser: AssumedRoleUser;
  /** The provider ARN. */
  Provider: string;
  /** The token audience that is one of the provider's client ids. */
  Audience: string;
  PackedPolicySize?: number;
  SourceIdentity?: string;
}


const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN = /^arn:([a-z][a-z0-9-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** STS's ValidationError for one request field (AssumeRoleWithSAML shares it). */
export function validation(field: string, constraint: string, value?: unknown): IamError {
  const shown = typeof value === "string" ? ` '${value}'` : typeof value === "number" ? ` '${value}'` : "";
  return new IamError("ValidationError", `1 validation error detected: Value${shown} at '${field}' failed to satisfy constraint: ${constraint}`);
}

const denied = (): IamError => new IamError("AccessDenied", `Not authorized to perform ${ACTION}`);

function checkRequest(input: unknown): AssumeRoleWithWebIdentityRequest {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new IamError("ValidationError", "AssumeRoleWithWebIdentity takes a request object");
  }
  const req = input as Record<string, unknown>;
  if (typeof req.RoleArn !== "string" || req.RoleArn.length === 0) throw validation("roleArn", "Member must not be null");
  if (req.RoleArn.length < 20 || req.RoleArn.length > 2048) throw validation("roleArn", "Member must have length between 20 and 2048", req.RoleArn);
  if (typeof req.RoleSessionName !== "string" || req.RoleSessionName.length === 0) throw validation("roleSessionName", "Member must not be null");
  if (!SESSION_NAME.test(req.RoleSessionName)) {
    throw validation("roleSessionName", "Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*", req.RoleSessionName);
  }
  if (typeof req.WebIdentityToken !== "string" || req.WebIdentityToken.length === 0) throw validation("webIdentityToken", "Member must not be null");
  if (req.WebIdentityToken.length < 4 || req.WebIdentityToken.length > MAX_TOKEN_CHARS) {
    throw validation("webIdentityToken", `Member must have length between 4 and ${MAX_TOKEN_CHARS}`);
  }
  if (req.ProviderId !== undefined) {
    throw new IamError("ValidationError", "ProviderId is only for OAuth 2.0 access tokens (www.amazon.com, graph.facebook.com), which this model does not support; leave it out for OpenID Connect ID tokens");
  }
  if (req.DurationSeconds !== undefined) {
    const d = req.DurationSeconds;
    if (typeof d !== "number" || !Number.isInteger(d) || d < DURATION.min || d > DURATION.max) {
      throw validation("durationSeconds", `Member must have value between ${DURATION.min} and ${DURATION.max}`, typeof d === "number" ? d : undefined);
    }
  }
  return req as unknown as AssumeRoleWithWebIdentityRequest;
}

/** The role named by RoleArn, if it is this account's role with exactly that ARN (AssumeRoleWithSAML shares it). */
export function findRole(account: AccountState, roleArn: string): RoleEntity | undefined {
  const m = ROLE_ARN.exec(roleArn);
  if (!m || m[1] !== account.partition || m[2] !== account.accountId) return undefined;
  const role = account.store.roles.get(m[3].toLowerCase());
  return role && role.Arn === roleArn ? role : undefined;
}

/** Session tags and transitive keys from the `https://aws.amazon.com/tags` claim. */
function tagsFromClaims(claims: VerifiedClaims["claims"]): { tags: Tag[]; transitive: string[] } | undefined {
  const claim = claims[TAGS_CLAIM];
  if (claim === undefined) return undefined;
  const bad = (why: string) => new IamError("InvalidIdentityToken", `The token claim ${TAGS_CLAIM} is invalid: ${why}`);
  if (typeof claim !== "object" || claim === null || Array.isArray(claim)) throw bad("not an object");
  const { principal_tags: principal, transitive_tag_keys: transitive } = claim as Record<string, unknown>;
  const tags: Tag[] = [];
  const seen = new Set<string>();
  if (principal !== undefined) {
    if (typeof principal !== "object" || principal === null || Array.isArray(principal)) throw bad("`principal_tags` is not an object");
    for (const [key, raw] of Object.entries(principal)) {
      const value = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (typeof value !== "string") throw bad(`the value of tag ${key} is not one string`);
      if (key.length < 1 || key.length > 128 || value.length > 256) throw bad(`tag ${key}: keys are 1-128 and values 0-256 characters`);
      if (key.toLowerCase().startsWith("aws:")) throw bad(`tag keys may not begin with aws: (${key})`);
      if (seen.has(key.toLowerCase())) throw bad(`tag ${key} appears twice (keys are compared ignoring case)`);
      seen.add(key.toLowerCase());
      tags.push({ Key: key, Value: value });
    }
    if (tags.length > 50) throw bad("more than 50 tags");
  }
  let keys: string[] = [];
  if (transitive !== undefined) {
    if (!Array.isArray(transitive) || transitive.some((k) => typeof k !== "string" || !seen.has(k.toLowerCase()))) {
      throw bad("`transitive_tag_keys` must list keys of `principal_tags`");
    }
    keys = [...transitive] as string[];
  }
  return { tags, transitive: keys };
}

function sourceIdentityFromClaims(claims: VerifiedClaims["claims"]): string | undefined {
  const value = claims[SOURCE_IDENTITY_CLAIM];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !SOURCE_IDENTITY.test(value) || value.toLowerCase().startsWith("aws:")) {
    throw new IamError("InvalidIdentityToken", `The token claim ${SOURCE_IDENTITY_CLAIM} must be 2-64 characters of [\\w+=,.@-] and not begin with aws:`);
  }
  return value;
}

/** The context keys a verified token gives the trust policy, prefixed with the provider's host/path. */
export function webIdentityContext(providerUrl: string, providerArn: string, claims: VerifiedClaims): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {
    [`${providerUrl}:aud`]: claims.audience,
    [`${providerUrl}:sub`]: claims.subject,
    "aws:FederatedProvider": providerArn,
  };
  if (claims.amr) context[`${providerUrl}:amr`] = [...claims.amr];
  if (claims.azp !== undefined) context[`${providerUrl}:azp`] = claims.azp;
  return context;
}

/** A verified token: its provider, its claims, and the session tags and source identity they carry. */
interface VerifiedToken {
  provider: OpenIDConnectProviderEntity;
  claims: VerifiedClaims;
  /** When the claims were checked (`exp`, `nbf`, `iat` against the account's clock). */
  now: Date;
  tagClaim?: { tags: Tag[]; transitive: string[] };
  sourceIdentity?: string;
}

/** AssumeRoleWithWebIdentity: the steps of the module doc, in order. */
export async function assumeRoleWithWebIdentity(account: AccountState, input: AssumeRoleWithWebIdentityRequest): Promise<AssumeRoleWithWebIdentityResponse> {
  // Before the first await: the audit record the trust decisions below belong to.
  const operation = currentOperation();
  const req = checkRequest(input);
  const session = checkSessionPolicies(account, req.Policy, req.PolicyArns);
  const token = await verifyToken(account, req.WebIdentityToken);
  const { provider, claims, now } = token;

  // The role and its trust policy.
  const role = findRole(account, req.RoleArn);
  if (!role) throw denied();
  const duration = req.DurationSeconds ?? DURATION.default;
  if (duration > role.MaxSessionDuration) {
    throw new IamError("ValidationError", `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`);
  }
  const webContext = webIdentityContext(provider.Url, provider.Arn, claims);
  const epoch = Math.floor(now.getTime() / 1000);
  authorizeTrust(account, role, token, trustContext(webContext, req.RoleSessionName, now, token), operation);

  const data = sessionOf(account, req, role, token, { policies: session, webContext, epoch, duration });
  const { credentials } = await issueCredentials(account, data);
  role.RoleLastUsed = { ...role.RoleLastUsed, LastUsedDate: account.timestamp() };
  return responseOf(account, req, role, token, credentials, session);
}

/** The session the credentials carry. */
function sessionOf(account: AccountState, req: AssumeRoleWithWebIdentityRequest, role: RoleEntity, token: VerifiedToken, at: { policies: SessionPolicies; webContext: Record<string, string | string[]>; epoch: number; duration: number }): Omit<SessionData, "accessKeyId"> {
  const data: Omit<SessionData, "accessKeyId"> = {
    kind: "AssumeRoleWithWebIdentity", accountId: account.accountId, roleArn: role.Arn, roleId: role.RoleId, sessionName: req.RoleSessionName,
    tags: token.tagClaim?.tags ?? [], transitiveTagKeys: token.tagClaim?.transitive ?? [], mfaAuthenticated: false,
    issuedAt: at.epoch, expiresAt: at.epoch + at.duration, chained: false,
    webIdentity: { providerArn: token.provider.Arn, context: at.webContext },
  };
  if (at.policies.policy !== undefined) data.policy = at.policies.policy;
  if (at.policies.policyArns.length > 0) data.policyArns = at.policies.policyArns;
  if (token.sourceIdentity !== undefined) data.sourceIdentity = token.sourceIdentity;
  return data;
}

function responseOf(account: AccountState, req: AssumeRoleWithWebIdentityRequest, role: RoleEntity, token: VerifiedToken, credentials: Credentials, session: SessionPolicies): AssumeRoleWithWebIdentityResponse {
  const { claims, tagClaim, sourceIdentity } = token;
  const out: AssumeRoleWithWebIdentityResponse = {
    Credentials: credentials,
    SubjectFromWebIdentityToken: claims.subject,
    AssumedRoleUser: {
      Arn: `arn:${account.partition}:sts::${account.accountId}:assumed-role/${role.RoleName}/${req.RoleSessionName}`,
      AssumedRoleId: `${role.RoleId}:${req.RoleSessionName}`,
    },
    Provider: token.provider.Arn,
    Audience: claims.audience,
  };
  if (session.policy !== undefined || session.policyArns.length > 0 || (tagClaim && tagClaim.tags.length > 0)) {
    const tagChars = (tagClaim?.tags ?? []).reduce((n, t) => n + t.Key.length + t.Value.length, 0);
    out.PackedPolicySize = Math.max(1, Math.ceil(((session.plaintext + tagChars) * 100) / PACKED_LIMIT));
  }
  if (sourceIdentity !== undefined) out.SourceIdentity = sourceIdentity;
  return out;
}

/** The token: the provider of its `iss`, that provider's stored keys, the signature, then the claims. */
async function verifyToken(account: AccountState, token: string): Promise<VerifiedToken> {
  const jws = decodeJws(token);
  const iss = jws.payload.iss;
  const provider = typeof iss === "string" ? findProviderByIssuer(account, iss) : undefined;
  if (!provider) {
    throw new IamError("InvalidIdentityToken", typeof iss === "string" ? `No OpenIDConnect provider found in your account for ${iss}` : "The token has no `iss` claim.");
  }
  if (!provider.Jwks || provider.Jwks.keys.length === 0) {
    throw new IamError("IDPCommunicationError", `Couldn't retrieve verification key from your identity provider, ${iss}: no keys are stored for ${provider.Arn} (setOpenIDConnectProviderKeys)`);
  }
  await verifyJwsSignature(jws, provider.Jwks);
  const now = account.now();
  const claims = checkClaims(jws.payload, { issuer: `https://${provider.Url}`, clientIds: provider.ClientIDList, now });
  return { provider, claims, now, tagClaim: tagsFromClaims(claims.claims), sourceIdentity: sourceIdentityFromClaims(claims.claims) };
}

/** The trust policy's context: the token's keys, the session name, the time, the requested tags and source identity. */
function trustContext(webContext: Record<string, string | string[]>, sessionName: string, now: Date, token: VerifiedToken): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {
    ...webContext,
    "sts:RoleSessionName": sessionName,
    "aws:CurrentTime": now.toISOString().replace(/\.\d{3}Z$/, "Z"),
    "aws:EpochTime": Math.floor(now.getTime() / 1000),
  };
  if (token.sourceIdentity !== undefined) context["sts:SourceIdentity"] = token.sourceIdentity;
  if (token.tagClaim && token.tagClaim.tags.length > 0) {
    for (const t of token.tagClaim.tags) context[`aws:RequestTag/${t.Key}`] = t.Value;
    context["aws:TagKeys"] = token.tagClaim.tags.map((t) => t.Key);
  }
  return context;
}

/** The trust policy must allow the provider `sts:AssumeRoleWithWebIdentity`, and `sts:TagSession` / `sts:SetSourceIdentity` when the token asks for them. */
function authorizeTrust(account: AccountState, role: RoleEntity, token: VerifiedToken, context: Record<string, ContextValue>, operation: unknown): void {
  const trust = account.engine.compile(role.AssumeRolePolicyDocument, { kind: "trust", id: `${role.Arn}#trust`, maxSize: 1_000_000 });
  try {
    const ask = (action: string): boolean => {
      const result = account.engine.authorize({ principal: token.provider.Arn, action, resource: role.Arn, context }, { resource: trust });
      noteDecision(account, operation, action, role.Arn, result);
      return result.decision === "Allow";
    };
    if (!ask(ACTION)) throw denied();
    if (token.tagClaim && token.tagClaim.tags.length > 0 && !ask("sts:TagSession")) {
      throw new IamError("AccessDenied", `Not authorized to perform sts:TagSession`);
    }
    if (token.sourceIdentity !== undefined && !ask("sts:SetSourceIdentity")) {
      throw new IamError("AccessDenied", `Not authorized to perform sts:SetSourceIdentity`);
    }
  } finally {
    trust.dispose();
  }
}
