/**
 * @module sso/instance
 * One IAM Identity Center instance (an organization instance, owned by the management account:
 * "Organization and account instances of IAM Identity Center"), its identity store, permission
 * sets and account assignments, and the operations of the SSO admin API
 * (`SWBExternalService.<Op>`) and identity store API (`AWSIdentityStore.<Op>`) that change or
 * read it, by AWS name. `run` answers the operation's output and the role effects it leaves.
 */
import { SsoError } from "./errors.ts";
import { instanceArn, newIdentityStoreId, newInstanceId } from "./ids.ts";
import * as store from "./identity-store.ts";
import * as sets from "./permission-sets.ts";
import * as assign from "./assignments.ts";
import type { RoleEffect } from "./effects.ts";
import type { IdentityCenterState } from "./shapes.ts";
import { reservedRolePath as reservedPath } from "./reserved-role.ts";

type Input = Record<string, unknown>;
type Op = (ic: IdentityCenter, input: Input, ctx: assign.AssignmentContext) => unknown;

export interface IdentityCenterOptions {
  now?: () => Date;
  /** True when the account is in the organization (assignment targets). */
  isAccount?: (accountId: string) => boolean;
}

const ADMIN: Readonly<Record<string, Op>> = {
  ListInstances: (ic) => ({ Instances: [ic.describe()] }),
  DescribeInstance: (ic, i) => (sets.checkInstance(ic.state, i), ic.describe()),
  CreatePermissionSet: (ic, i, c) => sets.createPermissionSet(ic.state, i, c.now),
  DescribePermissionSet: (ic, i) => ({ PermissionSet: sets.describe(sets.findPermissionSet(ic.state, i)) }),
  ListPermissionSets: (ic, i) => sets.listPermissionSets(ic.state, i),
  AttachManagedPolicyToPermissionSet: (ic, i) => sets.attachManagedPolicy(ic.state, i),
  ListManagedPoliciesInPermissionSet: (ic, i) => ({ AttachedManagedPolicies: sets.findPermissionSet(ic.state, i).ManagedPolicies }),
  AttachCustomerManagedPolicyReferenceToPermissionSet: (ic, i) => sets.attachCustomerManagedPolicyReference(ic.state, i),
  PutInlinePolicyToPermissionSet: (ic, i) => sets.putInlinePolicy(ic.state, i),
  GetInlinePolicyForPermissionSet: (ic, i) => ({ InlinePolicy: sets.findPermissionSet(ic.state, i).InlinePolicy ?? "" }),
  PutPermissionsBoundaryToPermissionSet: (ic, i) => sets.putPermissionsBoundary(ic.state, i),
  ProvisionPermissionSet: (_ic, i, c) => assign.provisionPermissionSet(c, i),
  DescribePermissionSetProvisioningStatus: (ic, i) => ({ PermissionSetProvisioningStatus: assign.statusOut(assign.describeStatus(ic.state, i, "provision", "ProvisionPermissionSetRequestId")) }),
  CreateAccountAssignment: (_ic, i, c) => assign.createAccountAssignment(c, i),
  DescribeAccountAssignmentCreationStatus: (ic, i) => ({ AccountAssignmentCreationStatus: assign.statusOut(assign.describeStatus(ic.state, i, "create", "AccountAssignmentCreationRequestId")) }),
  DeleteAccountAssignment: (_ic, i, c) => assign.deleteAccountAssignment(c, i),
  DescribeAccountAssignmentDeletionStatus: (ic, i) => ({ AccountAssignmentDeletionStatus: assign.statusOut(assign.describeStatus(ic.state, i, "delete", "AccountAssignmentDeletionRequestId")) }),
  ListAccountAssignments: (ic, i) => assign.listAccountAssignments(ic.state, i),
  DeletePermissionSet: (_ic, i, c) => assign.deletePermissionSet(c, i),
};

const IDENTITY_STORE: Readonly<Record<string, Op>> = {
  CreateUser: (ic, i) => store.createUser(ic.state, i),
  CreateGroup: (ic, i) => store.createGroup(ic.state, i),
  CreateGroupMembership: (ic, i) => store.createGroupMembership(ic.state, i),
  ListUsers: (ic, i) => store.listUsers(ic.state, i),
  ListGroups: (ic, i) => store.listGroups(ic.state, i),
  DescribeUser: (ic, i) => (store.checkStore(ic.state, i), { ...store.findUser(ic.state, String(i.UserId)), IdentityStoreId: ic.state.IdentityStoreId }),
};

/** Operations that only read (served from a copy; the others change the state). */
export const READ_ONLY = new Set(["ListInstances", "DescribeInstance", "DescribePermissionSet", "ListPermissionSets", "ListManagedPoliciesInPermissionSet", "GetInlinePolicyForPermissionSet", "DescribePermissionSetProvisioningStatus", "DescribeAccountAssignmentCreationStatus", "DescribeAccountAssignmentDeletionStatus", "ListAccountAssignments", "ListUsers", "ListGroups", "DescribeUser"]);
export const ADMIN_OPERATIONS = Object.keys(ADMIN);
export const IDENTITY_STORE_OPERATIONS = Object.keys(IDENTITY_STORE);

export class IdentityCenter {
  readonly #now: () => Date;
  readonly #isAccount: (accountId: string) => boolean;

  constructor(readonly state: IdentityCenterState, options: IdentityCenterOptions = {}) {
    this.#now = options.now ?? (() => new Date());
    this.#isAccount = options.isAccount ?? (() => true);
  }

  /** The organization instance, created with the organization (CreateInstance's organization case). */
  static create(ownerAccountId: string, region: string, options: IdentityCenterOptions & { partition?: string; name?: string } = {}): IdentityCenter {
    const partition = options.partition ?? "aws";
    const state: IdentityCenterState = {
      partition, ownerAccountId, region, InstanceArn: instanceArn(partition, newInstanceId()), IdentityStoreId: newIdentityStoreId(),
      CreatedDate: (options.now?.() ?? new Date()).toISOString(), users: [], groups: [], memberships: [], permissionSets: [], assignments: [], statuses: [],
      ...(options.name ? { Name: options.name } : {}),
    };
    return new IdentityCenter(state, options);
  }

  describe(): Record<string, unknown> {
    const s = this.state;
    return { InstanceArn: s.InstanceArn, IdentityStoreId: s.IdentityStoreId, OwnerAccountId: s.ownerAccountId, Status: "ACTIVE", CreatedDate: new Date(s.CreatedDate), ...(s.Name ? { Name: s.Name } : {}) };
  }

  /** Runs an SSO admin (`service: "sso"`) or identity store operation by AWS name. */
  run(service: "sso" | "identitystore", operation: string, input: Input): { output: unknown; effects: RoleEffect[] } {
    const table = service === "sso" ? ADMIN : IDENTITY_STORE;
    if (!Object.hasOwn(table, operation)) throw new SsoError("ValidationException", `Operation ${operation} is not served`);
    const ctx: assign.AssignmentContext = { state: this.state, now: this.#now(), isAccount: this.#isAccount, effects: [] };
    const output = table[operation](this, input, ctx);
    return { output, effects: ctx.effects };
  }

  /** The accounts and permission sets a user can sign in to (the access portal's list). */
  accessOf(userId: string): { AccountId: string; PermissionSetName: string; PermissionSetArn: string; RoleName?: string; RoleArn?: string }[] {
    return assign.accessOf(this.state, userId).map(({ AccountId, PermissionSet: ps }) => {
      const suffix = ps.Provisioned[AccountId];
      const out: { AccountId: string; PermissionSetName: string; PermissionSetArn: string; RoleName?: string; RoleArn?: string } = { AccountId, PermissionSetName: ps.Name, PermissionSetArn: ps.PermissionSetArn };
      if (suffix !== undefined) {
        out.RoleName = `AWSReservedSSO_${ps.Name}_${suffix}`;
        out.RoleArn = `arn:${this.state.partition}:iam::${AccountId}:role${reservedPath(this.state.region)}${out.RoleName}`;
      }
      return out;
    });
  }
}


