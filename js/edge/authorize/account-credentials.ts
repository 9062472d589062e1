/**
 * @module edge/authorize/account-credentials
 * The account model as verifySigV4's credentials source, and the principal of a verified
 * request. Long-term keys (`AKIA...`) are the users' and root's access keys: the secret is the
 * one the account keeps (`account.findAccessKey`; an Inactive key is unknown). Temporary keys
 * (`ASIA...`) are STS sessions: the session token is verified first
 * (`account.resolveCredentials`: InvalidClientTokenId, ExpiredToken, AccessDenied for a revoked
 * session), then the secret is recomputed from the access key id under the account's session
 * key (`deriveSecretAccessKey`, js/sts: nothing is stored per session). After the signature
 * verifies, `resolveCaller` resolves the principal (and records a long-term key's use, as
 * GetAccessKeyLastUsed reports it): never before, so a forged request leaves no trace.
 *
 * The model's public API has no way to get a session's secret; `deriveSecretAccessKey` is the
 * one function of js/sts this module uses beyond Account's methods (docs/edge.md).
 */
import type { Account } from "../../sts/account.ts";
import { deriveSecretAccessKey } from "../../sts/credentials.ts";
import type { CredentialsSource, SigningCredentials, VerifiedRequest } from "../sigv4/types.ts";

/** What `account.resolveCredentials` answers: the caller's ARN, its session, its engine inputs. */
export type Caller = Awaited<ReturnType<Account["resolveCredentials"]>>;
/** The engine inputs of a caller (policies, bundle, derived context keys). */
export type CallerPrincipal = Caller["resolved"];

/** One account, or a lookup from an access key id to its account. */
export type AccountSource = Account | ((accessKeyId: string) => Account | undefined | Promise<Account | undefined>);

export interface ModelCredentials extends SigningCredentials {
  account: Account;
}

async function accountFor(source: AccountSource, accessKeyId: string): Promise<Account | undefined> {
  return typeof source === "function" ? source(accessKeyId) : source;
}

/**
 * verifySigV4's `credentials` from the account model.
 * @example
 * const v = await verifySigV4(request, { credentials: modelCredentials(account) });
 */
export function modelCredentials(source: AccountSource): CredentialsSource<ModelCredentials> {
  return async ({ accessKeyId, sessionToken }) => {
    const account = await accountFor(source, accessKeyId);
    if (!account) return undefined;
    if (accessKeyId.startsWith("ASIA")) {
      // Verifies the token (and its expiry and revocation) before any secret is derived.
      await account.resolveCredentials({ accessKeyId, sessionToken });
      return { secretAccessKey: await deriveSecretAccessKey(account, accessKeyId), account };
    }
    const owner = account.findAccessKey(accessKeyId);
    if (!owner || owner.key.Status !== "Active") return undefined;
    // A long-term key carries no session token (STS refuses one, and so do we).
    if (sessionToken !== undefined && sessionToken !== "") throw Object.assign(new Error("The security token included in the request is invalid."), { code: "InvalidToken" });
    return { secretAccessKey: owner.key.SecretAccessKey, account };
  };
}

/** The principal of a request that verified with `modelCredentials`. */
export function resolveCaller(verified: VerifiedRequest<ModelCredentials>): Promise<Caller> {
  return verified.credentials.account.resolveCredentials(
    { accessKeyId: verified.accessKeyId, sessionToken: verified.sessionToken },
    { serviceName: verified.service, region: verified.region },
  );
}
