// Principal resolution (js/iam/resolve.ts): policies of users (with their groups), roles and
// sessions, the boundary, derived context keys, cache invalidation, and AccessDenied texts.
import { beforeEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { accessDeniedMessage } from "../../../js/iam/resolve/access-denied.ts";
import { INLINE_SEPARATOR } from "../../../js/iam/resolve/principal.ts";

const engine = await createEngine();
const A = "111122223333";
const now = () => new Date("2025-01-01T00:00:00Z");
const gaad = () => JSON.parse(readFileSync(new URL("../../fixtures/gaad-mini.json", import.meta.url), "utf8"));
const ALICE = `arn:aws:iam::${A}:user/engineering/alice`;
const BOB = `arn:aws:iam::${A}:user/bob`;
const ADMIN = `arn:aws:iam::${A}:user/iam-admin`;
const APP = `arn:aws:iam::${A}:role/service/app`;
const SESSION = `arn:aws:sts::${A}:assumed-role/app/worker-7`;
const ROOT = `arn:aws:iam::${A}:root`;

let account: Account;
beforeEach(async () => {
  account = await Account.fromAuthorizationDetails(gaad(), { accountId: A, engine, now });
});

describe("resolvePrincipal", () => {
  it("gives a user its inline and attached policies plus its groups', and its boundary", () => {
    const alice = account.resolvePrincipal(ALICE);
    expect(alice.type).toBe("User");
    expect(alice.identity.map((p) => p.id)).toEqual([
      `${ALICE}${INLINE_SEPARATOR}NoDeletes`,
      `arn:aws:iam::${A}:group/Developers#inline/DevBucket`,
      `arn:aws:iam::${A}:policy/ReadReports`,
    ]);
    expect(alice.identity.every((p) => p.kind === "identity")).toBe(true);
    expect(alice.boundary?.id).toBe(`arn:aws:iam::${A}:policy/boundaries/DevBoundary`);
    expect(alice.boundary?.kind).toBe("boundary");
    expect(alice.sources.get(`arn:aws:iam::${A}:group/Developers#inline/DevBucket`)?.owner).toEqual({ type: "group", name: "Developers", arn: `arn:aws:iam::${A}:group/Developers` });
  });

  it("keeps each policy's document as compiled, so a caller can show or edit it", async () => {
    const alice = account.resolvePrincipal(ALICE);
    const inline = await account.getUserPolicy({ UserName: "alice", PolicyName: "NoDeletes" });
    const doc = (id: string) => JSON.parse(decodeURIComponent(alice.sources.get(id)!.document!));
    expect(doc(`${ALICE}${INLINE_SEPARATOR}NoDeletes`)).toEqual(JSON.parse(decodeURIComponent(inline.PolicyDocument)));
    expect(doc(`arn:aws:iam::${A}:policy/boundaries/DevBoundary`).Statement).toBeDefined();
    // AWS-managed documents come from the library when the GAAD does not list them.
    const bob = account.resolvePrincipal(BOB);
    const managed = JSON.parse(bob.sources.get("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")!.document!);
    expect(managed.Statement.flatMap((st: { Action: string | string[] }) => [st.Action].flat())).toContain("s3:Get*");
  });

  it("resolves AWS-managed policies attached through a group (library) or listed in GAAD", () => {
    const bob = account.resolvePrincipal(BOB);
    expect(bob.identity.map((p) => p.id)).toContain("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
    expect(bob.sources.get("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")?.awsManaged).toBe(true);
    const admin = account.resolvePrincipal(ADMIN);
    expect(admin.sources.get("arn:aws:iam::aws:policy/IAMReadOnlyAccess")).toMatchObject({ awsManaged: true, policyName: "IAMReadOnlyAccess" });
    expect(bob.boundary).toBeUndefined();
  });

  it("derives the user's context keys", () => {
    expect(account.resolvePrincipal(ALICE).context).toEqual({
      "aws:PrincipalAccount": A, "aws:PrincipalArn": ALICE, "aws:PrincipalType": "User",
      "aws:userid": "AIDAEXAMPLEALICE0001", "aws:username": "alice", "aws:PrincipalTag/team": "blue",
    });
  });

  it("derives a role session's keys: the role ARN with its path, AROA:session, no username", () => {
    const s = account.resolvePrincipal(SESSION);
    expect(s.type).toBe("AssumedRole");
    expect(s.sessionName).toBe("worker-7");
    expect(s.context).toEqual({
      "aws:PrincipalAccount": A, "aws:PrincipalArn": APP, "aws:PrincipalType": "AssumedRole",
      "aws:userid": "AROAEXAMPLEAPPROLE01:worker-7", "aws:PrincipalTag/env": "prod",
    });
    expect(s.identity.map((p) => p.id)).toEqual([`${APP}#inline/Tables`]);
  });

  it("treats a role ARN as a session of the role, without a session name", () => {
    const r = account.resolvePrincipal(APP);
    expect(r.type).toBe("AssumedRole");
    expect(r.context["aws:userid"]).toBeUndefined();
    expect(r.context["aws:PrincipalArn"]).toBe(APP);
    // The session policy condition on aws:userid only matches a named session.
    const put = { action: "dynamodb:PutItem", resource: `arn:aws:dynamodb:us-east-1:${A}:table/t` };
    expect(account.authorizePrincipal(APP, put).decision).toBe("ImplicitDeny");
    expect(account.authorizePrincipal(SESSION, put).decision).toBe("Allow");
    expect(account.authorizePrincipal(`arn:aws:sts::${A}:assumed-role/app/batch`, put).decision).toBe("ImplicitDeny");
  });

  it("derives the root user's keys and allows it everything", () => {
    const root = account.resolvePrincipal(ROOT);
    expect(root.type).toBe("Account");
    expect(root.identity).toEqual([]);
    expect(root.context).toEqual({ "aws:PrincipalAccount": A, "aws:PrincipalArn": ROOT, "aws:PrincipalType": "Account", "aws:userid": A });
    expect(account.authorizePrincipal(ROOT, { action: "iam:DeleteUser", resource: ADMIN }).decision).toBe("Allow");
    const scp = [[{ Version: "2012-10-17", Statement: [{ Effect: "Deny", Action: "iam:*", Resource: "*" }, { Effect: "Allow", Action: "*", Resource: "*" }] }]];
    expect(account.authorizePrincipal(ROOT, { action: "iam:DeleteUser", resource: ADMIN, scp }).decision).toBe("ExplicitDeny");
  });

  it("rejects unknown principals, other accounts, groups and malformed ARNs", () => {
    const code = (arn: string) => { try { account.resolvePrincipal(arn); return "ok"; } catch (e) { return (e as IamError).code; } };
    expect(code(`arn:aws:iam::${A}:user/nobody`)).toBe("NoSuchEntity");
    expect(code(`arn:aws:iam::${A}:user/alice`)).toBe("NoSuchEntity"); // wrong path
    expect(code(`arn:aws:iam::999999999999:user/bob`)).toBe("NoSuchEntity");
    expect(code(`arn:aws:iam::${A}:group/Developers`)).toBe("InvalidInput");
    expect(code("alice")).toBe("InvalidInput");
  });
});

describe("authorizePrincipal", () => {
  it("applies group policies, the user's deny and the boundary", () => {
    const d = (action: string, resource: string, context?: Record<string, string>) => account.authorizePrincipal(ALICE, { action, resource, context });
    const read = d("s3:GetObject", "arn:aws:s3:::reports/q1.csv");
    expect(read.decision).toBe("Allow");
    expect(read.matchedStatements.map((m) => [m.policyId, m.kind])).toEqual([
      [`arn:aws:iam::${A}:policy/ReadReports`, "identity"], [`arn:aws:iam::${A}:policy/boundaries/DevBoundary`, "boundary"],
    ]);
    const del = d("s3:DeleteObject", "arn:aws:s3:::dev-bucket/x");
    expect(del.decision).toBe("ExplicitDeny");
    expect(del.matchedStatements[0]).toMatchObject({ policyId: `${ALICE}#inline/NoDeletes`, sid: "DenyDelete", span: { start: { line: 4, column: 8 } } });
    // The group allows ec2:RunInstances; the boundary does not.
    expect(d("ec2:RunInstances", `arn:aws:ec2:us-east-1:${A}:instance/i-1`).reason.code).toBe("BoundaryNoAllow");
    // Conditions see the request context merged with the derived keys.
    expect(d("s3:GetObject", "arn:aws:s3:::dev-bucket/a", { "aws:SourceIp": "203.0.113.9" }).decision).toBe("Allow");
    const missing = d("s3:GetObject", "arn:aws:s3:::dev-bucket/a");
    expect(missing.decision).toBe("ImplicitDeny");
    expect(missing.missingContextValues).toEqual(["aws:SourceIp"]);
  });

  it("fills policy variables from derived keys and keeps derived keys over the caller's", () => {
    const get = (key: string, context?: Record<string, string>) => account.authorizePrincipal(BOB, { action: "s3:PutObject", resource: `arn:aws:s3:::home/${key}`, context }).decision;
    expect(get("bob/notes.txt")).toBe("Allow");
    expect(get("alice/notes.txt")).toBe("ImplicitDeny");
    expect(get("alice/notes.txt", { "aws:username": "alice" })).toBe("ImplicitDeny");
  });

  it("uses role tags as principal tags; a resource policy can allow a session", () => {
    const get = { action: "dynamodb:GetItem", resource: `arn:aws:dynamodb:us-east-1:${A}:table/orders` };
    expect(account.authorizePrincipal(SESSION, get).decision).toBe("Allow");
    const rp = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: SESSION }, Action: "sqs:SendMessage", Resource: "*" }] };
    expect(account.authorizePrincipal(SESSION, { action: "sqs:SendMessage", resource: `arn:aws:sqs:us-east-1:${A}:q`, resourcePolicy: rp }).decision).toBe("Allow");
  });

  it("takes the resource account from the resource ARN (cross-account needs the resource policy)", () => {
    const r = account.authorizePrincipal(BOB, { action: "s3:GetObject", resource: "arn:aws:s3:::any-bucket/x" });
    expect(r.decision).toBe("Allow"); // AmazonS3ReadOnlyAccess, same account (S3 ARNs carry none)
    const other = account.authorizePrincipal(SESSION, { action: "dynamodb:GetItem", resource: "arn:aws:dynamodb:us-east-1:444455556666:table/t" });
    expect(other.decision).toBe("ImplicitDeny");
    expect(other.reason.code).toBe("CrossAccountNoResourceAllow");
  });
});

describe("cache", () => {
  it("returns the cached resolution until the account changes, then rebuilds it and disposes stale policies", () => {
    const first = account.resolvePrincipal(ALICE);
    expect(account.resolvePrincipal(ALICE)).toBe(first);
    const reports = first.identity[2];
    const inline = first.identity[0];
    // Change the group's inline policy directly in the store (as an operation would), then touch.
    const dev = account.store.groups.get("developers")!;
    dev.GroupPolicyList[0] = { PolicyName: "DevBucket", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] }) };
    const oldGroupPolicy = first.identity[1];
    account.touch();
    const second = account.resolvePrincipal(ALICE);
    expect(second).not.toBe(first);
    expect(oldGroupPolicy.disposed).toBe(true);
    // Unchanged policies are kept and shared.
    expect(reports.disposed).toBe(false);
    expect(second.identity).toContain(reports);
    expect(second.identity).toContain(inline);
    expect(account.authorizePrincipal(ALICE, { action: "s3:PutObject", resource: "arn:aws:s3:::dev-bucket/x" }).decision).toBe("ImplicitDeny");
  });

  it("sees group membership and removed policies after touch()", () => {
    const bob = account.store.users.get("bob")!;
    expect(account.authorizePrincipal(BOB, { action: "s3:GetObject", resource: "arn:aws:s3:::reports/a" }).decision).toBe("Allow");
    bob.GroupList = [];
    account.touch();
    expect(account.authorizePrincipal(BOB, { action: "s3:GetObject", resource: "arn:aws:s3:::reports/a" }).decision).toBe("ImplicitDeny");
    bob.GroupList = ["Developers"];
    account.touch();
    expect(account.resolvePrincipal(BOB).identity.map((p) => p.id)).toContain(`arn:aws:iam::${A}:policy/ReadReports`);
  });

  it("shares compiled managed policies between principals", () => {
    const bob = account.store.users.get("bob")!;
    bob.GroupList = ["Auditors", "Developers"];
    account.touch();
    const a = account.resolvePrincipal(ALICE).identity.find((p) => p.id.endsWith("policy/ReadReports"));
    const b = account.resolvePrincipal(BOB).identity.find((p) => p.id.endsWith("policy/ReadReports"));
    expect(a).toBe(b);
  });
});

describe("operation authorization (AccessDenied)", () => {
  const denied = async (caller: string, action: string, resource: string) => {
    try {
      await account.authorizeOperation({ caller }, action, resource);
      return "allowed";
    } catch (e) {
      expect(e).toBeInstanceOf(IamError);
      expect((e as IamError).code).toBe("AccessDenied");
      expect((e as IamError).status).toBe(403);
      return (e as IamError).message;
    }
  };

  it("answers with AWS's texts for implicit and explicit denies and boundaries", async () => {
    expect(await denied(BOB, "iam:CreateUser", `arn:aws:iam::${A}:user/eve`)).toBe(
      `User: ${BOB} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/eve because no identity-based policy allows the iam:CreateUser action`);
    expect(await denied(ADMIN, "iam:DeleteUser", ADMIN)).toBe(
      `User: ${ADMIN} is not authorized to perform: iam:DeleteUser on resource: ${ADMIN} with an explicit deny in an identity-based policy`);
    expect(await denied(ADMIN, "iam:CreateUser", `arn:aws:iam::${A}:user/eve`)).toBe("allowed");
    // alice's boundary allows iam:Get* but no identity policy does; iam:CreateUser fails the boundary too,
    // but AWS names the first missing Allow: the identity-based policy.
    expect(await denied(ALICE, "iam:GetUser", ALICE)).toMatch(/because no identity-based policy allows the iam:GetUser action$/);
    expect(await denied(ROOT, "iam:DeleteUser", ADMIN)).toBe("allowed");
    expect(await denied(`arn:aws:iam::${A}:user/ghost`, "iam:ListUsers", "*")).toMatch(/^User: arn:aws:iam::111122223333:user\/ghost is not authorized to perform: iam:ListUsers on resource: \* because no identity-based policy allows/);
  });

  it("names a permissions boundary when only the boundary is missing an Allow", async () => {
    account.store.users.get("alice")!.UserPolicyList.push({ PolicyName: "Iam", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }) });
    account.touch();
    expect(await denied(ALICE, "iam:CreateUser", `arn:aws:iam::${A}:user/eve`)).toBe(
      `User: ${ALICE} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/eve because no permissions boundary allows the iam:CreateUser action`);
    expect(await denied(ALICE, "iam:GetUser", ALICE)).toBe("allowed");
  });

  it("formats the other policy types", () => {
    const msg = (decision: "ExplicitDeny" | "ImplicitDeny", kind: string, code = "NoAllow") =>
      accessDeniedMessage("U", "s3:GetObject", "R", { decision, matchedStatements: decision === "ExplicitDeny" ? [{ policyId: "p", kind: kind as "scp", statementIndex: 0, effect: "Deny" }] : [], reason: { code: code as "NoAllow" } });
    expect(msg("ExplicitDeny", "scp")).toBe("User: U is not authorized to perform: s3:GetObject on resource: R with an explicit deny in a service control policy");
    expect(msg("ExplicitDeny", "boundary")).toMatch(/with an explicit deny in a permissions boundary$/);
    expect(msg("ExplicitDeny", "session")).toMatch(/with an explicit deny in a session policy$/);
    expect(msg("ExplicitDeny", "resource")).toMatch(/with an explicit deny in a resource-based policy$/);
    expect(msg("ImplicitDeny", "", "ScpNoAllow")).toMatch(/because no service control policy allows the s3:GetObject action$/);
    expect(msg("ImplicitDeny", "", "SessionNoAllow")).toMatch(/because no session policy allows the s3:GetObject action$/);
  });
});
