/**
 * @module test/unit/edge-api/iam-sdk.test
 * The IAM API through the real `@aws-sdk/client-iam` v3 client: the root key creates a user, its
 * access key and a managed policy; the user's allowed calls succeed and its denied calls get
 * AWS's AccessDenied text with a request id whose DecisionRecord explains the denial;
 * `paginateListUsers` walks every page; policy documents come back URL-encoded; tags, groups,
 * roles and GetAccountAuthorizationDetails in AWS's shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateUserCommand, DeleteUserCommand, GetUserCommand,
  GetUserPolicyCommand, ListUsersCommand, PutUserPolicyCommand, TagUserCommand, ListUserTagsCommand, paginateListUsers,
  GetAccountAuthorizationDetailsCommand, CreateRoleCommand, GetRoleCommand, ListAttachedUserPoliciesCommand, GetPolicyVersionCommand,
  SimulatePrincipalPolicyCommand, SimulateCustomPolicyCommand, UpdateAccountPasswordPolicyCommand, GetAccountPasswordPolicyCommand,
  ListPoliciesCommand, GetAccessKeyLastUsedCommand, ListAccessKeysCommand,
} from "@aws-sdk/client-iam";
import { ACCOUNT_ID, failure, policy, startHarness, type Credentials, type Harness } from "./harness.ts";

let h: Harness;
let alice: Credentials;

beforeAll(async () => {
  h = await startHarness();
  const root = h.iam(h.root);
  await root.send(new CreateUserCommand({ UserName: "alice", Path: "/dev/", Tags: [{ Key: "team", Value: "blue" }] }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: "alice" }));
  alice = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  const { Policy } = await root.send(new CreatePolicyCommand({
    PolicyName: "ReadUsers", PolicyDocument: policy([{ Sid: "Read", Effect: "Allow", Action: ["iam:ListUsers", "iam:GetUser"], Resource: "*" }]),
  }));
  await root.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: Policy!.Arn! }));
});

afterAll(() => h.close());

describe("IAM through @aws-sdk/client-iam", () => {
  it("the root key created the user, its key and its policy, in AWS's shapes", async () => {
    const { User } = await h.iam(h.root).send(new GetUserCommand({ UserName: "alice" }));
    expect(User?.Arn).toBe(`arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`);
    expect(User?.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    expect(User?.CreateDate).toBeInstanceOf(Date);
    expect(User?.Tags).toEqual([{ Key: "team", Value: "blue" }]);
    expect(alice.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    const attached = await h.iam(h.root).send(new ListAttachedUserPoliciesCommand({ UserName: "alice" }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: "ReadUsers", PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/ReadUsers` }]);
    expect(attached.IsTruncated).toBe(false);
  });

  it("the user's allowed call succeeds and carries the request id", async () => {
    const out = await h.iam(alice).send(new GetUserCommand({ UserName: "alice" }));
    expect(out.User?.UserName).toBe("alice");
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const record = h.decisions.find((d) => d.requestId === out.$metadata.requestId);
    expect(record).toMatchObject({ service: "iam", operation: "GetUser", allowed: true, principal: `arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`, accessKeyId: alice.accessKeyId });
    // The audit record of the call carries the same request id, as CloudTrail's requestID does.
    const { records } = await h.trail.lookup({ attribute: { key: "EventName", value: "GetUser" }, startTime: new Date(0), endTime: new Date(Date.now() + 86400_000), limit: 50 });
    const audit = records.find((r) => r.requestID === out.$metadata.requestId);
    expect(audit?.userIdentity).toMatchObject({ type: "IAMUser", userName: "alice", accessKeyId: alice.accessKeyId });
  });

  it("the user's denied call is AccessDenied with AWS's text, and its record explains it", async () => {
    const before = h.account.store.users.size;
    const err = await failure(h.iam(alice).send(new CreateUserCommand({ UserName: "mallory" })));
    expect(err.name).toBe("AccessDenied");
    expect(err.$metadata?.httpStatusCode).toBe(403);
    expect(err.message).toBe(`User: arn:aws:iam::${ACCOUNT_ID}:user/dev/alice is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT_ID}:user/mallory because no identity-based policy allows the iam:CreateUser action`);
    expect(h.account.store.users.size).toBe(before);
    const record = h.decisions.find((d) => d.requestId === err.$metadata?.requestId);
    expect(record).toMatchObject({ operation: "CreateUser", allowed: false, error: { code: "AccessDenied" } });
    expect(record?.decisions).toHaveLength(1);
    expect(record?.decisions[0]).toMatchObject({ action: "iam:CreateUser", resource: `arn:aws:iam::${ACCOUNT_ID}:user/mallory`, decision: "ImplicitDeny" });
    expect(record?.decisions[0].explanation?.result.decision).toBe("ImplicitDeny");
    expect(record?.decisions[0].explanation?.policies.length).toBeGreaterThan(0);
  });

  it("an explicit deny says so", async () => {
    await h.iam(h.root).send(new PutUserPolicyCommand({ UserName: "alice", PolicyName: "NoBob", PolicyDocument: policy([{ Effect: "Deny", Action: "iam:GetUser", Resource: `arn:aws:iam::${ACCOUNT_ID}:user/bob` }]) }));
    const err = await failure(h.iam(alice).send(new GetUserCommand({ UserName: "bob" })));
    expect(err.message).toBe(`User: arn:aws:iam::${ACCOUNT_ID}:user/dev/alice is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${ACCOUNT_ID}:user/bob with an explicit deny in an identity-based policy`);
    const record = h.decisions.find((d) => d.requestId === err.$metadata?.requestId);
    expect(record?.decisions[0].decision).toBe("ExplicitDeny");
    expect(record?.decisions[0].matchedStatements.map((s) => s.effect)).toEqual(["Deny"]);
  });

  it("policy documents come back URL-encoded, as IAM returns them", async () => {
    const out = await h.iam(h.root).send(new GetUserPolicyCommand({ UserName: "alice", PolicyName: "NoBob" }));
    expect(out.PolicyDocument).toMatch(/^%7B/);
    expect(JSON.parse(decodeURIComponent(out.PolicyDocument!)).Statement[0].Effect).toBe("Deny");
    const version = await h.iam(h.root).send(new GetPolicyVersionCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT_ID}:policy/ReadUsers`, VersionId: "v1" }));
    expect(JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)).Statement[0].Sid).toBe("Read");
    expect(version.PolicyVersion?.IsDefaultVersion).toBe(true);
  });

  it("paginateListUsers walks every page (Marker, IsTruncated)", async () => {
    const root = h.iam(h.root);
    for (let i = 0; i < 7; i++) await root.send(new CreateUserCommand({ UserName: `page-${i}` }));
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListUsers({ client: root, pageSize: 2 }, {})) {
      pages++;
      names.push(...page.Users!.map((u) => u.UserName!));
    }
    expect(names).toEqual([...h.account.store.users.values()].map((u) => u.UserName).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(names).toHaveLength(8);
    expect(pages).toBe(4);
    const first = await root.send(new ListUsersCommand({ MaxItems: 3 }));
    expect(first.IsTruncated).toBe(true);
    expect(first.Marker).toBeTypeOf("string");
  });

  it("tags, roles and their trust policies", async () => {
    const root = h.iam(h.root);
    await root.send(new TagUserCommand({ UserName: "page-0", Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "" }] }));
    expect((await root.send(new ListUserTagsCommand({ UserName: "page-0" }))).Tags).toEqual([{ Key: "a", Value: "1" }, { Key: "b", Value: "" }]);
    const trust = policy([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: "sts:AssumeRole" }]);
    await root.send(new CreateRoleCommand({ RoleName: "Ops", AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200, Description: "ops & <friends>" }));
    const { Role } = await root.send(new GetRoleCommand({ RoleName: "Ops" }));
    expect(Role?.MaxSessionDuration).toBe(7200);
    expect(Role?.Description).toBe("ops & <friends>");
    expect(JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(trust));
    expect(Role?.RoleLastUsed).toEqual({});
  });

  it("GetAccountAuthorizationDetails pages over users, groups, roles and policies, and is authorized", async () => {
    const root = h.iam(h.root);
    const all = await root.send(new GetAccountAuthorizationDetailsCommand({}));
    expect(all.UserDetailList?.map((u) => u.UserName)).toContain("alice");
    expect(all.RoleDetailList?.map((r) => r.RoleName)).toEqual(["Ops"]);
    expect(all.Policies?.map((p) => p.PolicyName)).toEqual(["ReadUsers"]);
    const users = all.UserDetailList!.length;
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await root.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["User"], MaxItems: 3, Marker: marker }));
      expect(page.RoleDetailList).toEqual([]);
      seen.push(...page.UserDetailList!.map((u) => u.UserName!));
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
    expect(seen).toHaveLength(users);
    const err = await failure(h.iam(alice).send(new GetAccountAuthorizationDetailsCommand({})));
    expect(err.name).toBe("AccessDenied");
    expect(err.message).toContain("iam:GetAccountAuthorizationDetails");
  });

  it("a mutating call changes the state once, and DeleteUser answers with no result", async () => {
    const root = h.iam(h.root);
    await root.send(new CreateUserCommand({ UserName: "temp" }));
    const out = await root.send(new DeleteUserCommand({ UserName: "temp" }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    const err = await failure(root.send(new GetUserCommand({ UserName: "temp" })));
    expect(err.name).toBe("NoSuchEntityException");
    expect(err.$metadata?.httpStatusCode).toBe(404);
    expect(err.message).toBe("The user with name temp cannot be found.");
  });

  it("simulation: SimulatePrincipalPolicy and SimulateCustomPolicy with context entries, in AWS's result shape", async () => {
    const root = h.iam(h.root);
    const out = await root.send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`, ActionNames: ["iam:ListUsers", "iam:CreateUser"],
    }));
    expect(out.EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([["iam:ListUsers", "allowed"], ["iam:CreateUser", "implicitDeny"]]);
    const matched = out.EvaluationResults![0].MatchedStatements![0];
    expect(matched.SourcePolicyId).toBe("ReadUsers");
    expect(matched.StartPosition?.Line).toBeTypeOf("number");
    const custom = await root.send(new SimulateCustomPolicyCommand({
      PolicyInputList: [policy([{ Effect: "Allow", Action: "s3:GetObject", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } } }])],
      ActionNames: ["s3:GetObject"], ResourceArns: ["arn:aws:s3:::b/k"],
      ContextEntries: [{ ContextKeyName: "aws:SourceIp", ContextKeyType: "ip", ContextKeyValues: ["203.0.113.9"] }],
    }));
    expect(custom.EvaluationResults?.[0].EvalDecision).toBe("allowed");
    expect(custom.IsTruncated).toBe(false);
  });

  it("numbers and booleans both ways: the password policy, policy lists, key last use", async () => {
    const root = h.iam(h.root);
    await root.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90, HardExpiry: false }));
    const { PasswordPolicy } = await root.send(new GetAccountPasswordPolicyCommand({}));
    expect(PasswordPolicy).toMatchObject({ MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: false, MaxPasswordAge: 90, ExpirePasswords: true, HardExpiry: false });
    const local = await root.send(new ListPoliciesCommand({ Scope: "Local", OnlyAttached: true }));
    expect(local.Policies?.map((p) => [p.PolicyName, p.AttachmentCount, p.IsAttachable])).toEqual([["ReadUsers", 1, true]]);
    const used = await root.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: alice.accessKeyId }));
    expect(used.UserName).toBe("alice");
    expect(used.AccessKeyLastUsed?.LastUsedDate).toBeInstanceOf(Date);
    expect(used.AccessKeyLastUsed?.ServiceName).toBe("iam");
    const own = await h.iam(alice).send(new ListAccessKeysCommand({})).catch((e) => e);
    // alice's policy does not allow iam:ListAccessKeys: the signing identity is resolved, then denied.
    expect(own.name).toBe("AccessDenied");
    expect(own.message).toContain(`iam:ListAccessKeys on resource: arn:aws:iam::${ACCOUNT_ID}:user/dev/alice`);
  });
});
