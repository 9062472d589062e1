/**
 * Numbers and typed values from the command line (issue 13, item 14: the CLI audit). Values the
 * engine cannot read as their type were passed on and then matched nothing, silently: a
 * 400-digit number (Infinity), the date `-5` or `Jan 2 2020` (which Date.parse takes but the
 * engine's ISO 8601 grammar does not), the IP address `999.1.1.1`, `--resource-account NaN`
 * (which made every request cross-account). Each is now a usage error, exit 1, naming the value.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildForTests, cleanup, cli, sampleAccount } from "../unit/cli/run-cli.ts";

beforeAll(buildForTests);
afterAll(cleanup);

const huge = "9".repeat(400);
const authorize = ["authorize", "--policy", "mfa.json", "--action", "s3:DeleteObject", "--resource", "arn:aws:s3:::reports/q1.csv"];
const typed = (key: string, value: string, type: string) => ["--context", `${key}=${value}`, "--context-type", `${key}=${type}`];
const refused = (key: string, value: string, what: string) => ({ status: 1, stdout: "", stderr: `iam-edge: context key \`${key}\`: \`${value}\` is not ${what}\n` });

describe("numbers", () => {
  it("a number too large for a double (Infinity) is refused, in authorize and in simulate", () => {
    const context = typed("aws:MultiFactorAuthAge", huge, "numeric");
    expect(cli([...authorize, ...context])).toEqual(refused("aws:MultiFactorAuthAge", huge, "a finite number"));
    expect(cli(["simulate", "--account", sampleAccount, "--principal", "carol", "--action", "s3:GetObject", ...context]))
      .toEqual(refused("aws:MultiFactorAuthAge", huge, "a finite number"));
    expect(cli([...authorize, ...typed("s3:max-keys", `1,${huge}`, "numericList")])).toEqual(refused("s3:max-keys", huge, "a finite number"));
  });

  it.each(["NaN", "Infinity", "-Infinity", "1e400", "0x10", "1_000", " "])("`%s` is not a number", (value) => {
    expect(cli([...authorize, ...typed("aws:MultiFactorAuthAge", value, "numeric")])).toEqual(refused("aws:MultiFactorAuthAge", value.trim(), "a number"));
  });

  it("negative, signed and decimal numbers are numbers", () => {
    const present = typed("aws:MultiFactorAuthPresent", "true", "boolean");
    for (const age of ["-5", "+120", "0.5", "3599.999"]) {
      expect(cli([...authorize, ...present, ...typed("aws:MultiFactorAuthAge", age, "numeric")]).status, age).toBe(0); // NumericLessThan 3600
    }
    expect(cli([...authorize, ...present, ...typed("aws:MultiFactorAuthAge", "3600", "numeric")]).status).toBe(2);
  });
});

describe("dates, IP addresses, binary values", () => {
  const date = "a date (ISO 8601 such as 2024-01-31T12:00:00Z, or epoch seconds)";

  it.each(["-5", "Jan 2 2020", "2024-02-30", "2024-01-31T24:00:00Z", huge, "yesterday"])("the date `%s` is refused", (value) => {
    expect(cli([...authorize, ...typed("aws:CurrentTime", value, "date")])).toEqual(refused("aws:CurrentTime", value, date));
  });

  it("ISO 8601 dates and epoch seconds are dates", () => {
    for (const value of ["2024-01-31T12:00:00Z", "2024-01-31", "1700000000", "1700000000.5", "2024-01-31T12:00:00+02:00"]) {
      expect(cli([...authorize, ...typed("aws:CurrentTime", value, "date")]).status, value).toBe(2);
    }
  });

  it("an IP address the engine cannot read is refused; a CIDR block is taken", () => {
    expect(cli([...authorize, ...typed("aws:SourceIp", "999.1.1.1", "ip")])).toEqual(refused("aws:SourceIp", "999.1.1.1", "an IP address or CIDR block"));
    expect(cli([...authorize, ...typed("aws:SourceIp", "203.0.113.0/24,2001:db8::1", "ipList")]).status).toBe(2);
  });

  it("a binary value that is not base64 is refused", () => {
    expect(cli([...authorize, ...typed("k:bin", "not base64!", "binary")])).toEqual(refused("k:bin", "not base64!", "base64"));
    expect(cli([...authorize, ...typed("k:bin", "QUJD", "binary")]).status).toBe(2);
  });
});

describe("--resource-account", () => {
  it.each(["NaN", "-1", "12345678901", "1111222233334", "11112222333a", "-11112222333"])("`%s` is not an account id", (value) => {
    expect(cli([...authorize, "--resource-account", value])).toEqual({
      status: 1, stdout: "", stderr: `iam-edge: \`--resource-account ${value}\`: expected a 12-digit account id\n`,
    });
  });

  it("a 12-digit id is taken, and makes the request cross-account", () => {
    const r = cli(["authorize", "--policy", "reports.json", "--action", "s3:GetObject", "--resource", "arn:aws:s3:::reports/q1.csv", "--resource-account", "444455556666"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^ImplicitDeny \(CrossAccountNoResourceAllow/);
  });
});
