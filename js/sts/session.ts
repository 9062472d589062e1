/**
 * @module sts/session
 * The shape of an STS session: what a session token carries (signed with the account's key, so
 * an edge node recovers it without a lookup) and what resolves into engine inputs. Issued by
 * AssumeRole, AssumeRoleWithWebIdentity and GetSessionToken ("Requesting temporary security
 * credentials", "Compare AWS STS credentials").
 */
import type { Tag } from "../iam/store.ts";

export type SessionKind = "AssumeRole" | "AssumeRoleWithWebIdentity" | "GetSessionToken";

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
}

/** Credentials as STS returns them. */
export interface Credentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  /** ISO 8601. */
  Expiration: string;
}
