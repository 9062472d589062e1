/**
 * @module test/edge-e2e/cases/iam
 * IAM through the edge with unmodified clients: the root key creates a user, a key and a managed
 * policy; the user's allowed and denied calls (AWS's AccessDenied texts), an explicit deny, the
 * denial's explanation for administrators only; the CLI v2; a change seen by the next request;
 * accounts kept apart.
 */
import assert from "node:assert/strict";
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, DeleteUserPolicyCommand,
  GetUserCommand, ListRolesCommand, ListUsersCommand, PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { cli, errorOf, sdk, signedFetch } from "../clients.mjs";

const doc = (statements) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** Remembers a mutating call's request id, for the audit tests. */
function mutated(t, eventName, output) {
  t.mutations.push({ eventName, requestId: output.$metadata.requestId });
  return output;
}

export async function iamCases(t, { test }) {
  const A = t.accountId;
  const root = sdk(t.origin, t.root);

  await test("the root key creates a user, an access key and a managed policy; the user signs with its key", async () => {
    const { User } = mutated(t, "CreateUser", await root.iam.send(new CreateUserCommand({ UserName: "alice", Path: "/e2e/", Tags: [{ Key: "team", Value: "edge" }] })));
    assert.equal(User.Arn, `arn:aws:iam::${A}:user/e2e/alice`);
    const { AccessKey } = mutated(t, "CreateAccessKey", await root.iam.send(new CreateAccessKeyCommand({ UserName: "alice" })));
    assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
    assert.equal(AccessKey.SecretAccessKey.length, 40);
    t.alice = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
    const { Policy } = mutated(t, "CreatePolicy", await root.iam.send(new CreatePolicyCommand({
      PolicyName: "AliceRead", Path: "/e2e/",
      PolicyDocument: doc([{ Sid: "Read", Effect: "Allow", Action: ["iam:GetUser", "iam:ListUsers", "iam:ListAccessKeys", "iam:ListMFADevices"], Resource: "*" }]),
    })));
    assert.equal(Policy.Arn, `arn:aws:iam::${A}:policy/e2e/AliceRead`);
    mutated(t, "AttachUserPolicy", await root.iam.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: Policy.Arn })));
    const alice = sdk(t.origin, t.alice);
    const me = await alice.sts.send(new GetCallerIdentityCommand({}));
    assert.deepEqual([me.Arn, me.Account], [User.Arn, A]);
    const { Users } = await alice.iam.send(new ListUsersCommand({}));
    assert.deepEqual(Users.map((u) => u.UserName), ["alice"]);
    // GetUser without UserName answers for the signer: the user, or the root user's account-level shape.
    assert.equal((await alice.iam.send(new GetUserCommand({}))).User.Arn, User.Arn);
    const rootUser = (await root.iam.send(new GetUserCommand({}))).User;
    assert.deepEqual([rootUser.UserId, rootUser.Arn, rootUser.UserName], [A, `arn:aws:iam::${A}:root`, undefined]);
  });

  await test("a denied call is AccessDenied with AWS's message and changes nothing; an explicit deny says so", async () => {
    const alice = sdk(t.origin, t.alice);
    const e = await errorOf(alice.iam.send(new CreateUserCommand({ UserName: "mallory" })));
    assert.equal(e?.code, "AccessDenied");
    assert.equal(e.status, 403);
    assert.equal(e.message, `User: arn:aws:iam::${A}:user/e2e/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/mallory because no identity-based policy allows the iam:CreateUser action`);
    t.denied = { requestId: e.requestId, action: "iam:CreateUser" };
    const { Users } = await root.iam.send(new ListUsersCommand({}));
    assert.ok(!Users.some((u) => u.UserName === "mallory"));
    mutated(t, "PutUserPolicy", await root.iam.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "NoList", PolicyDocument: doc([{ Effect: "Deny", Action: "iam:ListUsers", Resource: "*" }]) })));
    const deny = await errorOf(alice.iam.send(new ListUsersCommand({})));
    assert.equal(deny?.code, "AccessDenied");
    // AWS names ListUsers' resource as the users' ARN up to the path prefix.
    assert.equal(deny.message, `User: arn:aws:iam::${A}:user/e2e/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${A}:user/ with an explicit deny in an identity-based policy`);
    mutated(t, "DeleteUserPolicy", await root.iam.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "NoList" })));
    await alice.iam.send(new ListUsersCommand({}));
  });

  await test("GET /_iam-edge/explain/<id> expands a denial for a caller allowed sts:DecodeAuthorizationMessage only", async () => {
    const path = `/_iam-edge/explain/${t.denied.requestId}`;
    const asRoot = await signedFetch(t.origin, t.root, { service: "sts", method: "GET", path });
    assert.equal(asRoot.status, 200);
    const record = await asRoot.json();
    assert.equal(record.requestId, t.denied.requestId);
    assert.equal(record.principal, `arn:aws:iam::${A}:user/e2e/alice`);
    assert.equal(record.decisions[0].action, "iam:CreateUser");
    assert.equal(record.decisions[0].decision, "ImplicitDeny");
    assert.ok(record.decisions[0].explanation, "the engine's explanation is in the record");
    const asAlice = await signedFetch(t.origin, t.alice, { service: "sts", method: "GET", path });
    assert.equal(asAlice.status, 403);
    assert.equal((await asAlice.json()).code, "AccessDenied");
    const unsigned = await fetch(new URL(path, t.origin));
    assert.equal(unsigned.status, 403);
    const unknown = await signedFetch(t.origin, t.root, { service: "sts", method: "GET", path: "/_iam-edge/explain/00000000-0000-4000-8000-000000000000" });
    assert.equal(unknown.status, 404);
  });

  await test("the AWS CLI v2 works unmodified (sts get-caller-identity, iam create-user, list-users, get-user for the signer; a denial)", async () => {
    const who = cli(t.origin, t.root, ["sts", "get-caller-identity"]);
    assert.equal(who.status, 0, who.stderr);
    assert.equal(who.json.Arn, `arn:aws:iam::${A}:root`);
    const created = cli(t.origin, t.root, ["iam", "create-user", "--user-name", "carol"]);
    assert.equal(created.status, 0, created.stderr);
    t.mutations.push({ eventName: "CreateUser", userName: "carol" });
    const listed = cli(t.origin, t.alice, ["iam", "list-users"]);
    assert.deepEqual(listed.json.Users.map((u) => u.UserName).sort(), ["alice", "carol"]);
    const me = cli(t.origin, t.alice, ["iam", "get-user"]);
    assert.equal(me.status, 0, me.stderr);
    assert.equal(me.json.User.UserName, "alice");
    const denied = cli(t.origin, t.alice, ["iam", "create-user", "--user-name", "dave"]);
    assert.notEqual(denied.status, 0);
    assert.match(denied.stderr, /AccessDenied/);
  });

  await test("a change is seen by the very next request (a grant, then its removal)", async () => {
    const alice = sdk(t.origin, t.alice);
    for (let i = 0; i < 3; i++) {
      assert.equal((await errorOf(alice.iam.send(new ListRolesCommand({}))))?.code, "AccessDenied");
      mutated(t, "PutUserPolicy", await root.iam.send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "Roles", PolicyDocument: doc([{ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }]) })));
      await alice.iam.send(new ListRolesCommand({}));
      mutated(t, "DeleteUserPolicy", await root.iam.send(new DeleteUserPolicyCommand({ UserName: "alice", PolicyName: "Roles" })));
    }
    assert.equal((await errorOf(alice.iam.send(new ListRolesCommand({}))))?.code, "AccessDenied");
  });

  await test("accounts are kept apart: another account sees none of these users, and its key is unknown here", async () => {
    const other = sdk(t.origin, t.other.root);
    const { Users } = await other.iam.send(new ListUsersCommand({}));
    assert.deepEqual(Users, []);
    assert.equal((await errorOf(other.iam.send(new GetUserCommand({ UserName: "alice" }))))?.code, "NoSuchEntity");
    const me = await other.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, t.other.accountId);
  });
}
