/**
 * The credential operations through the real caller authorization (resolve.ts and the engine),
 * not the recording stub the other credentials tests use: the root user may do anything in its
 * account; a user needs a policy, here the common "manage your own keys" one with
 * `${aws:username}`; ChangePassword follows AllowUsersToChangePassword.
 */
import { expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account } from "../../../js/index.ts";

it("root, self-service keys via ${aws:username}, and ChangePassword with AllowUsersToChangePassword", async () => {
  const engine = await createEngine();
  const account = await Account.create({ accountId: "111122223333", engine, now: () => new Date("2026-03-01T12:00:00Z") });
  await account.createUser({ UserName: "alice" });
  await account.createUser({ UserName: "bob" });
  const alice = account.store.users.get("alice")!.Arn;

  const root = await account.createAccessKey({}, { caller: account.rootArn });
  expect(account.store.rootAccessKeys.map((k) => k.AccessKeyId)).toEqual([root.AccessKey.AccessKeyId]);

  await expect(account.createAccessKey({}, { caller: alice })).rejects.toMatchObject({ code: "AccessDenied" });
  await account.putUserPolicy({
    UserName: "alice", PolicyName: "OwnKeys",
    PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["iam:*AccessKey*", "iam:ListMFADevices"], Resource: "arn:aws:iam::111122223333:user/${aws:username}" }] }),
  });
  const own = await account.createAccessKey({}, { caller: alice });
  expect(own.AccessKey.UserName).toBe("alice");
  await expect(account.createAccessKey({ UserName: "bob" }, { caller: alice })).rejects.toMatchObject({ code: "AccessDenied" });
  expect(account.store.users.get("bob")!.AccessKeys).toEqual([]);
  expect((await account.listMFADevices({}, { caller: alice })).MFADevices).toEqual([]);

  await account.createLoginProfile({ UserName: "alice", Password: "Correct-Horse-9" });
  await expect(account.changePassword({ OldPassword: "Correct-Horse-9", NewPassword: "Other-Horse-9" }, { caller: alice })).rejects.toMatchObject({ code: "AccessDenied" });
  await account.updateAccountPasswordPolicy({ AllowUsersToChangePassword: true });
  await account.changePassword({ OldPassword: "Correct-Horse-9", NewPassword: "Other-Horse-9" }, { caller: alice });
  expect((await account.verifyPassword("alice", "Other-Horse-9")).valid).toBe(true);
});
