/**
 * @module sts/saml/replay
 * Each bearer assertion is accepted once: "the service provider MUST ensure that bearer
 * assertions are not replayed, by maintaining the set of used ID values for the length of time
 * for which the assertion would be considered valid based on the NotOnOrAfter attribute" (SAML
 * 2.0 Profiles, 4.1.4.5). The set lives in the account's store (`samlAssertionsUsed`, so the
 * edge's Durable Object keeps it across restarts), keyed by provider and assertion ID, each entry
 * kept until its assertion's NotOnOrAfter plus the clock skew, then forgotten.
 */
import type { AccountState } from "../../iam/account-state.ts";
import { IamError } from "../../iam/errors.ts";

/** Bound on remembered assertions; past it the entries recorded first are dropped. */
export const MAX_REMEMBERED = 10_000;

/**
 * Records the assertion as used, or refuses it if it was used before.
 * @param until epoch seconds after which the assertion is no longer accepted anyway
 * @throws IamError InvalidIdentityToken for a replayed assertion
 */
export function useAssertionOnce(account: AccountState, providerArn: string, assertionId: string, until: number): void {
  const used = account.store.samlAssertionsUsed;
  const now = account.now().getTime() / 1000;
  for (const [key, expiry] of used) if (expiry <= now) used.delete(key);
  const key = `${providerArn} ${assertionId}`;
  if (used.has(key)) throw new IamError("InvalidIdentityToken", "The SAML assertion has already been used (each assertion is accepted once)");
  while (used.size >= MAX_REMEMBERED) used.delete(used.keys().next().value as string);
  used.set(key, Math.ceil(until));
  account.touch();
}
