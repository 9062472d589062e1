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
