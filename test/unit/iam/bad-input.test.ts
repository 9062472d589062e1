/**
 * Every IAM and STS operation answers malformed arguments and options with an IamError (an AWS
 * error code and a message), never a TypeError or another crash: the operations the audit
 * wraps (js/iam/audit.ts AUDITED_OPERATIONS) are called with garbage inputs and callers.
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../js/index.ts";
import { Account, IamError } from "../../../js/index.ts";
import { AUDITED_OPERATIONS } from "../../../js/iam/audit.ts";

const inputs: unknown[] = [
  undefined, null, 5, "x", [], { UserName: 5 },
  { UserName: {}, GroupName: [], RoleName: null, PolicyArn: 7, PolicyDocument: { a: 1 }, RoleArn: 3, Tags: "t" },
  { UserName: "a".repeat(100_000), PolicyDocument: "{".repeat(50_000) },
];
const callers: unknown[] = [undefined, { caller: 5 }, { caller: "not-an-arn" }, "x", { caller: { accessKeyId: 3 } }];

describe("bad input to account operations", () => {
  it("is answered with an IamError by every operation", async () => {
    const account = await Account.create({ accountId: "111122223333", engine: await createEngine() });
    const problems: string[] = [];
    let calls = 0;
    for (const [method] of AUDITED_OPERATIONS) {
      const fn = (account as unknown as Record<string, unknown>)[method];
      if (typeof fn !== "function") continue;
      for (const input of inputs) {
        for (const options of callers) {
          calls++;
          try {
            await (fn as (...a: unknown[]) => unknown).call(account, input, options);
          } catch (err) {
            if (!(err instanceof IamError)) problems.push(`${method}(${JSON.stringify(input)?.slice(0, 30)}, ${JSON.stringify(options)}): ${String(err)}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
  });
});

/** An object nested past JSON.stringify's recursion, and one that contains itself. */
function hostileDocuments(): Record<string, unknown>[] {
  let deep: Record<string, unknown> = {};
  const top = { Version: "2012-10-17", Statement: [], x: deep };
  for (let i = 0; i < 200_000; i++) deep = (deep.a = {}) as Record<string, unknown>;
  const cyclic: Record<string, unknown> = { Version: "2012-10-17", Statement: [] };
  cyclic.self = cyclic;
  return [top, cyclic];
}

describe("hostile policy documents given as objects", () => {
  it("are MalformedPolicyDocument in a GAAD import, naming where, not a RangeError or TypeError", async () => {
    const engine = await createEngine();
    for (const PolicyDocument of hostileDocuments()) {
      const gaad = {
        UserDetailList: [{
          UserName: "u", UserId: "AIDAAAAAAAAAAAAAAAAAA", Arn: "arn:aws:iam::111122223333:user/u", Path: "/", CreateDate: "2020-01-01T00:00:00Z",
          UserPolicyList: [{ PolicyName: "p", PolicyDocument }], GroupList: [], AttachedManagedPolicies: [],
        }],
      };
      const err = await Account.fromAuthorizationDetails(gaad as never, { accountId: "111122223333", engine }).catch((e) => e);
      expect(err).toBeInstanceOf(IamError);
      expect(err).toMatchObject({ code: "MalformedPolicyDocument" });
      expect(err.message).toMatch(/^inline policy 'p' of user 'u' \(UserDetailList\/0\/UserPolicyList\/0\): The policy document cannot be read as JSON: it (is nested too deeply|refers to itself)/);
    }
  });

  it("are IamErrors in PutUserPolicy and CreatePolicy", async () => {
    const account = await Account.create({ accountId: "111122223333", engine: await createEngine() });
    await account.createUser({ UserName: "u" });
    for (const doc of hostileDocuments()) {
      for (const call of [
        () => account.putUserPolicy({ UserName: "u", PolicyName: "p", PolicyDocument: doc as never }),
        () => account.createPolicy({ PolicyName: "p", PolicyDocument: doc as never }),
      ]) {
        const err = await call().catch((e) => e);
        expect(err).toBeInstanceOf(IamError);
      }
    }
  });
});
