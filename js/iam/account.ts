/**
 * @module iam/account
 * An AWS account's IAM: its entity store, its engine, its clock, and the hooks every operation
 * shares (caller authorization, change tracking). The IAM operations themselves live in
 * ops/*.ts, one file per entity family; each adds its methods to Account (module augmentation)
 * so the class stays small and the families stay apart. Import from ./index.ts.
 */
import type { Engine } from "../engine/engine.ts";
import type { ContextValue } from "../engine/request.ts";
import { emptyStore, type AccountStore } from "./store.ts";
import { IamError } from "./errors.ts";
import type { CloudTrailRecord } from "./audit.ts";

/** Options every operation takes. */
export interface OperationOptions {
  /**
   * The principal making the call (user, role session or root ARN). When given, the operation
   * is authorized through the engine first (`iam:CreateUser` on the user's ARN, and so on) and
   * fails with `AccessDenied` as IAM would.
   */
  caller?: string;
  /** Extra request context for that authorization (e.g. `aws:SourceIp`, `aws:MultiFactorAuthPresent`). */
  context?: Record<string, ContextValue>;
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
}

/** Decides whether `caller` may perform `action` on `resource`; installed by resolve.ts. */
export type CallerAuthorizer = (account: Account, caller: string, action: string, resource: string, context?: Record<string, ContextValue>) => Promise<void>;

let authorizeCaller: CallerAuthorizer | undefined;

/** Builds an account from GAAD JSON (object, text, or URL-encoded text); installed by gaad.ts. */
export type GaadImporter = (gaad: unknown, options: AccountOptions) => Promise<Account>;
let importGaad: GaadImporter | undefined;

/** @internal gaad.ts installs the importer. */
export function setGaadImporter(fn: GaadImporter): void {
  importGaad = fn;
}

/** @internal resolve.ts installs the engine-backed check. */
export function setCallerAuthorizer(fn: CallerAuthorizer): void {
  authorizeCaller = fn;
}

export class Account {
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
    if (options.sessionKey !== undefined) {
      const key = typeof options.sessionKey === "string" ? new TextEncoder().encode(options.sessionKey) : options.sessionKey;
      if (!(key instanceof Uint8Array) || key.length < 16) throw new IamError("ValidationError", "`sessionKey` must be at least 16 bytes");
      this.store.sessionKey = new Uint8Array(key);
    }
  }

  /**
   * Creates an empty account.
   * @example
   * const account = await Account.create({ accountId: "111122223333", engine });
   */
  static async create(options: AccountOptions): Promise<Account> {
    return new Account(options);
  }

  /**
   * Builds an account from the JSON of `aws iam get-account-authorization-details` (GAAD).
   * Policy documents may be objects, JSON strings or URL-encoded strings. A broken policy is
   * reported by name and position (IamError `MalformedPolicyDocument` with diagnostics).
   * @example
   * const account = await Account.fromAuthorizationDetails(gaadText, { accountId: "111122223333", engine });
   */
  static async fromAuthorizationDetails(gaad: unknown, options: AccountOptions): Promise<Account> {
    if (!importGaad) throw new IamError("ServiceFailure", "GAAD import is not installed (import from js/iam/index.ts)");
    return importGaad(gaad, options);
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
   * action is itself authorized). Throws IamError `AccessDenied` with AWS's message.
   */
  async authorizeOperation(options: OperationOptions | undefined, action: string, resource: string): Promise<void> {
    if (!options?.caller) return;
    if (!authorizeCaller) throw new IamError("ServiceFailure", "caller authorization is not installed (import from js/iam/index.ts)");
    await authorizeCaller(this, options.caller, action, resource, options.context);
  }
}
