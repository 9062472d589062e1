/**
 * The service's settings (js/edge/service/config.ts): defaults, the root key pair, more
 * accounts, the stamp TTL, and a clear error naming the variable for every bad value.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, configOf, parseConfig } from "../../../../js/edge/service/config.ts";

const KEY = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

describe("parseConfig", () => {
  it("defaults to account 000000000000, no root key, no TTL", () => {
    const c = parseConfig({});
    expect(c.localAccountId).toBe("000000000000");
    expect([...c.accounts.keys()]).toEqual(["000000000000"]);
    expect(c.accounts.get("000000000000")?.rootKey).toBeUndefined();
    expect(c.stampTtlMs).toBe(0);
    expect(c.clockOffsetMs).toBe(0);
    expect(Math.abs(c.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("moves the clock by IAM_EDGE_CLOCK_OFFSET_MS", () => {
    const c = parseConfig({ IAM_EDGE_CLOCK_OFFSET_MS: "-3600000" });
    expect(Math.abs(c.now().getTime() - (Date.now() - 3_600_000))).toBeLessThan(1000);
  });

  it("reads the local account, its root key and more accounts", () => {
    const c = parseConfig({
      IAM_EDGE_ACCOUNT_ID: "111122223333", IAM_EDGE_ROOT_ACCESS_KEY_ID: KEY, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: SECRET,
      IAM_EDGE_ACCOUNTS: ` 444455556666 , 777788889999:AKIAEXAMPLE222222222:${SECRET}`, IAM_EDGE_STAMP_TTL_MS: "250",
    });
    expect([...c.accounts.keys()]).toEqual(["111122223333", "444455556666", "777788889999"]);
    expect(c.accounts.get("111122223333")?.rootKey).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET });
    expect(c.accounts.get("444455556666")?.rootKey).toBeUndefined();
    expect(c.accounts.get("777788889999")?.rootKey?.accessKeyId).toBe("AKIAEXAMPLE222222222");
    expect(c.stampTtlMs).toBe(250);
  });

  it.each([
    [{ IAM_EDGE_ACCOUNT_ID: "12345" }, /IAM_EDGE_ACCOUNT_ID: `12345` is not a 12-digit account id/],
    [{ IAM_EDGE_ROOT_ACCESS_KEY_ID: KEY }, /give both/],
    [{ IAM_EDGE_ROOT_SECRET_ACCESS_KEY: SECRET }, /give both/],
    [{ IAM_EDGE_ROOT_ACCESS_KEY_ID: "ASIAIOSFODNN7EXAMPLE", IAM_EDGE_ROOT_SECRET_ACCESS_KEY: SECRET }, /is not AKIA/],
    [{ IAM_EDGE_ROOT_ACCESS_KEY_ID: KEY, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: "short" }, /16-128 characters/],
    // 0, 1, 8 and 9 are outside base32: such a key could never sign (js/sts/resolve-credentials.ts).
    [{ IAM_EDGE_ROOT_ACCESS_KEY_ID: "AKIAEXAMPLE000000001", IAM_EDGE_ROOT_SECRET_ACCESS_KEY: SECRET }, /16 characters of A-Z and 2-7/],
    [{ IAM_EDGE_ACCOUNTS: `111111111111:AKIAEXAMPLE22222222:${SECRET}` }, /is not AKIA/],
    [{ IAM_EDGE_ACCOUNTS: "000000000000" }, /listed twice/],
    [{ IAM_EDGE_ACCOUNTS: "1234:x" }, /is not ID or ID:ACCESS_KEY_ID:SECRET/],
    [{ IAM_EDGE_ACCOUNTS: "111111111111:AKIAEXAMPLE222222222" }, /give both/],
    [{ IAM_EDGE_ROOT_ACCESS_KEY_ID: KEY, IAM_EDGE_ROOT_SECRET_ACCESS_KEY: SECRET, IAM_EDGE_ACCOUNTS: `111111111111:${KEY}:${SECRET}` }, /given to two accounts/],
    [{ IAM_EDGE_STAMP_TTL_MS: "-1" }, /IAM_EDGE_STAMP_TTL_MS/],
    [{ IAM_EDGE_STAMP_TTL_MS: "60001" }, /from 0 to 60000/],
    [{ IAM_EDGE_CLOCK_OFFSET_MS: "1e3" }, /IAM_EDGE_CLOCK_OFFSET_MS/],
    [{ IAM_EDGE_CLOCK_OFFSET_MS: String(8 * 24 * 3600 * 1000) }, /within 7 days/],
  ])("refuses %j", (vars, message) => {
    expect(() => parseConfig(vars)).toThrow(ConfigError);
    expect(() => parseConfig(vars)).toThrow(message);
  });

  it("configOf parses once per environment object and keeps the error", () => {
    const good = {};
    expect(configOf(good)).toBe(configOf(good));
    const bad = { IAM_EDGE_ACCOUNT_ID: "x" };
    expect(() => configOf(bad)).toThrow(ConfigError);
    expect(() => configOf(bad)).toThrow(/IAM_EDGE_ACCOUNT_ID/);
  });
});
