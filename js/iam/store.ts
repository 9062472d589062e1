/**
 * @module iam/store
 * The account's entities, kept in the shapes of `aws iam get-account-authorization-details`
 * (GAAD) plus what GAAD leaves out (access keys, MFA devices, login profiles, the password
 * policy). Policy documents are stored as decoded JSON text, exactly as given. Maps are keyed
 * by lowercased name because IAM names are unique ignoring case ("IAM and AWS STS quotas",
 * "IAM identifiers"). Dates are ISO 8601 strings.
 */
import type { Jwks } from "./jwks.ts";

export interface Tag {
  Key: string;
  Value: string;
}

export interface AttachedPolicy {
  PolicyName: string;
  PolicyArn: string;
}

export interface InlinePolicy {
  PolicyName: string;
  /** Decoded JSON text, as given to Put*Policy. */
  PolicyDocument: string;
}

export interface BoundaryRef {
  PermissionsBoundaryType: "Policy";
  PermissionsBoundaryArn: string;
}

export interface AccessKeyEntity {
  AccessKeyId: string;
  /** Kept for request signing checks (SigV4); never exported, never logged. */
  SecretAccessKey: string;
  Status: "Active" | "Inactive";
  CreateDate: string;
  LastUsed?: { LastUsedDate: string; ServiceName: string; Region: string };
}

export interface LoginProfileEntity {
  CreateDate: string;
  PasswordResetRequired: boolean;
  /** PBKDF2-SHA256: base64 salt and hash, and the iteration count. Never the password. */
  Salt: string;
  Hash: string;
  Iterations: number;
  /** Hashes of earlier passwords, for PasswordReusePrevention (newest first). */
  History: { Salt: string; Hash: string; Iterations: number }[];
  PasswordLastChanged: string;
}

export interface UserEntity {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Tags: Tag[];
  /** Group names, as GAAD's GroupList. */
  GroupList: string[];
  AttachedManagedPolicies: AttachedPolicy[];
  UserPolicyList: InlinePolicy[];
  PermissionsBoundary?: BoundaryRef;
  AccessKeys: AccessKeyEntity[];
  /** Serial numbers of the MFA devices enabled for the user. */
  MFADevices: { SerialNumber: string; EnableDate: string }[];
  LoginProfile?: LoginProfileEntity;
  PasswordLastUsed?: string;
}

export interface GroupEntity {
  GroupName: string;
  GroupId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  AttachedManagedPolicies: AttachedPolicy[];
  GroupPolicyList: InlinePolicy[];
}

export interface RoleEntity {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  /** Decoded JSON text of the trust policy. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  Tags: Tag[];
  AttachedManagedPolicies: AttachedPolicy[];
  RolePolicyList: InlinePolicy[];
  PermissionsBoundary?: BoundaryRef;
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
  /** Instance profiles holding the role, as GAAD nests them (kept so GAAD round-trips). */
  InstanceProfileList?: InstanceProfileEntity[];
}

/** An instance profile, as GAAD's RoleDetailList nests it (its `Roles` are rebuilt on export). */
export interface InstanceProfileEntity {
  Path: string;
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  CreateDate: string;
  Tags?: Tag[];
}

export interface PolicyVersionEntity {
  VersionId: string;
  /** Decoded JSON text. */
  Document: string;
  IsDefaultVersion: boolean;
  CreateDate: string;
}

export interface ManagedPolicyEntity {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  CreateDate: string;
  UpdateDate: string;
  DefaultVersionId: string;
  /** At most 5 ("IAM and AWS STS quotas": managed policy versions). */
  PolicyVersionList: PolicyVersionEntity[];
  /** The next version number to hand out (v1, v2, ... never reused). */
  NextVersion: number;
  Tags: Tag[];
  /** AWS-managed (`arn:aws:iam::aws:policy/...`): read-only, shared by every account. */
  AwsManaged: boolean;
}

export interface VirtualMfaDeviceEntity {
  SerialNumber: string;
  /** The TOTP seed, base32 (shown once at creation, as AWS does). */
  Base32StringSeed: string;
  UserName?: string;
  EnableDate?: string;
  Tags: Tag[];
  /** The last TOTP time step accepted: a code is usable once (RFC 6238 section 5.2). */
  LastUsedStep: number;
}

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  ExpirePasswords: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/**
 * An IAM OIDC identity provider (API_GetOpenIDConnectProvider), keyed in the store by its ARN.
 * Not part of GAAD (which has no providers), so GAAD export leaves it out.
 */
export interface OpenIDConnectProviderEntity {
  /** `arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH`. */
  Arn: string;
  /** The issuer without `https://` (host and path), as GetOpenIDConnectProvider returns it. */
  Url: string;
  ClientIDList: string[];
  ThumbprintList: string[];
  CreateDate: string;
  Tags: Tag[];
  /**
   * iam-edge extension: the provider's signing keys (public JWKs, `{ keys: [...] }`), supplied by
   * the caller through setOpenIDConnectProviderKeys; the model never fetches them.
   */
  Jwks?: Jwks;
}

/**
 * An IAM SAML identity provider (API_GetSAMLProvider), keyed in the store by its ARN
 * (`arn:aws:iam::ACCOUNT:saml-provider/NAME`). Not part of GAAD. The metadata document is kept as
 * uploaded; its issuer and signing certificates are read from it (js/iam/saml/metadata.ts).
 */
export interface SAMLProviderEntity {
  Arn: string;
  Name: string;
  SAMLMetadataDocument: string;
  /** GetSAMLProvider's SAMLProviderUUID. */
  SAMLProviderUUID: string;
  CreateDate: string;
  /** The metadata's `validUntil`, when it has one. */
  ValidUntil?: string;
  Tags: Tag[];
}

/** The STS operations that issue sessions. */
export type SessionKind = "AssumeRole" | "AssumeRoleWithWebIdentity" | "AssumeRoleWithSAML" | "GetSessionToken";

/**
 * An STS session: what a session token carries (js/sts signs it with the account's key, so an
 * edge node recovers it without a lookup) and what resolves into engine inputs (sessions.ts).
 * Issued by AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken ("Requesting temporary
 * security credentials", "Compare AWS STS credentials"). The model keeps the live ones
 * (`AccountStore.liveSessions`) so their ARNs can name callers.
 */
export interface SessionData {
  kind: SessionKind;
  accountId: string;
  /** The ASIA access key id the credentials carry. */
  accessKeyId: string;
  /** For role sessions: the role's ARN with its path, its unique id (AROA...) and the session name. */
  roleArn?: string;
  roleId?: string;
  sessionName?: string;
  /** For GetSessionToken: the user the session belongs to (ARN and AIDA id); or the root ARN. */
  userArn?: string;
  userId?: string;
  /** Session policies: the inline `Policy` text and the `PolicyArns` (managed, in the role's account). */
  policy?: string;
  policyArns?: string[];
  /** Session tags (already merged with transitive tags from the calling session) and the transitive keys. */
  tags: Tag[];
  transitiveTagKeys: string[];
  sourceIdentity?: string;
  /** MFA: whether the session was created with MFA, and when (epoch seconds). */
  mfaAuthenticated: boolean;
  mfaAuthTime?: number;
  /** Epoch seconds. */
  issuedAt: number;
  expiresAt: number;
  /** True when created with role-session credentials (role chaining: capped at one hour). */
  chained: boolean;
  /** Web identity: the provider ARN and the claims that became context (`<provider>:sub` ...). */
  webIdentity?: { providerArn: string; context: Record<string, string | string[]> };
  /** SAML: the provider ARN and the keys that stay available in the session (`saml:namequalifier`, `saml:sub`, `saml:sub_type`). */
  saml?: { providerArn: string; context: Record<string, string> };
}

/** Everything an account holds. Operations mutate it only after every check has passed. */
export interface AccountStore {
  accountId: string;
  users: Map<string, UserEntity>;
  groups: Map<string, GroupEntity>;
  roles: Map<string, RoleEntity>;
  /** Customer-managed policies keyed by ARN (ARNs include the path, so they are unique). */
  policies: Map<string, ManagedPolicyEntity>;
  mfaDevices: Map<string, VirtualMfaDeviceEntity>;
  passwordPolicy?: PasswordPolicy;
  /** Access keys of the root user, modelled so an analyzer can flag them. */
  rootAccessKeys: AccessKeyEntity[];
  /**
   * STS: the key session tokens are authenticated with and temporary secrets derived from
   * (`AccountOptions.sessionKey`, else 32 random bytes). Never exported (GAAD has no place for it).
   */
  sessionKey: Uint8Array;
  /**
   * STS: per-role revocation cut-offs ("Revoke active sessions"), keyed by lowercased role name:
   * the role's id and the epoch second before which issued sessions are refused.
   */
  roleSessionCutoffs: Map<string, { roleId: string; before: number }>;
  /**
   * STS: the latest session issued for each assumed-role session ARN, so that ARN can be used
   * as a caller while the session lives (credentials need no lookup). Never exported.
   */
  liveSessions: Map<string, SessionData>;
  /** OIDC identity providers keyed by ARN (not in GAAD). */
  oidcProviders: Map<string, OpenIDConnectProviderEntity>;
  /** SAML identity providers keyed by ARN (not in GAAD). */
  samlProviders: Map<string, SAMLProviderEntity>;
  /**
   * STS: the SAML assertions already used, `<provider ARN> <assertion ID>` to the epoch second
   * until which the assertion would be accepted (then forgotten): a bearer assertion is used once
   * (SAML 2.0 Profiles 4.1.4.5). Never exported.
   */
  samlAssertionsUsed: Map<string, number>;
}

export function emptyStore(accountId: string): AccountStore {
  return {
    accountId, users: new Map(), groups: new Map(), roles: new Map(), policies: new Map(),
    mfaDevices: new Map(), rootAccessKeys: [],
    sessionKey: crypto.getRandomValues(new Uint8Array(32)), roleSessionCutoffs: new Map(), liveSessions: new Map(),
    oidcProviders: new Map(), samlProviders: new Map(), samlAssertionsUsed: new Map(),
  };
}
