/**
 * @module iam/resolve/principal
 * A principal of the account turned into what the engine needs ("Policy evaluation logic",
 * "AWS global condition context keys"): the compiled identity policies (a user's inline and
 * attached managed policies plus those of every group it is in; a role's inline and attached
 * ones), the permissions boundary, and the context keys AWS derives from the principal
 * (`aws:PrincipalArn`, `aws:PrincipalAccount`, `aws:PrincipalType`, `aws:userid`,
 * `aws:username` for users only, `aws:PrincipalTag/<key>`). Groups resolve too, for
 * SimulatePrincipalPolicy, though a group is never a principal.
 *
 * Policy ids (`policyId` in the engine's matched statements):
 * - a managed policy (customer or AWS-managed): its ARN, e.g. `arn:aws:iam::aws:policy/ReadOnlyAccess`;
 * - an inline policy: the owning entity's ARN, `#inline/`, the policy name, e.g.
 *   `arn:aws:iam::111122223333:user/dev/alice#inline/S3Home` (`INLINE_SEPARATOR`).
 */
import type { AccountState } from "../account-state.ts";
import { IamError } from "../errors.ts";
import type { GroupEntity, RoleEntity, UserEntity } from "../store.ts";
import type { CompiledPolicy } from "../../engine/engine.ts";
import type { ContextValue } from "../../engine/request.ts";
import { cachedTarget, compiledPolicy, inlineList, managedPolicy, rememberTarget } from "./policy-cache.ts";
import { parsePrincipalArn, type ParsedArn } from "./principal-arn.ts";
import type { PolicySource, ResolvedTarget, TargetType } from "./types.ts";

/** Separates the owner's ARN from the policy name in the id of an inline policy. */
export const INLINE_SEPARATOR = "#inline/";

/** The policies of one resolution, compiled through the account's cache, with their sources. */
class PolicyCollector {
  readonly identity: CompiledPolicy[] = [];
  readonly sources = new Map<string, PolicySource>();
  /** Managed policies already taken: a user's own and its groups' attachments may name one policy once. */
  private readonly seen = new Set<string>();

  constructor(private readonly account: AccountState) {}

  private add(source: PolicySource, text: string): CompiledPolicy {
    const policy = compiledPolicy(this.account, source, text);
    this.sources.set(source.policyId, { ...source, document: text });
    return policy;
  }

  inline(type: "user" | "group" | "role", entity: UserEntity | GroupEntity | RoleEntity, name: string): void {
    for (const p of inlineList(entity)) {
      const source: PolicySource = { policyId: `${entity.Arn}${INLINE_SEPARATOR}${p.PolicyName}`, kind: "identity", owner: { type, name, arn: entity.Arn }, policyName: p.PolicyName, awsManaged: false };
      this.identity.push(this.add(source, p.PolicyDocument));
    }
  }

  managed(owner: string, list: { PolicyArn: string }[]): void {
    for (const a of list) {
      if (this.seen.has(a.PolicyArn)) continue;
      this.seen.add(a.PolicyArn);
      const m = managedPolicy(this.account, a.PolicyArn);
      if (!m) throw new IamError("NoSuchEntity", `Policy ${a.PolicyArn} attached to ${owner} does not exist or is not attachable.`);
      this.identity.push(this.add({ policyId: a.PolicyArn, kind: "identity", policyName: m.name, policyArn: a.PolicyArn, awsManaged: m.awsManaged }, m.text));
    }
  }

  boundary(owner: string, ref: { PermissionsBoundaryArn: string } | undefined): CompiledPolicy | undefined {
    if (!ref) return undefined;
    const m = managedPolicy(this.account, ref.PermissionsBoundaryArn);
    if (!m) throw new IamError("NoSuchEntity", `Permissions boundary ${ref.PermissionsBoundaryArn} of ${owner} does not exist.`);
    return this.add({ policyId: ref.PermissionsBoundaryArn, kind: "boundary", policyName: m.name, policyArn: ref.PermissionsBoundaryArn, awsManaged: m.awsManaged }, m.text);
  }
}

/** What one kind of principal adds to a resolution. */
interface Resolved {
  type: TargetType;
  context: Record<string, ContextValue>;
  boundary?: CompiledPolicy;
  user?: UserEntity;
  group?: GroupEntity;
  role?: RoleEntity;
}

/**
 * @internal Resolves a user, group, role, session or root ARN of the account (cached until the
 * account changes). InvalidInput for another kind of ARN, NoSuchEntity for an unknown entity or
 * another account's principal.
 */
export function resolveTarget(account: AccountState, arn: string): ResolvedTarget {
  const cached = cachedTarget(account, arn);
  if (cached) return cached;
  const parsed = parsePrincipalArn(arn);
  if (!parsed) throw new IamError("InvalidInput", `'${String(arn)}' is not the ARN of an IAM user, group, role, role session or root user`);
  if (parsed.account !== account.accountId) {
    throw new IamError("NoSuchEntity", `the principal '${arn}' is not in account ${account.accountId}`);
  }
  const policies = new PolicyCollector(account);
  const kind = resolveKind(account, parsed, arn, policies);
  const { identity, sources } = policies;
  const result: ResolvedTarget = {
    arn, requestPrincipal: arn, type: kind.type, accountId: account.accountId, user: kind.user, role: kind.role, group: kind.group,
    sessionName: parsed.sessionName, identity, boundary: kind.boundary, bundle: account.engine.link({ identity, boundary: kind.boundary }),
    context: { "aws:PrincipalAccount": account.accountId, ...kind.context }, sources, version: account.version,
  };
  for (const k of ["user", "role", "group", "sessionName", "boundary"] as const) if (result[k] === undefined) delete result[k];
  rememberTarget(account, arn, result);
  return result;
}

function resolveKind(account: AccountState, parsed: ParsedArn, arn: string, policies: PolicyCollector): Resolved {
  switch (parsed.kind) {
    case "root":
      return { type: "Account", context: { "aws:PrincipalArn": account.rootArn, "aws:PrincipalType": "Account", "aws:userid": account.accountId } };
    case "user":
      return resolveUser(account, parsed, arn, policies);
    case "group":
      return resolveGroup(account, parsed, arn, policies);
    default:
      return resolveRole(account, parsed, arn, policies);
  }
}

function resolveUser(account: AccountState, parsed: ParsedArn, arn: string, policies: PolicyCollector): Resolved {
  const user = account.store.users.get(parsed.name.toLowerCase());
  if (!user || user.Arn !== arn) throw new IamError("NoSuchEntity", `The user with name ${parsed.name} cannot be found.`);
  policies.inline("user", user, user.UserName);
  policies.managed(`user ${user.UserName}`, user.AttachedManagedPolicies);
  for (const groupName of user.GroupList) {
    const g = account.store.groups.get(groupName.toLowerCase());
    if (!g) throw new IamError("NoSuchEntity", `The group with name ${groupName} cannot be found.`);
    policies.inline("group", g, g.GroupName);
    policies.managed(`group ${g.GroupName}`, g.AttachedManagedPolicies);
  }
  const boundary = policies.boundary(`user ${user.UserName}`, user.PermissionsBoundary);
  const context: Record<string, ContextValue> = {
    "aws:PrincipalArn": user.Arn, "aws:PrincipalType": "User", "aws:userid": user.UserId, "aws:username": user.UserName,
  };
  for (const t of user.Tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
  return { type: "User", context, boundary, user };
}

function resolveGroup(account: AccountState, parsed: ParsedArn, arn: string, policies: PolicyCollector): Resolved {
  const group = account.store.groups.get(parsed.name.toLowerCase());
  if (!group || group.Arn !== arn) throw new IamError("NoSuchEntity", `The group with name ${parsed.name} cannot be found.`);
  policies.inline("group", group, group.GroupName);
  policies.managed(`group ${group.GroupName}`, group.AttachedManagedPolicies);
  // A group is not a principal: no derived keys beyond the account.
  return { type: "Group", context: {}, group };
}

/** A role, or a session of it: the same policies; a session ARN adds `aws:userid`. */
function resolveRole(account: AccountState, parsed: ParsedArn, arn: string, policies: PolicyCollector): Resolved {
  const role = account.store.roles.get(parsed.name.toLowerCase());
  // A session ARN drops the role's path ("IAM identifiers"): match it by name only.
  if (!role || (parsed.kind === "role" && role.Arn !== arn)) throw new IamError("NoSuchEntity", `The role with name ${parsed.name} cannot be found.`);
  policies.inline("role", role, role.RoleName);
  policies.managed(`role ${role.RoleName}`, role.AttachedManagedPolicies);
  const boundary = policies.boundary(`role ${role.RoleName}`, role.PermissionsBoundary);
  const context: Record<string, ContextValue> = { "aws:PrincipalArn": role.Arn, "aws:PrincipalType": "AssumedRole" };
  // A bare role ARN names no session, so aws:userid (`AROA...:session`) is left out.
  if (parsed.sessionName) context["aws:userid"] = `${role.RoleId}:${parsed.sessionName}`;
  for (const t of role.Tags) context[`aws:PrincipalTag/${t.Key}`] = t.Value;
  return { type: "AssumedRole", context, boundary, role };
}
