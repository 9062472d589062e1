/**
 * @module test/unit/analyzer/recommend-account.test
 * recommendAccount on a model Account built with IAM's operations on a pinned clock, and on the
 * same account's GAAD JSON: each recommendation where its case holds (with its Security Hub
 * control id), none where it does not, and no credential recommendation from a GAAD file (it
 * has no credentials). Access key ids are the model's own (AKIA + 16 base32 characters).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Account, createEngine, type Engine } from "../../../js/index.ts";
import { recommendAccount, type AccountRecommendation } from "../../../js/analyzer/index.ts";

const A = "111122223333";
const doc = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
let engine: Engine;
let clock: Date;
let account: Account;
let recs: AccountRecommendation[];

const at = (code: string) => recs.filter((r) => r.issueCode === code).map((r) => r.resource);

beforeAll(async () => {
  engine = await createEngine();
  clock = new Date("2026-01-01T00:00:00Z");
  account = await Account.create({ accountId: A, engine, now: () => clock });
  await account.createUser({ UserName: "alice" });
  await account.createLoginProfile({ UserName: "alice", Password: "A-long-enough-Pa55word!" });
  await account.createAccessKey({ UserName: "alice" });
  await account.createUser({ UserName: "bob" });
  await account.putUserPolicy({ UserName: "bob", PolicyName: "inline", PolicyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) });
  await account.createAccessKey({}, { caller: `arn:aws:iam::${A}:root` }); // the root user's
  const { Policy } = await account.createPolicy({ PolicyName: "admin", PolicyDocument: doc({ Effect: "Allow", Action: "*", Resource: "*" }) });
  await account.createGroup({ GroupName: "admins" });
  await account.attachGroupPolicy({ GroupName: "admins", PolicyArn: Policy!.Arn! });
  await account.createPolicy({ PolicyName: "s3-everything", PolicyDocument: doc({ Effect: "Allow", Action: "s3:*", Resource: "*" }) });
  await account.createRole({ RoleName: "open", AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }) });
  await account.createRole({ RoleName: "partner", AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: "sts:AssumeRole" }) });
  await account.putRolePolicy({ RoleName: "partner", PolicyName: "read", PolicyDocument: doc({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) });
  await account.updateAccountPasswordPolicy({ MinimumPasswordLength: 8, RequireNumbers: true });
  clock = new Date("2026-04-15T00:00:00Z"); // 104 days later
  recs = (await recommendAccount(account, { knownAccounts: [] })).recommendations;
});

describe("recommendAccount on an Account", () => {
  it("flags the root user's access key (IAM.4), account-wide first", () => {
    expect(at("ROOT_ACCESS_KEY")).toEqual([`arn:aws:iam::${A}:root`]);
    expect(recs.find((r) => r.issueCode === "ROOT_ACCESS_KEY")).toMatchObject({ securityHubControl: "IAM.4", findingType: "SECURITY_WARNING", resourceType: "AWS::::Account" });
    expect(recs[0].resourceType).toBe("AWS::::Account");
  });

  it("flags a console user without MFA (IAM.5), not a user without a password", () => {
    expect(at("CONSOLE_USER_WITHOUT_MFA")).toEqual([`arn:aws:iam::${A}:user/alice`]);
  });

  it("flags a key older than 90 days (IAM.3) and credentials unused for 90 days (IAM.8)", () => {
    expect(at("ACCESS_KEY_NOT_ROTATED")).toEqual([`arn:aws:iam::${A}:user/alice`]);
    expect(at("CREDENTIALS_UNUSED_90_DAYS")).toContain(`arn:aws:iam::${A}:user/alice`);
    expect(at("CREDENTIALS_UNUSED_90_DAYS")).not.toContain(`arn:aws:iam::${A}:user/bob`);
  });

  it("flags user policies, inline ones included (IAM.2), and a role's inline policy", () => {
    expect(at("USER_HAS_POLICIES")).toEqual([`arn:aws:iam::${A}:user/bob`]);
    // A user's inline policy is IAM.2's case already: one recommendation, not two.
    expect(at("INLINE_POLICY")).toEqual([`arn:aws:iam::${A}:role/partner`]);
  });

  it("flags an attached full-admin policy (IAM.1) and a service wildcard (IAM.21)", () => {
    expect(at("FULL_ADMIN_POLICY")).toEqual([`arn:aws:iam::${A}:policy/admin`]);
    expect(at("SERVICE_WILDCARD_POLICY")).toEqual([`arn:aws:iam::${A}:policy/s3-everything`]);
    expect(recs.find((r) => r.issueCode === "SERVICE_WILDCARD_POLICY")!.securityHubControl).toBe("IAM.21");
  });

  it("flags each weakness of the password policy (IAM.11-IAM.17), not what it requires", () => {
    const codes = recs.filter((r) => r.issueCode.startsWith("PASSWORD_POLICY_")).map((r) => r.securityHubControl);
    expect(codes.sort()).toEqual(["IAM.11", "IAM.12", "IAM.13", "IAM.15", "IAM.16", "IAM.17"]);
  });

  it("flags trust open to any principal, an unknown account, unused roles, and no support role", () => {
    expect(at("TRUST_POLICY_ANY_PRINCIPAL")).toEqual([`arn:aws:iam::${A}:role/open`]);
    expect(at("TRUST_POLICY_UNKNOWN_ACCOUNT")).toEqual([`arn:aws:iam::${A}:role/partner`]);
    expect(at("UNUSED_IAM_ROLE").sort()).toEqual([`arn:aws:iam::${A}:role/open`, `arn:aws:iam::${A}:role/partner`]);
    expect(at("NO_SUPPORT_ROLE")).toHaveLength(1);
  });

  it("leaves a known account and a recent clock alone", async () => {
    clock = new Date("2026-01-10T00:00:00Z");
    const early = (await recommendAccount(account, { knownAccounts: ["444455556666"] })).recommendations.map((r) => r.issueCode);
    clock = new Date("2026-04-15T00:00:00Z");
    for (const code of ["TRUST_POLICY_UNKNOWN_ACCOUNT", "ACCESS_KEY_NOT_ROTATED", "UNUSED_IAM_ROLE", "CREDENTIALS_UNUSED_90_DAYS", "CREDENTIALS_UNUSED_45_DAYS"]) expect(early).not.toContain(code);
  });
});

describe("recommendAccount on GAAD JSON", () => {
  it("makes the policy and role recommendations, and no credential one", async () => {
    const gaad = await account.toAuthorizationDetails();
    const codes = new Set((await recommendAccount(JSON.stringify(gaad), { now: clock })).recommendations.map((r) => r.issueCode));
    for (const c of ["FULL_ADMIN_POLICY", "USER_HAS_POLICIES", "INLINE_POLICY", "TRUST_POLICY_ANY_PRINCIPAL"]) expect(codes).toContain(c);
    for (const c of ["ROOT_ACCESS_KEY", "CONSOLE_USER_WITHOUT_MFA", "ACCESS_KEY_NOT_ROTATED", "NO_PASSWORD_POLICY"]) expect(codes).not.toContain(c);
  });

  it("rejects what is not GAAD with an AnalyzerError", async () => {
    await expect(recommendAccount("not json")).rejects.toThrow(/not JSON/);
    await expect(recommendAccount("[1]")).rejects.toThrow(/get-account-authorization-details/);
  });
});
