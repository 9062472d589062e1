/**
 * @module iam/account-state
 * AccountState: one AWS account's IAM as the model's operations see it. It holds the entity
 * store, the engine, the clock and partition, the change counter and the audit sink, and gives
 * what every operation shares: `authorizeOperation` (the caller's own permission for the IAM
 * action, through the engine), `touch` (a change happened), `arn` and `timestamp`.
 *
 * Operations are plain functions of an AccountState (ops/*.ts, resolve/, simulate/, gaad/, and
 * js/sts above the model). The `Account` class (js/sts/account.ts) extends AccountState and
 * declares every operation; it also implements `resolveCredentials`, which is abstract here
 * because credentials and session tokens are STS's, a layer above the model.
 */
import type { Engine } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import { emptyStore, type AccountStore } from "./store.ts";
import { IamError } from "./errors.ts";
import type { CloudTrailRecord } from "./audit/shapes.ts";
import type { CallerCredentials, ResolveCredentialsOptions, ResolvedCredentials } from "./resolve/types.ts";
import { authorizeOperation } from "./resolve/caller.ts";
import { AttemptLimiter, type AttemptLimitSettings } from "./attempt-limits.ts";
import type { OrganizationGuardrails } from "./resolve/organization.ts";

/** Options every operation takes. */
export interface OperationOptions {
  /**
   * The principal making the call (user, role session or root ARN). When given, the operation
   * is authorized through the engine first (`iam:CreateUser` on the user's ARN, and so on) and
   * fails with `AccessDenied` as IAM would.
   */
  caller?: string;
  /**
   * The request's transport context for that authorization, as the front end that received the
   * request knows it: `aws:SourceIp`, `aws:SecureTransport`, `aws:UserAgent`, ... (the list is
   * `TRANSPORT_KEYS`, js/iam/resolve/supplied-context.ts), and, for a caller named by its ARN,
   * `aws:MultiFactorAuthPresent` and `aws:MultiFactorAuthAge`. Any other key is ignored: the
   * account derives the request's, the principal's and the resource's keys itself.
   */
  context?: Record<string, ContextValue>;
  /** Audit: the record's `requestID` (the id of the wire request that made the call); default a random UUID. */
  requestId?: string;
}

export interface AccountOptions {
  accountId: string;
  engine: Engine;
  /** The clock (tests pin it). Defaults to the system clock. */
  now?: () => Date;
  /** AWS partition for ARNs. */
  partition?: string;
  /**
   * STS: the key session tokens are authenticated with (HMAC-SHA256) and temporary secret keys
   * are derived from: bytes, or a string (its UTF-8 bytes); at least 16 bytes. Give the same key
   * to every edge node that must verify this account's session tokens. Defaults to 32 random bytes.
   */
  sessionKey?: Uint8Array | string;
  /**
   * Audit sink (audit.ts): receives one CloudTrail-shaped record per IAM and STS operation and
   * per direct `authorizePrincipal` decision. Sync or async; its errors are counted, never thrown.
   */
  audit?: (record: CloudTrailRecord) => void | Promise<void>;
  /** Audit records: `awsRegion` of STS events and decisions (default `us-east-1`; IAM events are always `us-east-1`). */
  region?: string;
  /** Audit records: `sourceIPAddress` when the request context has no `aws:SourceIp` (default `AWS Internal`). */
  sourceIpAddress?: string;
  /** Audit records: `userAgent` when the request context has no `aws:UserAgent` (default `iam-edge`). */
  userAgent?: string;
  /**
   * Limits on failed password and MFA attempts (attempt-limits.ts; docs/limits.md): any of
   * `freeFailures` (5), `firstLockoutSeconds` (1), `maxLockoutSeconds` (900),
   * `resetAfterSeconds` (900), `maxUnknownKeys` (10,000). ValidationError for a value that is
   * not a positive number.
   */
  attemptLimits?: Partial<AttemptLimitSettings>;
}

export abstract class AccountState {
  readonly accountId: string;
  readonly engine: Engine;
  readonly partition: string;
  /** @internal the entities; mutate only through operations */
  readonly store: AccountStore;
  readonly now: () => Date;
  /** Bumped by every change to an entity, so cached compiled bundles can be invalidated. */
  version = 0;
  /** The audit sink (`AccountOptions.audit`); may be set or replaced later. */
  audit?: (record: CloudTrailRecord) => void | Promise<void>;
  /** @internal audit record defaults (`AccountOptions.region`, `sourceIpAddress`, `userAgent`). */
  readonly auditDefaults: { region?: string; sourceIpAddress?: string; userAgent?: string };
  /**
   * @internal failed password and MFA attempts (attempt-limits.ts). Kept in memory, beside the
   * store and not in it: one writer per account (the edge's Durable Object) holds it.
   */
  readonly attempts: AttemptLimiter;
  /**
   * The account's organization's SCPs, RCPs and keys (resolve/organization.ts), applied to every
   * decision of the account's principals and resources; undefined outside an organization.
   * Set by the organization layer (js/org), never stored with the account.
   */
  organization?: OrganizationGuardrails;

  /** @internal use Account.create */
  constructor(options: AccountOptions) {
    if (typeof options?.accountId !== "string" || !/^\d{12}$/.test(options.accountId)) {
      throw new IamError("ValidationError", "`accountId` must be a 12-digit AWS account id");
    }
    if (!options.engine) throw new IamError("ValidationError", "`engine` is required (from createEngine())");
    this.accountId = options.accountId;
    this.engine = options.engine;
    this.partition = options.partition ?? "aws";
    this.now = options.now ?? (() => new Date());
    this.store = emptyStore(options.accountId);
    this.audit = options.audit;
    this.auditDefaults = { region: options.region, sourceIpAddress: options.sourceIpAddress, userAgent: options.userAgent };
    this.attempts = new AttemptLimiter(options.attemptLimits, () => this.now().getTime());
    if (options.sessionKey !== undefined) this.store.sessionKey = sessionKeyBytes(options.sessionKey);
  }

  /** The current time as IAM writes dates (ISO 8601, seconds precision, UTC). */
  timestamp(): string {
    return this.now().toISOString().replace(/\.\d{3}Z$/, "Z");
  }

  /** `arn:aws:iam::ACCOUNT:<resource>` */
  arn(resource: string): string {
    return `arn:${this.partition}:iam::${this.accountId}:${resource}`;
  }

  /** The root user's ARN. */
  get rootArn(): string {
    return this.arn("root");
  }

  /** Records a change: compiled bundles built before it are stale. */
  touch(): void {
    this.version++;
  }

  /**
   * Authorizes an operation when a caller is given ("Controlling access to IAM": every IAM
   * action is itself authorized). `request` holds the condition keys the request's parameters
   * set (`aws:RequestTag/*`, `iam:PolicyARN`, ...; undefined values are left out); of
   * `options.context` only the transport keys count. Throws IamError `AccessDenied` with AWS's message.
   */
  authorizeOperation(options: OperationOptions | undefined, action: string, resource: string, request?: Record<string, ContextValue | undefined>, shown?: string): Promise<void> {
    return authorizeOperation(this, options, action, resource, request, shown);
  }

  /**
   * Resolves request credentials to the principal and its session (STS: js/sts/resolve-credentials.ts).
   * @throws IamError InvalidClientTokenId (unknown, Inactive, malformed or foreign), ExpiredToken,
   * AccessDenied (revoked session, or its role deleted)
   */
  abstract resolveCredentials(credentials: CallerCredentials, options?: ResolveCredentialsOptions): Promise<ResolvedCredentials>;
}

/** `AccountOptions.sessionKey` as bytes (a string: its UTF-8 bytes); at least 16. */
function sessionKeyBytes(given: Uint8Array | string): Uint8Array {
  const key = typeof given === "string" ? new TextEncoder().encode(given) : given;
  if (!(key instanceof Uint8Array) || key.length < 16) throw new IamError("ValidationError", "`sessionKey` must be at least 16 bytes");
  return new Uint8Array(key);
}
