/**
 * GetUser without UserName (API_GetUser: "IAM determines the user name implicitly based on the
 * AWS access key ID used to sign the request"): the calling user, authorized as iam:GetUser on
 * its own ARN; the root user's account-level answer; a role session must name a user.
 */
import { expect, it } from "vitest";
import { Account, createEngine } from "../../../js/index.ts";

const SELF = (account: string) => JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "iam:GetUser", Resource: `arn:aws:iam::${account}:user/team/\${aws:username}` }],
});

it("answers for the caller when UserName is omitted", async () => {
  const engine = await createEngine();
  const account = await Account.create({ accountId: "111122223333", engine, now: () => new Date("2026-03-01T12:00:00Z") });
  const { User: alice } = await account.createUser({ UserName: "alice", Path: "/team/", Tags: [{ Key: "k", Value: "v" }] });

  // Not yet allowed: AccessDenied names iam:GetUser on alice's own ARN.
  const denied = await account.getUser({}, { caller: alice.Arn }).catch((e) => e);
  expect(denied).toMatchObject({ code: "AccessDenied" });
  expect(String(denied.message)).toContain(alice.Arn);

  await account.putUserPolicy({ UserName: "alice", PolicyName: "Self", PolicyDocument: SELF("111122223333") });
  const { User } = await account.getUser({}, { caller: alice.Arn });
  expect(User).toMatchObject({ UserName: "alice", Path: "/team/", Arn: alice.Arn, Tags: [{ Key: "k", Value: "v" }] });
  // Naming another user is still decided on that user's ARN.
  await account.createUser({ UserName: "bob" });
  await expect(account.getUser({ UserName: "bob" }, { caller: alice.Arn })).rejects.toMatchObject({ code: "AccessDenied" });
});

it("answers the root user's UserId (the account id) and ARN, without a name", async () => {
  const engine = await createEngine();
  const account = await Account.create({ accountId: "111122223333", engine, now: () => new Date("2026-03-01T12:00:00Z") });
  expect((await account.getUser({}, { caller: account.rootArn })).User).toEqual({ UserId: "111122223333", Arn: "arn:aws:iam::111122223333:root" });
  const { AccessKey } = await account.createAccessKey({}, { caller: account.rootArn });
  expect((await account.getUser({}, { caller: account.rootArn })).User).toEqual({ UserId: "111122223333", Arn: account.rootArn, CreateDate: AccessKey.CreateDate });
});

it("refuses a role session or no caller without UserName", async () => {
  const engine = await createEngine();
  const account = await Account.create({ accountId: "111122223333", engine });
  await expect(account.getUser({}, { caller: "arn:aws:sts::111122223333:assumed-role/R/s" })).rejects.toMatchObject({ code: "ValidationError", message: "Must specify userName when calling with non-User credentials" });
  await expect(account.getUser({})).rejects.toMatchObject({ code: "ValidationError" });
  await expect(account.getUser(undefined as never)).rejects.toMatchObject({ code: "ValidationError" });
});
