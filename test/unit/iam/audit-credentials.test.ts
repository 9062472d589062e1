/**
 * Audit records of IAM operations whose caller is given as credentials (`{ accessKeyId }`): the
 * operation's record carries the decision of its own caller check, as it does for a caller given
 * as an ARN ("CloudTrail userIdentity element": the access key id is in the identity).
 */
import { beforeEach, describe, expect, it } from "vitest";
import { Account, createEngine } from "../../../js/index.ts";
import type { CloudTrailRecord } from "../../../js/iam/audit.ts";

const A = "111122223333";
const ADMIN = { Version: "2012-10-17", Statement: [{ Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }] };
const engine = await createEngine();
let account: Account;
let records: CloudTrailRecord[];

beforeEach(async () => {
  records = [];
  account = await Account.create({ accountId: A, engine, now: () => new Date("2026-03-01T12:00:00Z") });
});

/** A user with an access key, made before the sink is attached. */
async function keyOf(name: string, policy?: unknown): Promise<string> {
  await account.createUser({ UserName: name });
  if (policy) await account.putUserPolicy({ UserName: name, PolicyName: "P", PolicyDocument: policy as never });
  return (await account.createAccessKey({ UserName: name })).AccessKey.AccessKeyId;
}

describe("operations called with credentials", () => {
  it("an allowed call: the identity names the key, additionalEventData the decision", async () => {
    const accessKeyId = await keyOf("admin", ADMIN);
    account.audit = (r) => void records.push(r);
    await account.createGroup({ GroupName: "devs" }, { caller: { accessKeyId } as never });
    expect(records).toHaveLength(1);
    expect(records[0].userIdentity).toMatchObject({ type: "IAMUser", userName: "admin", accessKeyId });
    expect(records[0].additionalEventData).toEqual({
      decision: "Allow", reason: "IdentityAllow",
      matchedStatements: [{ policyId: `arn:aws:iam::${A}:user/admin#inline/P`, statementIndex: 0, sid: "All", effect: "Allow" }],
    });
  });

  it("a denied call: AccessDenied naming the key's user, and the implicit deny", async () => {
    const accessKeyId = await keyOf("bob");
    account.audit = (r) => void records.push(r);
    await expect(account.createGroup({ GroupName: "devs" }, { caller: { accessKeyId } as never })).rejects.toMatchObject({ code: "AccessDenied" });
    expect(records).toHaveLength(1);
    expect(records[0].errorMessage).toBe(`User: arn:aws:iam::${A}:user/bob is not authorized to perform: iam:CreateGroup on resource: arn:aws:iam::${A}:group/devs because no identity-based policy allows the iam:CreateGroup action`);
    expect(records[0].additionalEventData).toEqual({ decision: "ImplicitDeny", reason: "NoAllow", matchedStatements: [] });
  });
});
