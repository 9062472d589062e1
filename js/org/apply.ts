/**
 * @module org/apply
 * Puts an organization's guardrails on an account of the model (`account.organization`), so
 * every decision of its principals and resources takes them, with nothing passed by hand. Call
 * it again after the organization changes (`org.version` moves); an account outside the
 * organization gets none.
 * @example
 * const compiler = new GuardrailCompiler(engine);
 * applyOrganization(account, org, compiler);
 */
import type { AccountState } from "../iam/account-state.ts";
import type { GuardrailCompiler } from "./compiled.ts";
import { guardrailsOf } from "./guardrails.ts";
import type { Organization } from "./organization.ts";

export function applyOrganization(account: AccountState, org: Organization | undefined, compiler: GuardrailCompiler): void {
  const docs = org ? guardrailsOf(org, account.accountId) : undefined;
  account.organization = docs ? compiler.compile(docs) : undefined;
}
