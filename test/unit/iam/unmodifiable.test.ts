/**
 * @module test/unit/iam/unmodifiable
 * UnmodifiableEntity in the account model (js/iam/unmodifiable.ts): AWS managed policies,
 * service-linked roles and IAM Identity Center roles through IAM's operations, with and without
 * a caller; IAM authorizes first (AccessDenied), then refuses the change; the model's rules
 * agree with the engine's (docs/semantics.md "Service rules" 4). Cases from "AWS managed
 * policies", "Using service-linked roles", "Update a service-linked role" and "Using
 * service-linked roles for IAM Identity Center" (IAM User Guide).
 */
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Account, createEngine, IamError, type Engine } from "../../../js/index.ts";
import type { CloudTrailRecord } from "../../../js/iam/audit.ts";
import { isUnmodifiable } from "../../../js/iam/unmodifiable.ts";
import { expectRejection } from "./expect-rejection.ts";

const A = "111122223333";
const V = "2012-10-17";
const SLR = "AWSServiceRoleForSupport";
const SSO = "AWSReservedSSO_Admin_0123456789abcdef";
const SSO_SLR = "AWSServiceRoleForSSO";
const SLR_ARN = `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/${SLR}`;
const SSO_ARN = `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/${SSO}`;
const SSO_SLR_ARN = `arn:aws:iam::${A}:role/aws-service-role/sso.amazonaws.com/${SSO_SLR}`;
const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";
const READONLY_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
const ALLOW_IAM = JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] });
const TRUST = (service: string) => encodeURIComponent(JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }] }));
const PROTECTED_MESSAGE = (name: string) => `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`;

function role(name: string, path: string, service: string, inline: { PolicyName: string; PolicyDocument: string }[] = []) {
  return {
    Path: path, RoleName: name, RoleId: `AROA${name.replace(/[^A-Z0-9]/gi, "").toUpperCase().padEnd(17, "X").slice(0, 17)}`,
    Arn: `arn:aws:iam::${A}:role${path}${name}`, CreateDate: "2024-01-01T00:00:00Z", AssumeRolePolicyDocument: TRUST(service),
    InstanceProfileList: [], RolePolicyList: inline, AttachedManagedPolicies: [{ PolicyName: "ReadOnlyAccess", PolicyArn: READONLY_POLICY }], Tags: [],
  };
}

/** An account as GAAD exports it: a service-linked role, an IAM Identity Center role and its service-linked role. */
const GAAD = {
  UserDetailList: [], GroupDetailList: [], Policies: [],
  RoleDetailList: [
    role(SLR, "/aws-service-role/support.amazonaws.com/", "support.amazonaws.com", [{ PolicyName: "extra", PolicyDocument: encodeURIComponent(ALLOW_IAM) }]),
    role(SSO, "/aws-reserved/sso.amazonaws.com/", "sso.amazonaws.com", [{ PolicyName: "AwsSSOInlinePolicy", PolicyDocument: encodeURIComponent(ALLOW_IAM) }]),
    role(SSO_SLR, "/aws-service-role/sso.amazonaws.com/", "sso.amazonaws.com", [{ PolicyName: "sso", PolicyDocument: encodeURIComponent(ALLOW_IAM) }]),
  ],
};

let engine: Engine;
let account: Account;
let records: CloudTrailRecord[];
beforeAll(async () => {
  engine = await createEngine();
});
beforeEach(async () => {
  records = [];
  account = await Account.fromAuthorizationDetails(GAAD, { accountId: A, engine, audit: (r) => void records.push(r) });
  await account.createUser({ UserName: "admin" });
  await account.putUserPolicy({ UserName: "admin", PolicyName: "iam", PolicyDocument: ALLOW_IAM });
  await account.createUser({ UserName: "nobody" });
  await account.createUser({ UserName: "denied" });
  await account.putUserPolicy({ UserName: "denied", PolicyName: "iam", PolicyDocument: { Version: V, Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }, { Effect: "Deny", Action: "iam:*", Resource: "*" }] } });
  await account.createPolicy({ PolicyName: "Boundary", PolicyDocument: ALLOW_IAM });
});

const caller = (name: string) => ({ caller: `arn:aws:iam::${A}:user/${name}` });
const boundary = `arn:aws:iam::${A}:policy/Boundary`;

/** [operation, call on a role] for every role change IAM refuses on a service-linked role. */
const ROLE_CHANGES: [string, (roleName: string, options?: { caller: string }) => Promise<unknown>][] = [
  ["DeleteRole", (r, o) => account.deleteRole({ RoleName: r }, o)],
  ["UpdateAssumeRolePolicy", (r, o) => account.updateAssumeRolePolicy({ RoleName: r, PolicyDocument: decodeURIComponent(TRUST("ec2.amazonaws.com")) }, o)],
  ["PutRolePolicy", (r, o) => account.putRolePolicy({ RoleName: r, PolicyName: "more", PolicyDocument: ALLOW_IAM }, o)],
  ["DeleteRolePolicy", (r, o) => account.deleteRolePolicy({ RoleName: r, PolicyName: r === SLR ? "extra" : "AwsSSOInlinePolicy" }, o)],
  ["AttachRolePolicy", (r, o) => account.attachRolePolicy({ RoleName: r, PolicyArn: ADMIN_POLICY }, o)],
  ["DetachRolePolicy", (r, o) => account.detachRolePolicy({ RoleName: r, PolicyArn: READONLY_POLICY }, o)],
  ["PutRolePermissionsBoundary", (r, o) => account.putRolePermissionsBoundary({ RoleName: r, PermissionsBoundary: boundary }, o)],
  ["DeleteRolePermissionsBoundary", (r, o) => account.deleteRolePermissionsBoundary({ RoleName: r }, o)],
];
/** Role changes IAM allows on a service-linked role ("you can edit the description of any role"; tags). */
const DESCRIPTION_CHANGES: [string, (roleName: string, options?: { caller: string }) => Promise<unknown>][] = [
  ["UpdateRole", (r, o) => account.updateRole({ RoleName: r, Description: "edited" }, o)],
  ["UpdateRoleDescription", (r, o) => account.updateRoleDescription({ RoleName: r, Description: "edited" }, o)],
];
const TAGGING: [string, (roleName: string, options?: { caller: string }) => Promise<unknown>][] = [
  ["TagRole", (r, o) => account.tagRole({ RoleName: r, Tags: [{ Key: "team", Value: "ops" }] }, o)],
  ["UntagRole", (r, o) => account.untagRole({ RoleName: r, TagKeys: ["team"] }, o)],
];

async function unmodifiable(call: () => Promise<unknown>, message: string): Promise<void> {
  const e = await expectRejection(account, call, "UnmodifiableEntity", message);
  expect(e.message).toBe(message);
  expect(e.status).toBe(400);
}

describe("service-linked roles", () => {
  it.each(ROLE_CHANGES)("%s is UnmodifiableEntity without a caller and for a caller the policies allow", async (_op, call) => {
    await unmodifiable(() => call(SLR), PROTECTED_MESSAGE(SLR));
    await unmodifiable(() => call(SLR, caller("admin")), PROTECTED_MESSAGE(SLR));
    await unmodifiable(() => call(SLR, { caller: `arn:aws:iam::${A}:root` }), PROTECTED_MESSAGE(SLR));
  });

  it.each(ROLE_CHANGES)("%s: IAM authorizes first, so a caller the policies do not allow is AccessDenied", async (op, call) => {
    await expectRejection(account, () => call(SLR, caller("nobody")), "AccessDenied", `because no identity-based policy allows the iam:${op} action`);
    await expectRejection(account, () => call(SLR, caller("denied")), "AccessDenied", "with an explicit deny in an identity-based policy");
  });

  it.each([...DESCRIPTION_CHANGES, ...TAGGING])("%s is allowed", async (_op, call) => {
    await expect(call(SLR)).resolves.toBeDefined();
    await expect(call(SLR, caller("admin"))).resolves.toBeDefined();
  });

  it("reading it is allowed, and a refused change leaves it as it was", async () => {
    await expect(account.deleteRole({ RoleName: SLR })).rejects.toBeInstanceOf(IamError);
    const { Role } = await account.getRole({ RoleName: SLR });
    expect(Role.Arn).toBe(SLR_ARN);
    expect((await account.listRolePolicies({ RoleName: SLR })).PolicyNames).toEqual(["extra"]);
  });
});

describe("IAM Identity Center roles", () => {
  it.each([...ROLE_CHANGES, ...DESCRIPTION_CHANGES])("%s is UnmodifiableEntity, with or without a caller", async (_op, call) => {
    await unmodifiable(() => call(SSO), PROTECTED_MESSAGE(SSO));
    await unmodifiable(() => call(SSO, caller("admin")), PROTECTED_MESSAGE(SSO));
  });

  it.each([...ROLE_CHANGES, ...DESCRIPTION_CHANGES])("%s is made by IAM Identity Center's own service-linked role", async (op, call) => {
    const outcome = await call(SSO, { caller: SSO_SLR_ARN }).then(() => "done", (e: IamError) => e.code);
    // Past the protection IAM's ordinary rules apply: a role with policies cannot be deleted yet.
    expect(outcome).toBe(op === "DeleteRole" ? "DeleteConflict" : "done");
  });

  it.each(TAGGING)("%s is allowed", async (_op, call) => {
    await expect(call(SSO, caller("admin"))).resolves.toBeDefined();
  });
});

describe("AWS managed policies", () => {
  const POLICY_CHANGES: [string, (options?: { caller: string }) => Promise<unknown>][] = [
    ["CreatePolicyVersion", (o) => account.createPolicyVersion({ PolicyArn: ADMIN_POLICY, PolicyDocument: ALLOW_IAM }, o)],
    ["DeletePolicy", (o) => account.deletePolicy({ PolicyArn: ADMIN_POLICY }, o)],
    ["DeletePolicyVersion", (o) => account.deletePolicyVersion({ PolicyArn: ADMIN_POLICY, VersionId: "v1" }, o)],
    ["SetDefaultPolicyVersion", (o) => account.setDefaultPolicyVersion({ PolicyArn: ADMIN_POLICY, VersionId: "v1" }, o)],
    ["TagPolicy", (o) => account.tagPolicy({ PolicyArn: ADMIN_POLICY, Tags: [{ Key: "k", Value: "v" }] }, o)],
    ["UntagPolicy", (o) => account.untagPolicy({ PolicyArn: ADMIN_POLICY, TagKeys: ["k"] }, o)],
  ];
  const message = `Policy ${ADMIN_POLICY} is an AWS managed policy and cannot be modified or deleted.`;

  it.each(POLICY_CHANGES)("%s: UnmodifiableEntity for a caller the policies allow (no longer AccessDenied)", async (_op, call) => {
    await unmodifiable(() => call(caller("admin")), message);
    await unmodifiable(() => call(), message);
  });

  it.each(POLICY_CHANGES)("%s: AccessDenied for a caller the policies do not allow", async (op, call) => {
    await expectRejection(account, () => call(caller("nobody")), "AccessDenied", `because no identity-based policy allows the iam:${op} action`);
  });

  it("is decided on the ARN, as the engine decides it: an AWS managed ARN that does not exist is refused too", async () => {
    const missing = "arn:aws:iam::aws:policy/NoSuchPolicy";
    await unmodifiable(() => account.deletePolicy({ PolicyArn: missing }), `Policy ${missing} is an AWS managed policy and cannot be modified or deleted.`);
    await unmodifiable(() => account.deletePolicy({ PolicyArn: missing }, caller("admin")), `Policy ${missing} is an AWS managed policy and cannot be modified or deleted.`);
  });
});

describe("the audit record carries IAM's answer", () => {
  it("errorCode UnmodifiableEntity, and the engine's reason", async () => {
    await expect(account.detachRolePolicy({ RoleName: SLR, PolicyArn: READONLY_POLICY }, caller("admin"))).rejects.toBeInstanceOf(IamError);
    const r = records.at(-1)!;
    expect(r.eventName).toBe("DetachRolePolicy");
    expect(r.errorCode).toBe("UnmodifiableEntity");
    expect(r.errorMessage).toBe(PROTECTED_MESSAGE(SLR));
    expect(r.additionalEventData).toMatchObject({ decision: "ImplicitDeny", reason: "UnmodifiableEntity" });
  });
});

describe("the model and the engine agree", () => {
  const ACTIONS = [
    "iam:CreatePolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:TagPolicy", "iam:UntagPolicy",
    "iam:GetPolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:DeleteRole",
    "iam:UpdateAssumeRolePolicy", "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:UpdateRole",
    "iam:UpdateRoleDescription", "iam:TagRole", "iam:UntagRole", "iam:GetRole", "iam:ListRolePolicies", "IAM:deleterole",
  ];
  const RESOURCES = [
    ADMIN_POLICY, "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", `arn:aws:iam::${A}:policy/Boundary`,
    "arn:aws-cn:iam::aws:policy/ReadOnlyAccess", SLR_ARN, SSO_ARN, SSO_SLR_ARN, `arn:aws:iam::${A}:role/app`,
    `arn:aws:iam::${A}:role/service-role/app`, `arn:aws:iam::${A}:role/aws-reserved/other/x`, `arn:aws:s3:::aws-service-role/x`,
  ];

  it("on every action and resource, for a principal whose policies allow everything", () => {
    const allowAll = engine.compile({ Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }, { kind: "identity" });
    try {
      const disagreements: string[] = [];
      let refusals = 0;
      for (const action of ACTIONS) {
        for (const resource of RESOURCES) {
          const r = engine.authorize({ principal: `arn:aws:iam::${A}:user/admin`, action, resource }, { identity: [allowAll] });
          const engineRefuses = r.reason.code === "UnmodifiableEntity";
          if (engineRefuses) refusals++;
          if (engineRefuses !== isUnmodifiable(action, resource)) disagreements.push(`${action} on ${resource}: engine ${r.decision}/${r.reason.code}`);
        }
      }
      expect(disagreements).toEqual([]);
      expect(refusals).toBeGreaterThan(30);
    } finally {
      allowAll.dispose();
    }
  });
});
