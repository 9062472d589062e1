/**
 * @module test/org-e2e/identity-center
 * IAM Identity Center at the edge (docs/identity-center.md), after run.mjs built the organization
 * (`t.members`, `t.sessions`: OrganizationAccountAccessRole sessions in each member): an identity
 * store user and group, a permission set with an AWS managed policy and an inline Deny, an
 * assignment that provisions `AWSReservedSSO_<set>_<16 hex>` under
 * `/aws-reserved/sso.amazonaws.com/` with AWS's trust policy in the member account (read there
 * with IAM GetRole), ProvisionPermissionSet bringing a change to the role, a member refused the
 * admin API, and the role removed with the last assignment.
 */
import assert from "node:assert/strict";
import {
  AttachManagedPolicyToPermissionSetCommand, CreateAccountAssignmentCommand, CreatePermissionSetCommand, DeleteAccountAssignmentCommand,
  DescribeAccountAssignmentCreationStatusCommand, DescribePermissionSetCommand, ListAccountAssignmentsCommand, ListInstancesCommand,
  ListPermissionSetsCommand, ProvisionPermissionSetCommand, PutInlinePolicyToPermissionSetCommand, SSOAdminClient,
} from "@aws-sdk/client-sso-admin";
import { CreateGroupCommand, CreateGroupMembershipCommand, CreateUserCommand, IdentitystoreClient, ListUsersCommand } from "@aws-sdk/client-identitystore";
import { GetRoleCommand, GetRolePolicyCommand, ListAttachedRolePoliciesCommand, ListRolesCommand } from "@aws-sdk/client-iam";
import { GetRoleCredentialsCommand, ListAccountRolesCommand, ListAccountsCommand, SSOClient } from "@aws-sdk/client-sso";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { GetUserCommand, ListUsersCommand as IamListUsersCommand } from "@aws-sdk/client-iam";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";
import { REGION } from "../edge-e2e/clients.mjs";

const policy = (statement) => JSON.stringify({ Version: "2012-10-17", Statement: statement });

/** The endpoint's sign-in (docs/identity-center.md): the management account asks a token for a user. */
async function signIn(origin, credentials, userName) {
  const url = new URL("/_iam-edge/sso/sign-in", origin);
  const body = JSON.stringify({ UserName: userName });
  const signer = new SignatureV4({ service: "sso", region: REGION, credentials, sha256: Sha256 });
  const signed = await signer.sign({ method: "POST", protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, headers: { host: url.host, "content-type": "application/json" }, body });
  const res = await fetch(url, { method: "POST", headers: signed.headers, body });
  return { status: res.status, body: await res.json() };
}

export async function identityCenterTests({ h, origin, rootKey, t, rejects, sdk }) {
  const admin = new SSOAdminClient({ endpoint: origin, region: REGION, credentials: rootKey, maxAttempts: 1 });
  const ids = new IdentitystoreClient({ endpoint: origin, region: REGION, credentials: rootKey, maxAttempts: 1 });
  const member = t.members[1];
  const memberIam = t.sessions[1].iam;
  const ssoRoles = async () => (await memberIam.send(new ListRolesCommand({ PathPrefix: "/aws-reserved/sso.amazonaws.com/" }))).Roles;

  await h.test("identity center: the organization's instance, users and a group in its identity store", async () => {
    const { Instances } = await admin.send(new ListInstancesCommand({}));
    assert.equal(Instances.length, 1);
    assert.match(Instances[0].InstanceArn, /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/);
    assert.equal(Instances[0].OwnerAccountId, "000000000000");
    t.instance = Instances[0].InstanceArn;
    t.store = Instances[0].IdentityStoreId;
    t.user = (await ids.send(new CreateUserCommand({ IdentityStoreId: t.store, UserName: "jdoe", DisplayName: "Jane Doe", Name: { GivenName: "Jane", FamilyName: "Doe" } }))).UserId;
    t.group = (await ids.send(new CreateGroupCommand({ IdentityStoreId: t.store, DisplayName: "Engineers" }))).GroupId;
    await ids.send(new CreateGroupMembershipCommand({ IdentityStoreId: t.store, GroupId: t.group, MemberId: { UserId: t.user } }));
    await rejects(ids.send(new CreateUserCommand({ IdentityStoreId: t.store, UserName: "jdoe", DisplayName: "again" })), "ConflictException");
    assert.deepEqual((await ids.send(new ListUsersCommand({ IdentityStoreId: t.store }))).Users.map((u) => u.UserName), ["jdoe"]);
  });

  await h.test("identity center: a permission set with a managed policy and an inline Deny", async () => {
    const { PermissionSet } = await admin.send(new CreatePermissionSetCommand({ InstanceArn: t.instance, Name: "IamReader", Description: "reads IAM", SessionDuration: "PT4H" }));
    t.ps = PermissionSet.PermissionSetArn;
    assert.match(t.ps, /^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/);
    await admin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/IAMReadOnlyAccess" }));
    await admin.send(new PutInlinePolicyToPermissionSetCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, InlinePolicy: policy([{ Effect: "Deny", Action: "iam:GetUser", Resource: "*" }]) }));
    assert.equal((await admin.send(new DescribePermissionSetCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps }))).PermissionSet.SessionDuration, "PT4H");
    assert.deepEqual((await admin.send(new ListPermissionSetsCommand({ InstanceArn: t.instance }))).PermissionSets, [t.ps]);
  });

  await h.test("identity center: an assignment provisions AWSReservedSSO_IamReader_<16 hex> with AWS's path and trust", async () => {
    const { AccountAssignmentCreationStatus: s } = await admin.send(new CreateAccountAssignmentCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, TargetId: member, TargetType: "AWS_ACCOUNT", PrincipalType: "GROUP", PrincipalId: t.group }));
    const done = (await admin.send(new DescribeAccountAssignmentCreationStatusCommand({ InstanceArn: t.instance, AccountAssignmentCreationRequestId: s.RequestId }))).AccountAssignmentCreationStatus;
    assert.equal(done.Status, "SUCCEEDED", done.FailureReason);
    const [role] = await ssoRoles();
    assert.match(role.RoleName, /^AWSReservedSSO_IamReader_[0-9a-f]{16}$/);
    assert.equal(role.Path, "/aws-reserved/sso.amazonaws.com/");
    assert.equal(role.Arn, `arn:aws:iam::${member}:role/aws-reserved/sso.amazonaws.com/${role.RoleName}`);
    assert.equal(role.MaxSessionDuration, 4 * 3600);
    const trust = JSON.parse(decodeURIComponent((await memberIam.send(new GetRoleCommand({ RoleName: role.RoleName }))).Role.AssumeRolePolicyDocument));
    const id = t.instance.split("ssoins-")[1];
    assert.deepEqual(trust.Statement, [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${member}:saml-provider/AWSSSO_${id}_DO_NOT_DELETE` }, Action: ["sts:AssumeRoleWithSAML", "sts:TagSession"], Condition: { StringEquals: { "SAML:aud": "https://signin.aws.amazon.com/saml" } } }]);
    const attached = (await memberIam.send(new ListAttachedRolePoliciesCommand({ RoleName: role.RoleName }))).AttachedPolicies.map((p) => p.PolicyArn);
    assert.deepEqual(attached, ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"]);
    assert.ok((await memberIam.send(new GetRolePolicyCommand({ RoleName: role.RoleName, PolicyName: "AwsSSOInlinePolicy" }))).PolicyDocument);
    t.ssoRole = role.RoleName;
    assert.equal((await admin.send(new ListAccountAssignmentsCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, AccountId: member }))).AccountAssignments.length, 1);
  });

  await h.test("identity center: a user signs in, sees the account and permission set, gets role credentials that decide as the role", async () => {
    const { status, body } = await signIn(origin, rootKey, "jdoe");
    assert.equal(status, 200, JSON.stringify(body));
    const portal = new SSOClient({ endpoint: origin, region: REGION, maxAttempts: 1 });
    const accessToken = body.accessToken;
    assert.deepEqual((await portal.send(new ListAccountsCommand({ accessToken }))).accountList, [{ accountId: member }]);
    assert.deepEqual((await portal.send(new ListAccountRolesCommand({ accessToken, accountId: member }))).roleList, [{ roleName: "IamReader", accountId: member }]);
    const { roleCredentials: c } = await portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: member, roleName: "IamReader" }));
    assert.match(c.accessKeyId, /^ASIA/);
    const s = sdk(origin, { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken });
    assert.equal((await s.sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:sts::${member}:assumed-role/${t.ssoRole}/jdoe`);
    await s.iam.send(new IamListUsersCommand({}));
    await rejects(s.iam.send(new GetUserCommand({ UserName: "allowed" })), "AccessDenied", /explicit deny in an identity-based policy/);
    await rejects(s.iam.send(new (await import("@aws-sdk/client-iam")).CreateUserCommand({ UserName: "sso-made" })), "AccessDenied", /no identity-based policy allows/);
    await rejects(portal.send(new GetRoleCredentialsCommand({ accessToken, accountId: t.members[0], roleName: "IamReader" })), "ResourceNotFoundException");
    await rejects(portal.send(new ListAccountsCommand({ accessToken: `iesso.000000000000.${"0".repeat(64)}` })), "UnauthorizedException");
    const bad = await signIn(origin, rootKey, "nobody");
    assert.equal(bad.status, 404);
  });

  await h.test("identity center: the member account's administrator cannot change the reserved role", async () => {
    const { DeleteRoleCommand } = await import("@aws-sdk/client-iam");
    await rejects(memberIam.send(new DeleteRoleCommand({ RoleName: t.ssoRole })), "UnmodifiableEntityException");
  });

  await h.test("identity center: ProvisionPermissionSet brings a policy change to the role", async () => {
    await admin.send(new AttachManagedPolicyToPermissionSetCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, ManagedPolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    const before = (await memberIam.send(new ListAttachedRolePoliciesCommand({ RoleName: t.ssoRole }))).AttachedPolicies.length;
    assert.equal(before, 1, "an update of the permission set does not reach the role by itself");
    const { PermissionSetProvisioningStatus: s } = await admin.send(new ProvisionPermissionSetCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, TargetType: "ALL_PROVISIONED_ACCOUNTS" }));
    assert.equal(s.Status, "SUCCEEDED", s.FailureReason);
    const after = (await memberIam.send(new ListAttachedRolePoliciesCommand({ RoleName: t.ssoRole }))).AttachedPolicies.map((p) => p.PolicyArn).sort();
    assert.deepEqual(after, ["arn:aws:iam::aws:policy/IAMReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"]);
  });

  await h.test("identity center: a member account may not administer the instance: AccessDeniedException", async () => {
    const other = new SSOAdminClient({ endpoint: origin, region: REGION, credentials: await t.sessions[0].iam.config.credentials(), maxAttempts: 1 });
    await rejects(other.send(new ListPermissionSetsCommand({ InstanceArn: t.instance })), "AccessDeniedException");
  });

  await h.test("identity center: the role goes with the last assignment", async () => {
    await admin.send(new DeleteAccountAssignmentCommand({ InstanceArn: t.instance, PermissionSetArn: t.ps, TargetId: member, TargetType: "AWS_ACCOUNT", PrincipalType: "GROUP", PrincipalId: t.group }));
    assert.deepEqual(await ssoRoles(), []);
  });
}
