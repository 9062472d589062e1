/**
 * The organization's tree (Organizations API Reference): ids and ARNs as AWS forms them, OUs at
 * most five levels deep ("Quotas for AWS Organizations"), names unique per parent, OUs deleted
 * only when empty, MoveAccount's checks, and who may call ("This operation can be called only
 * from the organization's management account").
 */
import { describe, expect, it } from "vitest";
import { Organization } from "../../../js/org/index.ts";
import { expectOrgError, MGMT, organization, OUTSIDER } from "./helpers.ts";

describe("ids and ARNs", () => {
  it("organization o-, root r-, OU ou-<root>-<8>, ARNs under the management account", () => {
    const { org, rootId } = organization(0);
    const o = org.describeOrganization(MGMT).Organization;
    expect(o.Id).toMatch(/^o-[a-z0-9]{10,32}$/);
    expect(o.Arn).toBe(`arn:aws:organizations::${MGMT}:organization/${o.Id}`);
    expect(o.MasterAccountArn).toBe(`arn:aws:organizations::${MGMT}:account/${o.Id}/${MGMT}`);
    expect(rootId).toMatch(/^r-[0-9a-z]{4,32}$/);
    const ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Prod" }).OrganizationalUnit;
    expect(ou.Id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    expect(ou.Arn).toBe(`arn:aws:organizations::${MGMT}:ou/${o.Id}/${ou.Id}`);
  });

  it("FeatureSet other than ALL is refused (SCPs and RCPs need all features)", () => {
    expectOrgError(() => Organization.create(MGMT, { FeatureSet: "CONSOLIDATED_BILLING" }), "InvalidInputException", "INVALID_ENUM");
  });
});

describe("OUs", () => {
  it("at most five levels of OUs below the root: the sixth is OU_DEPTH_LIMIT_EXCEEDED", () => {
    const { org, rootId } = organization(0);
    let parent = rootId;
    for (let depth = 1; depth <= 5; depth++) parent = org.createOrganizationalUnit(MGMT, { ParentId: parent, Name: `L${depth}` }).OrganizationalUnit.Id;
    expectOrgError(() => org.createOrganizationalUnit(MGMT, { ParentId: parent, Name: "L6" }), "ConstraintViolationException", "OU_DEPTH_LIMIT_EXCEEDED");
  });

  it("two OUs of one parent cannot share a name; another parent may", () => {
    const { org, rootId } = organization(0);
    const a = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Dev" }).OrganizationalUnit.Id;
    expectOrgError(() => org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Dev" }), "DuplicateOrganizationalUnitException");
    org.createOrganizationalUnit(MGMT, { ParentId: a, Name: "Dev" });
  });

  it("an OU is deleted only when empty; unknown and malformed ids have their own errors", () => {
    const { org, rootId, accounts } = organization(1);
    const ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Prod" }).OrganizationalUnit.Id;
    org.moveAccount(MGMT, { AccountId: accounts[0], SourceParentId: rootId, DestinationParentId: ou });
    expectOrgError(() => org.deleteOrganizationalUnit(MGMT, { OrganizationalUnitId: ou }), "OrganizationalUnitNotEmptyException");
    org.moveAccount(MGMT, { AccountId: accounts[0], SourceParentId: ou, DestinationParentId: rootId });
    org.deleteOrganizationalUnit(MGMT, { OrganizationalUnitId: ou });
    expectOrgError(() => org.deleteOrganizationalUnit(MGMT, { OrganizationalUnitId: ou }), "OrganizationalUnitNotFoundException");
    expectOrgError(() => org.deleteOrganizationalUnit(MGMT, { OrganizationalUnitId: "nope" }), "InvalidInputException", "INVALID_PATTERN");
  });

  it("ListChildren, ListParents, ListOrganizationalUnitsForParent", () => {
    const { org, rootId, accounts } = organization(2);
    const ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Prod" }).OrganizationalUnit.Id;
    org.moveAccount(MGMT, { AccountId: accounts[1], SourceParentId: rootId, DestinationParentId: ou });
    expect(org.listChildren(MGMT, { ParentId: rootId, ChildType: "ACCOUNT" }).Children.map((c) => c.Id).sort()).toEqual([MGMT, accounts[0]].sort());
    expect(org.listChildren(MGMT, { ParentId: ou, ChildType: "ACCOUNT" }).Children).toEqual([{ Id: accounts[1], Type: "ACCOUNT" }]);
    expect(org.listParents(MGMT, { ChildId: accounts[1] }).Parents).toEqual([{ Id: ou, Type: "ORGANIZATIONAL_UNIT" }]);
    expect(org.listParents(MGMT, { ChildId: ou }).Parents).toEqual([{ Id: rootId, Type: "ROOT" }]);
    expect(org.listOrganizationalUnitsForParent(MGMT, { ParentId: rootId }).OrganizationalUnits.map((o) => o.Name)).toEqual(["Prod"]);
  });
});

/** A well-formed id that differs from `id` in its last character (ids are random: one may end in `z`). */
const otherId = (id: string) => `${id.slice(0, -1)}${id.endsWith("z") ? "y" : "z"}`;

describe("MoveAccount", () => {
  it("the source must be the account's parent; the destination must differ", () => {
    const { org, rootId, accounts } = organization(1);
    const ou = org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: "Prod" }).OrganizationalUnit.Id;
    expectOrgError(() => org.moveAccount(MGMT, { AccountId: accounts[0], SourceParentId: ou, DestinationParentId: rootId }), "SourceParentNotFoundException");
    expectOrgError(() => org.moveAccount(MGMT, { AccountId: accounts[0], SourceParentId: rootId, DestinationParentId: rootId }), "DuplicateAccountException");
    expectOrgError(() => org.moveAccount(MGMT, { AccountId: accounts[0], SourceParentId: rootId, DestinationParentId: otherId(ou) }), "DestinationParentNotFoundException");
    expectOrgError(() => org.moveAccount(MGMT, { AccountId: OUTSIDER, SourceParentId: rootId, DestinationParentId: ou }), "AccountNotFoundException");
  });
});

describe("callers", () => {
  it("management-only operations: AccessDeniedException for a member, AWSOrganizationsNotInUseException outside", () => {
    const { org, rootId, accounts } = organization(1);
    expectOrgError(() => org.createOrganizationalUnit(accounts[0], { ParentId: rootId, Name: "X" }), "AccessDeniedException");
    expectOrgError(() => org.listAccounts(OUTSIDER), "AWSOrganizationsNotInUseException");
    expect(org.describeOrganization(accounts[0]).Organization.MasterAccountId).toBe(MGMT);
  });

  it("the management account cannot leave or be removed; a member can leave", () => {
    const { org, accounts } = organization(2);
    expectOrgError(() => org.leaveOrganization(MGMT), "MasterCannotLeaveOrganizationException");
    expectOrgError(() => org.removeAccountFromOrganization(MGMT, { AccountId: MGMT }), "MasterCannotLeaveOrganizationException");
    org.leaveOrganization(accounts[0]);
    org.removeAccountFromOrganization(MGMT, { AccountId: accounts[1] });
    expect(org.listAccounts(MGMT).Accounts.map((a) => a.Id)).toEqual([MGMT]);
    org.deleteOrganization(MGMT);
  });

  it("DeleteOrganization while members remain is OrganizationNotEmptyException", () => {
    const { org } = organization(1);
    expectOrgError(() => org.deleteOrganization(MGMT), "OrganizationNotEmptyException");
  });
});

describe("paging", () => {
  it("MaxResults 1-20, NextToken walks the list and is bound to it", () => {
    const { org, rootId } = organization(0);
    for (let i = 0; i < 5; i++) org.createOrganizationalUnit(MGMT, { ParentId: rootId, Name: `OU${i}` });
    const first = org.listOrganizationalUnitsForParent(MGMT, { ParentId: rootId, MaxResults: 2 });
    expect(first.OrganizationalUnits).toHaveLength(2);
    const second = org.listOrganizationalUnitsForParent(MGMT, { ParentId: rootId, MaxResults: 20, NextToken: first.NextToken });
    expect(second.OrganizationalUnits.map((o) => o.Name)).toEqual(["OU2", "OU3", "OU4"]);
    expect(second.NextToken).toBeUndefined();
    expectOrgError(() => org.listAccounts(MGMT, { NextToken: first.NextToken }), "InvalidInputException", "INVALID_NEXT_TOKEN");
    expectOrgError(() => org.listAccounts(MGMT, { MaxResults: 21 }), "InvalidInputException", "MAX_VALUE_EXCEEDED");
  });
});
