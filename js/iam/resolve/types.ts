/**
 * @module iam/resolve/types
 * What resolution produces: a principal (or a group, for SimulatePrincipalPolicy) turned into
 * the engine's inputs, with where each compiled policy comes from; and the shapes of a
 * decision request and of credentials.
 */
import type { CompiledPolicy, PolicyBundle } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import type { GroupEntity, RoleEntity, SessionData, UserEntity } from "../store.ts";

/** `aws:PrincipalType` values this model produces. */
export type PrincipalType = "User" | "AssumedRole" | "Account";

/** Where a compiled policy of a resolution comes from (for simulate's SourcePolicyId/Type). */
export interface PolicySource {
  /** The engine's `policyId`. */
  policyId: string;
  kind: "identity" | "boundary";
  /** Inline policies: the entity that holds it. Managed policies: undefined. */
  owner?: { type: "user" | "group" | "role"; name: string; arn: string };
  policyName: string;
  /** Managed policies only. */
  policyArn?: string;
  /** AWS-managed (`arn:aws:iam::aws:policy/...`). */
  awsManaged: boolean;
  /** The policy document as compiled (JSON text, possibly URL-encoded as IAM stores it). */
  document?: string;
}

/** What `resolvePrincipal` returns: the engine inputs of one principal. */
export interface ResolvedPrincipal {
  /** The ARN as given. */
  arn: string;
  /** What goes in the engine request's `principal` (the ARN as given). */
  requestPrincipal: string;
  type: PrincipalType;
  accountId: string;
  user?: UserEntity;
  role?: RoleEntity;
  /** Role sessions: the session name, when the ARN names one. */
  sessionName?: string;
  identity: CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** `engine.link({ identity, boundary })`. */
  bundle: PolicyBundle;
  /** The context keys AWS derives from the principal. */
  context: Record<string, ContextValue>;
  /** Every compiled policy above, by policyId. */
  sources: Map<string, PolicySource>;
  /** `account.version` the resolution was built at. */
  version: number;
  /**
   * STS sessions: the session policies (`Policy` and `PolicyArns`), the engine's `session` slot;
   * the session itself. Present for a session resolved from credentials, or from the ARN of a
   * live session issued by this account (sessions.ts).
   */
  session?: CompiledPolicy[];
  stsSession?: SessionData;
}

/** @internal A resolution of a principal, or of a group (SimulatePrincipalPolicy). */
export type TargetType = PrincipalType | "Group";

/** @internal */
export interface ResolvedTarget extends Omit<ResolvedPrincipal, "type"> {
  type: TargetType;
  group?: GroupEntity;
}

export interface AuthorizePrincipalInput {
  action: string;
  /** Defaults to `*`. */
  resource?: string;
  /** Request context; the keys derived from the principal take precedence over these. */
  context?: Record<string, ContextValue>;
  /** The resource's policy: compiled (kind resource or trust) or a document (compiled as `resource`, or `trust` for `sts:AssumeRole*`). */
  resourcePolicy?: CompiledPolicy | unknown;
  /** SCP levels from the root to the account: compiled policies or documents. */
  scp?: (CompiledPolicy | unknown)[][];
  /** Session policies (role sessions): compiled or documents. */
  session?: (CompiledPolicy | unknown)[];
  /** The account that owns the resource. Defaults to the account in the resource ARN, else the principal's. */
  resourceAccount?: string;
}

/** Temporary or long-term credentials naming the caller (`{ accessKeyId, sessionToken }`). */
export interface CallerCredentials {
  accessKeyId: string;
  sessionToken?: string;
}

/** What resolveCredentials answers. */
export interface ResolvedCredentials {
  /** The principal's ARN: an assumed-role session ARN, a user ARN or the root ARN. */
  principal: string;
  /** Temporary credentials: their session. */
  session?: SessionData;
  /** The engine inputs of that principal, with the session's extras. */
  resolved: ResolvedPrincipal;
}

export interface ResolveCredentialsOptions {
  /** Recorded as the access key's last-used service (long-term keys). Default `sts`. */
  serviceName?: string;
  /** Recorded as the access key's last-used region. Default `us-east-1`. */
  region?: string;
}
