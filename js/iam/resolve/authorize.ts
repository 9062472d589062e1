/**
 * @module iam/resolve/authorize
 * Deciding requests of the account's principals: `resolvePrincipal` (a user, role, role session
 * or root ARN into engine inputs, with a live session's extras) and `authorizePrincipal` (one
 * engine decision for it, with an optional resource policy, SCP levels and session policies).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import { CompiledPolicy, type AuthorizationResult, type PolicySet } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { PolicyValidationError } from "../../engine/errors.ts";
import type { PolicyKind } from "../../policy/types.ts";
import { parsePrincipalArn } from "./principal-arn.ts";
import { resolveTarget } from "./principal.ts";
import { liveSessionOf } from "./sessions.ts";
import type { AuthorizePrincipalInput, ResolvedPrincipal } from "./types.ts";

/**
 * Resolves a principal of this account into the engine's inputs: a user ARN, a role ARN (a
 * session of that role), an assumed-role session ARN or the root user. The ARN of a live
 * session this account issued resolves with the session's policies and keys (sessions.ts).
 * @throws IamError `NoSuchEntity` for an unknown principal, `InvalidInput` for a malformed ARN or a group
 */
export function resolvePrincipal(account: AccountState, arn: string): ResolvedPrincipal {
  const parsed = parsePrincipalArn(arn);
  if (parsed?.kind === "group") throw new IamError("InvalidInput", `'${arn}' is a group: a group cannot make requests (use a user, role, role session or root ARN)`);
  const principal = resolveTarget(account, arn) as ResolvedPrincipal;
  return principal.type === "AssumedRole" ? liveSessionOf(account, principal) : principal;
}

/** Resolves the principal and decides one request with the engine. */
export function authorizePrincipal(account: AccountState, arn: string, input: AuthorizePrincipalInput): AuthorizationResult {
  if (!input || typeof input.action !== "string") throw new IamError("InvalidInput", "`action` is required");
  return authorizeResolved(account, resolvePrincipal(account, arn), input);
}

/**
 * @internal Decides one request for a resolved principal. A session's policies (`principal.session`)
 * fill the engine's `session` slot unless `input.session` is given.
 */
export function authorizeResolved(account: AccountState, principal: ResolvedPrincipal, input: AuthorizePrincipalInput): AuthorizationResult {
  if (!input || typeof input.action !== "string") throw new IamError("InvalidInput", "`action` is required");
  const resourceAccount = input.resourceAccount ?? resourceAccountOf(input.resource);
  // The organization (resolve/organization.ts): its SCPs bound the principal, its RCPs and
  // resource keys a resource of this account only.
  const org = account.organization;
  const ownResource = resourceAccount === undefined || resourceAccount === account.accountId;
  const context = mergeContext(input.context, ownResource ? org?.resourceContext : undefined, org?.principalContext, principal.context);
  const request = { principal: principal.requestPrincipal, action: input.action, resource: input.resource, context, resourceAccount };
  const orgLevels = { scp: input.scp === undefined ? org?.scp : undefined, rcp: ownResource ? org?.rcp(input.action) : undefined };
  if (input.resourcePolicy === undefined && input.scp === undefined && input.session === undefined && principal.session === undefined && !orgLevels.scp && !orgLevels.rcp) {
    return account.engine.authorize(request, principal.bundle);
  }
  const temp: CompiledPolicy[] = [];
  try {
    const set = policySet(account, principal, input, temp);
    if (orgLevels.scp) set.scp = orgLevels.scp;
    if (orgLevels.rcp) set.rcp = orgLevels.rcp;
    return account.engine.authorize(request, set);
  } finally {
    for (const p of temp) p.dispose();
  }
}

/** The principal's policies with the request's extra ones; documents compiled into `temp`. */
function policySet(account: AccountState, principal: ResolvedPrincipal, input: AuthorizePrincipalInput, temp: CompiledPolicy[]): PolicySet {
  const set: PolicySet = { identity: principal.identity, boundary: principal.boundary };
  if (input.resourcePolicy !== undefined) {
    const kind: PolicyKind = isAssumeRole(input.action) ? "trust" : "resource";
    set.resource = compileExtra(account, input.resourcePolicy, kind, "ResourcePolicy", temp);
  }
  if (input.scp) set.scp = input.scp.map((level, i) => level.map((p, j) => compileExtra(account, p, "scp", `SCP.${i + 1}.${j + 1}`, temp)));
  if (input.session) set.session = input.session.map((p, i) => compileExtra(account, p, "session", `SessionPolicy.${i + 1}`, temp));
  else if (principal.session) set.session = principal.session;
  return set;
}

function compileExtra(account: AccountState, doc: unknown, kind: PolicyKind, id: string, temp: CompiledPolicy[]): CompiledPolicy {
  if (doc instanceof CompiledPolicy) return doc;
  try {
    const p = account.engine.compile(doc, { kind, id });
    temp.push(p);
    return p;
  } catch (err) {
    if (err instanceof PolicyValidationError) throw new IamError("MalformedPolicyDocument", `${id}: ${err.message}`, err.diagnostics);
    throw err;
  }
}

/** Merges context maps; keys compare ignoring case and later maps win. */
export function mergeContext(...maps: (Record<string, ContextValue> | undefined)[]): Record<string, ContextValue> {
  const out: Record<string, ContextValue> = {};
  const spelling = new Map<string, string>();
  for (const map of maps) {
    if (!map) continue;
    for (const [key, value] of Object.entries(map)) {
      if (value === undefined || value === null) continue;
      const lower = key.toLowerCase();
      const prev = spelling.get(lower);
      if (prev !== undefined && prev !== key) delete out[prev];
      spelling.set(lower, key);
      out[key] = value;
    }
  }
  return out;
}

/** The account id in a resource ARN (`arn:aws:s3:::b` has none). */
export function resourceAccountOf(resource: string | undefined): string | undefined {
  if (!resource) return undefined;
  const parts = resource.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** True for `sts:AssumeRole`, `sts:AssumeRoleWithSAML`, `sts:AssumeRoleWithWebIdentity` (any case). */
export function isAssumeRole(action: string): boolean {
  return /^sts:assumerole/i.test(action);
}
