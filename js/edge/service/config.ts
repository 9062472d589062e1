/**
 * @module edge/service/config
 * The service's settings, read from the Worker's environment (wrangler `vars`, secrets, or
 * `.dev.vars`; `npm start` passes the `IAM_EDGE_*` variables of its own environment):
 *
 * - `IAM_EDGE_ACCOUNT_ID`: the local account (default `000000000000`);
 * - `IAM_EDGE_ROOT_ACCESS_KEY_ID` and `IAM_EDGE_ROOT_SECRET_ACCESS_KEY`: its root user's access
 *   key (both or neither; without them a key pair is generated on first start);
 * - `IAM_EDGE_ACCOUNTS`: more accounts, comma-separated, each `ID` or `ID:ACCESS_KEY_ID:SECRET`
 *   (the load test runs several);
 * - `IAM_EDGE_STAMP_TTL_MS`: how long an isolate may decide with an account's cached state before
 *   asking its Durable Object whether it changed (default 0: it asks on every request, so a
 *   change is seen by the next request; docs/edge.md, "Consistency");
 * - `IAM_EDGE_CLOCK_OFFSET_MS`: moves the service's clock (signature times, session expiry,
 *   MFA codes, record times) by up to 7 days either way. For tests of expiry, with a client that
 *   moves its own clock alike (the SDKs' `systemClockOffset`); never set it in production.
 *
 * A bad value is a configuration error: `/healthz` answers 500 with it and API calls get
 * `ServiceUnavailable`, rather than a guess.
 */

/** One account this deployment serves. */
export interface AccountConfig {
  accountId: string;
  /** The root key given in the environment, if any. */
  rootKey?: { accessKeyId: string; secretAccessKey: string };
  /** Made by Organizations' CreateAccount: no root access key is generated (AWS creates none). */
  created?: boolean;
}

export interface ServiceConfig {
  /** The local account (IAM_EDGE_ACCOUNT_ID). */
  localAccountId: string;
  /** Every account served, the local one first. */
  accounts: Map<string, AccountConfig>;
  stampTtlMs: number;
  clockOffsetMs: number;
  /** The service's clock (the system's, moved by clockOffsetMs). */
  now(): Date;
}

/** The environment variables read here (all optional). */
export interface ConfigVars {
  IAM_EDGE_ACCOUNT_ID?: string;
  IAM_EDGE_ROOT_ACCESS_KEY_ID?: string;
  IAM_EDGE_ROOT_SECRET_ACCESS_KEY?: string;
  IAM_EDGE_ACCOUNTS?: string;
  IAM_EDGE_STAMP_TTL_MS?: string;
  IAM_EDGE_CLOCK_OFFSET_MS?: string;
}

export const DEFAULT_ACCOUNT_ID = "000000000000";
const MAX_CLOCK_OFFSET_MS = 7 * 24 * 3600 * 1000;
const ACCOUNT_ID = /^\d{12}$/;
/**
 * A long-term access key id as IAM issues them: `AKIA` and 16 characters of the base32 alphabet
 * (A-Z, 2-7), the one spelling the account model resolves (js/sts/resolve-credentials.ts). A key
 * outside it could never sign a request, so it is refused here, at start, with the reason.
 */
const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
/** Secrets: 40 characters of base64's alphabet from AWS; we accept 16-128 of them. */
const SECRET = /^[A-Za-z0-9+/=]{16,128}$/;

export class ConfigError extends Error {
  override name = "ConfigError";
}

function rootKey(accessKeyId: string | undefined, secret: string | undefined, where: string): AccountConfig["rootKey"] {
  const id = accessKeyId?.trim() || undefined;
  const key = secret?.trim() || undefined;
  if (!id && !key) return undefined;
  if (!id || !key) throw new ConfigError(`${where}: give both the root access key id and its secret, or neither`);
  if (!ACCESS_KEY_ID.test(id)) throw new ConfigError(`${where}: the root access key id \`${id.slice(0, 40)}\` is not AKIA followed by 16 characters of A-Z and 2-7 (as IAM issues them)`);
  if (!SECRET.test(key)) throw new ConfigError(`${where}: the root secret access key must be 16-128 characters of A-Z, a-z, 0-9, +, / and =`);
  return { accessKeyId: id, secretAccessKey: key };
}

function extraAccounts(text: string): AccountConfig[] {
  return text.split(",").map((s) => s.trim()).filter(Boolean).map((entry) => {
    const [accountId, id, secret, ...rest] = entry.split(":");
    if (!ACCOUNT_ID.test(accountId) || rest.length) throw new ConfigError(`IAM_EDGE_ACCOUNTS: \`${entry.slice(0, 40)}\` is not ID or ID:ACCESS_KEY_ID:SECRET (ID 12 digits)`);
    return { accountId, rootKey: rootKey(id, secret, `IAM_EDGE_ACCOUNTS entry ${accountId}`) };
  });
}

/**
 * Reads the settings; throws ConfigError naming the variable at fault.
 * @example
 * parseConfig({ IAM_EDGE_ACCOUNT_ID: "111122223333" }).localAccountId // "111122223333"
 */
export function parseConfig(vars: ConfigVars): ServiceConfig {
  const localAccountId = vars.IAM_EDGE_ACCOUNT_ID?.trim() || DEFAULT_ACCOUNT_ID;
  if (!ACCOUNT_ID.test(localAccountId)) throw new ConfigError(`IAM_EDGE_ACCOUNT_ID: \`${localAccountId.slice(0, 40)}\` is not a 12-digit account id`);
  const local: AccountConfig = { accountId: localAccountId, rootKey: rootKey(vars.IAM_EDGE_ROOT_ACCESS_KEY_ID, vars.IAM_EDGE_ROOT_SECRET_ACCESS_KEY, "IAM_EDGE_ROOT_ACCESS_KEY_ID/IAM_EDGE_ROOT_SECRET_ACCESS_KEY") };
  const accounts = new Map<string, AccountConfig>([[localAccountId, local]]);
  const keys = new Set(local.rootKey ? [local.rootKey.accessKeyId] : []);
  for (const a of extraAccounts(vars.IAM_EDGE_ACCOUNTS ?? "")) {
    if (accounts.has(a.accountId)) throw new ConfigError(`IAM_EDGE_ACCOUNTS: account ${a.accountId} is listed twice`);
    if (a.rootKey && keys.has(a.rootKey.accessKeyId)) throw new ConfigError(`IAM_EDGE_ACCOUNTS: access key ${a.rootKey.accessKeyId} is given to two accounts`);
    if (a.rootKey) keys.add(a.rootKey.accessKeyId);
    accounts.set(a.accountId, a);
  }
  const ttlText = vars.IAM_EDGE_STAMP_TTL_MS?.trim() || "0";
  const stampTtlMs = Number(ttlText);
  if (!/^\d+$/.test(ttlText) || stampTtlMs > 60_000) throw new ConfigError(`IAM_EDGE_STAMP_TTL_MS: \`${ttlText.slice(0, 20)}\` is not a whole number of milliseconds from 0 to 60000`);
  const offsetText = vars.IAM_EDGE_CLOCK_OFFSET_MS?.trim() || "0";
  const clockOffsetMs = Number(offsetText);
  if (!/^-?\d+$/.test(offsetText) || Math.abs(clockOffsetMs) > MAX_CLOCK_OFFSET_MS) throw new ConfigError(`IAM_EDGE_CLOCK_OFFSET_MS: \`${offsetText.slice(0, 20)}\` is not a whole number of milliseconds within 7 days`);
  return { localAccountId, accounts, stampTtlMs, clockOffsetMs, now: () => new Date(Date.now() + clockOffsetMs) };
}

/** The settings, parsed once per environment object (an isolate keeps the same one). */
const parsed = new WeakMap<object, ServiceConfig | ConfigError>();
export function configOf(env: ConfigVars): ServiceConfig {
  let c = parsed.get(env);
  if (!c) {
    try {
      c = parseConfig(env);
    } catch (err) {
      c = err instanceof ConfigError ? err : new ConfigError(String(err));
    }
    parsed.set(env, c);
  }
  if (c instanceof ConfigError) throw c;
  return c;
}
