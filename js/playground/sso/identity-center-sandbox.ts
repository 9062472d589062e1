/**
 * @module playground/sso/identity-center-sandbox
 * IAM Identity Center in the page: an instance (js/sso `IdentityCenter`) built through its own
 * operations, the member accounts of the organization as account-model `Account`s with the
 * organization's SCPs and RCPs on them (js/org `applyOrganization`), the `AWSReservedSSO_*` roles
 * its assignments provision there (js/sso's role effects, carried out by js/sso/role-account.ts as the edge's account
 * objects do), and the access portal's steps: a user's accounts and permission sets (directly or
 * through a group), GetRoleCredentials (a session of the reserved role, session name the user
 * name), and a request decided as that session. No DOM.
 *
 * The session is decided by its ARN (`arn:aws:sts::ACCOUNT:assumed-role/AWSReservedSSO_.../user`)
 * with `aws:FederatedProvider` set to the account's Identity Center SAML provider, as the edge's
 * portal session carries it; the page mints no access key (docs/identity-center.md, "Known differences").
 */
import { Account, type AuthorizationRequest, type AuthorizationResult, type Engine } from "../../entries/browser.ts";
import { applyOrganization, GuardrailCompiler, type Organization } from "../../org/index.ts";
import { IdentityCenter, ssoProviderArn, type RoleEffect } from "../../sso/index.ts";
import { reconcileRole, removeRole } from "../../sso/role-account.ts";
import type { SampleInstance } from "./sso-sample.ts";

/** One line of the portal's list: an account and a permission set, and how the user has it. */
export interface PortalAccess {
  accountId: string;
  accountName: string;
  permissionSet: string;
  /** `user` (assigned directly) or the names of the groups that carry it. */
  via: string[];
  roleName?: string;
  roleArn?: string;
}

/** What GetRoleCredentials gives the page: the role session. */
export interface RoleSession {
  accountId: string;
  userName: string;
  roleName: string;
  roleArn: string;
  sessionArn: string;
  providerArn: string;
  durationSeconds: number;
  expiration: Date;
}


export class IdentityCenterSandbox {
  readonly accounts = new Map<string, Account>();
  readonly #compiler: GuardrailCompiler;

  private constructor(readonly ic: IdentityCenter, readonly org: Organization, readonly engine: Engine) {
    this.#compiler = new GuardrailCompiler(engine as never);
  }

  /** Builds the instance of `sample` for `org`, provisioning every assignment's role. */
  static async load(engine: Engine, org: Organization, sample: SampleInstance): Promise<IdentityCenterSandbox> {
    const ic = IdentityCenter.create(org.managementAccountId, "us-east-1", { isAccount: (id) => org.has(id) });
    const box = new IdentityCenterSandbox(ic, org, engine);
    const { IdentityStoreId, InstanceArn } = ic.state;
    const userIds = new Map<string, string>();
    const groupIds = new Map<string, string>();
    const setArns = new Map<string, string>();
    for (const u of sample.users) userIds.set(u.UserName, (box.#run("identitystore", "CreateUser", { IdentityStoreId, ...u }) as { UserId: string }).UserId);
    for (const g of sample.groups) {
      const GroupId = (box.#run("identitystore", "CreateGroup", { IdentityStoreId, DisplayName: g.DisplayName }) as { GroupId: string }).GroupId;
      groupIds.set(g.DisplayName, GroupId);
      for (const m of g.members) box.#run("identitystore", "CreateGroupMembership", { IdentityStoreId, GroupId, MemberId: { UserId: userIds.get(m) } });
    }
    for (const ps of sample.permissionSets) {
      const out = box.#run("sso", "CreatePermissionSet", { InstanceArn, Name: ps.Name, Description: ps.Description, SessionDuration: ps.SessionDuration }) as { PermissionSet: { PermissionSetArn: string } };
      const PermissionSetArn = out.PermissionSet.PermissionSetArn;
      setArns.set(ps.Name, PermissionSetArn);
      for (const ManagedPolicyArn of ps.ManagedPolicyArns) box.#run("sso", "AttachManagedPolicyToPermissionSet", { InstanceArn, PermissionSetArn, ManagedPolicyArn });
      if (ps.InlinePolicy) box.#run("sso", "PutInlinePolicyToPermissionSet", { InstanceArn, PermissionSetArn, InlinePolicy: JSON.stringify(ps.InlinePolicy) });
    }
    for (const a of sample.assignments) {
      const PrincipalId = a.PrincipalType === "USER" ? userIds.get(a.principal) : groupIds.get(a.principal);
      const { effects } = ic.run("sso", "CreateAccountAssignment", {
        InstanceArn, PermissionSetArn: setArns.get(a.PermissionSet), TargetId: a.AccountId, TargetType: "AWS_ACCOUNT", PrincipalType: a.PrincipalType, PrincipalId,
      });
      await box.#apply(effects);
    }
    return box;
  }

  /** The identity store's users. */
  users(): { UserId: string; UserName: string; DisplayName?: string }[] {
    return this.ic.state.users.map(({ UserId, UserName, DisplayName }) => ({ UserId, UserName, DisplayName }));
  }

  /** The access portal's list for a user (ListAccounts, ListAccountRoles), with how each is assigned. */
  access(userId: string): PortalAccess[] {
    const s = this.ic.state;
    const groups = new Set(s.memberships.filter((m) => m.MemberId.UserId === userId).map((m) => m.GroupId));
    return this.ic.accessOf(userId).map((a) => {
      const via = s.assignments
        .filter((x) => x.AccountId === a.AccountId && x.PermissionSetArn === a.PermissionSetArn)
        .flatMap((x) => (x.PrincipalType === "USER" ? (x.PrincipalId === userId ? ["user"] : []) : groups.has(x.PrincipalId) ? [s.groups.find((g) => g.GroupId === x.PrincipalId)?.DisplayName ?? x.PrincipalId] : []));
      const accountName = this.org.state.accounts.find((x) => x.Id === a.AccountId)?.Name ?? a.AccountId;
      return { accountId: a.AccountId, accountName, permissionSet: a.PermissionSetName, via, roleName: a.RoleName, roleArn: a.RoleArn };
    });
  }

  /**
   * GetRoleCredentials: the user's session of the permission set's role in the account, lasting
   * the permission set's session duration. Refused (as the portal's "No access") when the user
   * has no such assignment or the role is not provisioned.
   */
  roleCredentials(userId: string, accountId: string, permissionSet: string, now = new Date()): RoleSession {
    const user = this.ic.state.users.find((u) => u.UserId === userId);
    const hit = user && this.access(userId).find((a) => a.accountId === accountId && a.permissionSet === permissionSet);
    const role = hit?.roleName ? this.accounts.get(accountId)?.store.roles.get(hit.roleName.toLowerCase()) : undefined;
    if (!user || !hit?.roleName || !role) throw new Error(`No access: ${user?.UserName ?? userId} has no provisioned ${permissionSet} in ${accountId}`);
    const sessionArn = `arn:${this.ic.state.partition}:sts::${accountId}:assumed-role/${hit.roleName}/${user.UserName}`;
    return {
      accountId, userName: user.UserName, roleName: hit.roleName, roleArn: role.Arn, sessionArn,
      providerArn: ssoProviderArn(this.ic.state, accountId), durationSeconds: role.MaxSessionDuration,
      expiration: new Date(now.getTime() + role.MaxSessionDuration * 1000),
    };
  }

  /** Decides `request` (its action, resource, resource account and context) as the session. */
  decide(session: RoleSession, request: AuthorizationRequest): AuthorizationResult {
    const account = this.accounts.get(session.accountId)!;
    applyOrganization(account as never, this.org, this.#compiler);
    return account.authorizePrincipal(session.sessionArn, {
      action: request.action,
      resource: request.resource,
      resourceAccount: request.resourceAccount,
      context: { ...request.context, "aws:FederatedProvider": session.providerArn },
    });
  }

  #run(service: "sso" | "identitystore", operation: string, input: Record<string, unknown>): unknown {
    return this.ic.run(service, operation, input).output;
  }

  /** Carries out the role effects in the member accounts, as the edge's account objects do. */
  async #apply(effects: RoleEffect[]): Promise<void> {
    for (const e of effects) {
      const account = await this.#account(e.accountId);
      if (e.kind === "provision") await reconcileRole(account, e.role);
      else await removeRole(account, e.roleName);
    }
  }

  async #account(accountId: string): Promise<Account> {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = await Account.create({ accountId, engine: this.engine });
      this.accounts.set(accountId, account);
    }
    return account;
  }
}
