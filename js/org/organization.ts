/**
 * @module org/organization
 * Organization: one AWS organization (AWS Organizations User Guide, "Terminology and concepts"):
 * its management account, the root, OUs, member accounts, SCPs and RCPs and where they are
 * attached, the CreateAccount requests. Every operation of the Organizations API subset is
 * declared here in AWS's name and delegates to a plain function of ops/*.ts; each change bumps
 * `version`, on which the edge keys its caches of derived levels (guardrails.ts).
 *
 * Callers: every operation takes the calling account's id (`caller`). Most may be called only
 * from the management account (each operation's page in the API Reference: "This operation can
 * be called only from the organization's management account"); a member account gets
 * AccessDeniedException, an account outside the organization AWSOrganizationsNotInUseException.
 * Which IAM principal of that account may call (`organizations:*` actions) is the wire layer's
 * check, with the caller's own policies (js/edge/org-api).
 */
import { OrganizationsError } from "./errors.ts";
import { newOrganizationId, newRootId, organizationArn, accountArn } from "./ids.ts";
import { optionalString, EMAIL } from "./validate.ts";
import type { Organization as OrganizationShape, OrganizationState, PolicyTypeSummary } from "./shapes.ts";
import { findAccount } from "./tree.ts";
import * as units from "./ops/units.ts";
import * as accounts from "./ops/accounts.ts";
import * as policies from "./ops/policies.ts";
import * as attachments from "./ops/attachments.ts";
import * as types from "./ops/policy-types.ts";

export interface OrganizationOptions {
  /** The clock (tests pin it). */
  now?: () => Date;
  /** The most accounts the organization may have ("Quotas for AWS Organizations": 10 by default). */
  maxAccounts?: number;
}

export interface CreateOrganizationInput {
  /** Only `ALL`: SCPs and RCPs need all features ("Resource control policies (RCPs)"). */
  FeatureSet?: string;
}

export class Organization {
  readonly state: OrganizationState;
  readonly now: () => Date;
  readonly maxAccounts: number;

  constructor(state: OrganizationState, options: OrganizationOptions = {}) {
    if (state?.format !== 1) throw new Error("not an organization state (format 1)");
    this.state = state;
    this.now = options.now ?? (() => new Date());
    this.maxAccounts = options.maxAccounts ?? 10;
  }

  /**
   * CreateOrganization: `managementAccountId` becomes the management account, in the root
   * (API_CreateOrganization). The root starts with no policy type enabled (EnablePolicyType).
   * @example
   * const org = Organization.create("111111111111", { FeatureSet: "ALL" });
   */
  static create(managementAccountId: string, input: CreateOrganizationInput = {}, options: OrganizationOptions & { partition?: string; email?: string } = {}): Organization {
    if (input.FeatureSet !== undefined && input.FeatureSet !== "ALL") {
      throw new OrganizationsError("InvalidInputException", "FeatureSet must be ALL here: SCPs and RCPs need all features.", "INVALID_ENUM");
    }
    const email = optionalString(options.email, "Email", 6, 64, EMAIL) ?? `management+${managementAccountId}@example.com`;
    const now = (options.now ?? (() => new Date()))().getTime();
    const state: OrganizationState = {
      format: 1, partition: options.partition ?? "aws", Id: newOrganizationId(), FeatureSet: "ALL",
      MasterAccountId: managementAccountId, MasterAccountEmail: email,
      root: { Id: newRootId(), Name: "Root", PolicyTypes: [] }, ous: [], policies: [], attachments: {}, createAccountStatuses: [],
      accounts: [{ Id: managementAccountId, Name: "Management", Email: email, Status: "ACTIVE", JoinedMethod: "CREATED", JoinedTimestamp: now, ParentId: "" }],
      version: 1,
    };
    state.accounts[0].ParentId = state.root.Id;
    return new Organization(state, options);
  }

  get id(): string {
    return this.state.Id;
  }

  get managementAccountId(): string {
    return this.state.MasterAccountId;
  }

  get version(): number {
    return this.state.version;
  }

  /** Records a change. */
  touch(): void {
    this.state.version++;
  }

  /** True when `accountId` is in the organization. */
  has(accountId: string): boolean {
    return findAccount(this.state, accountId) !== undefined;
  }

  /** @internal management-only operations: AccessDeniedException for members, not-in-use for others. */
  requireManagement(caller: string): void {
    this.requireMember(caller);
    if (caller !== this.state.MasterAccountId) {
      throw new OrganizationsError("AccessDeniedException", "You don't have permissions to access this resource: this operation can be called only from the organization's management account.");
    }
  }

  /** @internal operations any account of the organization may call. */
  requireMember(caller: string): void {
    if (!this.has(caller)) throw new OrganizationsError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
  }

  /** DescribeOrganization: any account of the organization (API_DescribeOrganization). */
  describeOrganization(caller: string): { Organization: OrganizationShape } {
    this.requireMember(caller);
    const s = this.state;
    const available: PolicyTypeSummary[] = s.root.PolicyTypes.map((t) => ({ ...t }));
    return {
      Organization: {
        Id: s.Id, Arn: organizationArn(s.partition, s.MasterAccountId, s.Id), FeatureSet: s.FeatureSet,
        MasterAccountArn: accountArn(s.partition, s.MasterAccountId, s.Id, s.MasterAccountId), MasterAccountId: s.MasterAccountId,
        MasterAccountEmail: s.MasterAccountEmail, AvailablePolicyTypes: available,
      },
    };
  }

  /** DeleteOrganization: only once the management account is the only account (OrganizationNotEmptyException). */
  deleteOrganization(caller: string): void {
    this.requireManagement(caller);
    if (this.state.accounts.length > 1) throw new OrganizationsError("OrganizationNotEmptyException", "The organization isn't empty: remove every member account first.");
    this.touch();
  }

  // Roots and OUs
  listRoots = (caller: string, input?: units.ListInput) => units.listRoots(this, caller, input);
  createOrganizationalUnit = (caller: string, input: units.CreateOrganizationalUnitInput) => units.createOrganizationalUnit(this, caller, input);
  describeOrganizationalUnit = (caller: string, input: { OrganizationalUnitId: string }) => units.describeOrganizationalUnit(this, caller, input);
  updateOrganizationalUnit = (caller: string, input: { OrganizationalUnitId: string; Name?: string }) => units.updateOrganizationalUnit(this, caller, input);
  deleteOrganizationalUnit = (caller: string, input: { OrganizationalUnitId: string }) => units.deleteOrganizationalUnit(this, caller, input);
  listOrganizationalUnitsForParent = (caller: string, input: units.ParentListInput) => units.listOrganizationalUnitsForParent(this, caller, input);
  listChildren = (caller: string, input: units.ChildrenInput) => units.listChildren(this, caller, input);
  listParents = (caller: string, input: units.ParentsInput) => units.listParents(this, caller, input);

  // Accounts
  createAccount = (caller: string, input: accounts.CreateAccountInput, newAccountId?: () => string) => accounts.createAccount(this, caller, input, newAccountId);
  completeCreateAccount = (requestId: string, outcome: { ok: true } | { ok: false; reason: string }) => accounts.completeCreateAccount(this, requestId, outcome);
  describeCreateAccountStatus = (caller: string, input: { CreateAccountRequestId: string }) => accounts.describeCreateAccountStatus(this, caller, input);
  listCreateAccountStatus = (caller: string, input?: accounts.ListCreateAccountStatusInput) => accounts.listCreateAccountStatus(this, caller, input);
  describeAccount = (caller: string, input: { AccountId: string }) => accounts.describeAccount(this, caller, input);
  listAccounts = (caller: string, input?: units.ListInput) => accounts.listAccounts(this, caller, input);
  listAccountsForParent = (caller: string, input: units.ParentListInput) => accounts.listAccountsForParent(this, caller, input);
  moveAccount = (caller: string, input: accounts.MoveAccountInput) => accounts.moveAccount(this, caller, input);
  removeAccountFromOrganization = (caller: string, input: { AccountId: string }) => accounts.removeAccountFromOrganization(this, caller, input);
  leaveOrganization = (caller: string) => accounts.leaveOrganization(this, caller);

  // Policies
  createPolicy = (caller: string, input: policies.CreatePolicyInput) => policies.createPolicy(this, caller, input);
  updatePolicy = (caller: string, input: policies.UpdatePolicyInput) => policies.updatePolicy(this, caller, input);
  deletePolicy = (caller: string, input: { PolicyId: string }) => policies.deletePolicy(this, caller, input);
  describePolicy = (caller: string, input: { PolicyId: string }) => policies.describePolicy(this, caller, input);
  listPolicies = (caller: string, input: policies.ListPoliciesInput) => policies.listPolicies(this, caller, input);

  // Attachments
  attachPolicy = (caller: string, input: attachments.AttachmentInput) => attachments.attachPolicy(this, caller, input);
  detachPolicy = (caller: string, input: attachments.AttachmentInput) => attachments.detachPolicy(this, caller, input);
  listPoliciesForTarget = (caller: string, input: attachments.ListPoliciesForTargetInput) => attachments.listPoliciesForTarget(this, caller, input);
  listTargetsForPolicy = (caller: string, input: attachments.ListTargetsForPolicyInput) => attachments.listTargetsForPolicy(this, caller, input);

  // Policy types
  enablePolicyType = (caller: string, input: types.PolicyTypeInput) => types.enablePolicyType(this, caller, input);
  disablePolicyType = (caller: string, input: types.PolicyTypeInput) => types.disablePolicyType(this, caller, input);
}
