/**
 * @module edge/service/rpc
 * What the Worker and an account's Durable Object say to each other (Workers RPC: arguments and
 * results are structured-cloned, so these are plain data). The Worker verifies a request and
 * resolves its caller against its cached copy of the account; a call that changes the account
 * travels as a ForwardedCall, and the object, the account's single writer, runs it and answers
 * the HTTP response as a CallAnswer once the change and its audit record are stored.
 */
import type { ContextValue } from "../../engine/request.ts";
import type { CloudTrailRecord } from "../../iam/audit.ts";
import type { DecisionRecord } from "../authorize/decision-record.ts";
import type { AuditLookup } from "./audit-log.ts";
import type { KeyUse } from "./call-scope.ts";
import type { SyncAnswer } from "./replicas.ts";
import type { ApiService } from "../api/call-context.ts";
import type { ProvisionedRole } from "../../org/access-role.ts";
import type { Credentials } from "../../sts/credentials.ts";
import type { RoleSessionRequest } from "../../sso/role-account.ts";
import type { SsoAnswer, SsoService } from "../sso-api/handler.ts";
import type { PortalCall } from "../sso-api/portal.ts";
import type { OrganizationState } from "../../org/shapes.ts";

export interface ForwardedCall {
  accountId: string;
  service: ApiService;
  /** awsQuery: the form parameters as sent (body, or a GET's query); CloudTrail: the JSON body. */
  body: string;
  /** CloudTrail's `X-Amz-Target`. */
  target?: string;
  region: string;
  /** The verified credentials (absent for STS's unsigned calls): the object resolves them again. */
  caller?: { accessKeyId: string; sessionToken?: string };
  context: Record<string, ContextValue>;
  requestId: string;
  sourceIp?: string;
  /** ISO 8601: when the Worker verified the request. */
  time: string;
  /** The endpoint's origin, for the banner if this call is the account's first start. */
  origin?: string;
  /**
   * A cross-account STS AssumeRole: the account whose credentials signed it (the call runs in the
   * role's account, which resolves the caller in a copy of this one: organizations.ts).
   */
  callerAccountId?: string;
}

export interface CallAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** What a call served from a cached copy leaves for the object to store. */
export interface RecordBatch {
  records: CloudTrailRecord[];
  /** Decision records of denials (what the explain endpoint reads). */
  decisions: DecisionRecord[];
  keyUses: KeyUse[];
}

/** An account object's RPC methods, as the Worker calls them. */
export interface AccountRpc {
  /** The stamp, and the state the caller lacks (see replicas.ts). `origin` names the endpoint in the first start's banner. */
  sync(accountId: string, known: number | undefined, origin: string): Promise<SyncAnswer>;
  health(accountId: string, origin: string): Promise<{ accountId: string; stamp: number }>;
  execute(call: ForwardedCall): Promise<CallAnswer>;
  record(accountId: string, batch: RecordBatch): Promise<void>;
  lookupEvents(accountId: string, query: AuditLookup): Promise<{ records: CloudTrailRecord[]; cursor?: string }>;
  decision(accountId: string, requestId: string): Promise<DecisionRecord | undefined>;
  /** Events stored, all or for one request id (the load test's check). */
  auditCount(accountId: string, requestId?: string): Promise<number>;
  /** Organizations: the management account of the organization the account is in (null: none). */
  setOrganization(accountId: string, managementAccountId: string | null): Promise<void>;
  /** Creates (or replaces) a role in the account: CreateAccount's access role, Identity Center's roles. */
  provisionRole(accountId: string, role: ProvisionedRole): Promise<{ arn: string }>;
  /** IAM Identity Center (js/sso/role-account.ts): a role made exactly `role`, a role deleted, a portal session of a role. */
  reconcileRole(accountId: string, role: ProvisionedRole): Promise<{ arn: string }>;
  removeRole(accountId: string, roleName: string): Promise<void>;
  issueRoleSession(accountId: string, req: RoleSessionRequest): Promise<{ credentials: Credentials; roleArn: string }>;
}

/** An organization's object (named by its management account id): organization-object.ts. */
export interface OrganizationRpc {
  /** The organization's version, and its state when `known` is another version; `{ version: 0 }` when there is none. */
  sync(managementAccountId: string, known: number | undefined): Promise<{ version: number; state?: OrganizationState }>;
  create(managementAccountId: string, input: Record<string, unknown>): Promise<OrgAnswer>;
  execute(managementAccountId: string, caller: string, operation: string, input: Record<string, unknown>): Promise<OrgAnswer>;
  /** IAM Identity Center's SSO admin and identity store calls on the organization's instance. */
  ssoExecute(managementAccountId: string, service: SsoService, operation: string, input: Record<string, unknown>, region: string): Promise<SsoAnswer>;
  /** The access portal: a session for an identity store user, then its calls with the session's token. */
  ssoSignIn(managementAccountId: string, userName: string, region: string): Promise<SsoAnswer>;
  ssoPortal(managementAccountId: string, token: string, call: PortalCall): Promise<SsoAnswer>;
}

/** A model operation's answer across RPC (errors do not keep their class there). */
export type OrgAnswer = { ok: true; output: unknown } | { ok: false; code: string; message: string; reason?: string };

/** The key directory's RPC methods. */
export interface DirectoryRpc {
  /** Makes `keys` the account's long-term access keys (earlier ones not listed are removed). */
  setAccountKeys(accountId: string, keys: string[]): Promise<void>;
  lookup(accessKeyId: string): Promise<string | undefined>;
}

/** The key directory's object also keeps the accounts Organizations' CreateAccount made, served from then on like the configured ones. */
export interface AccountRegistryRpc {
  registerAccount(accountId: string): Promise<void>;
  isRegistered(accountId: string): Promise<boolean>;
}
