/**
 * @module test/unit/edge-api/aws-cli.test
 * The AWS CLI v2 (`/usr/bin/aws`; a pyenv shim of v1 may come first on PATH) against the same
 * endpoint with `--endpoint-url`: IAM, STS and CloudTrail commands, the CLI's decoding of
 * URL-encoded policy documents, its error output and exit status. Skipped where the CLI is not
 * installed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { startHarness, type Harness } from "./harness.ts";

const AWS = "/usr/bin/aws";
const run = promisify(execFile);
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function aws(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? "/usr/bin", HOME: process.env.HOME ?? "/tmp",
    AWS_ACCESS_KEY_ID: h.root.accessKeyId, AWS_SECRET_ACCESS_KEY: h.root.secretAccessKey, AWS_REGION: "us-east-1",
    AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true", AWS_PAGER: "",
    AWS_MAX_ATTEMPTS: "1",
  };
  try {
    const { stdout, stderr } = await run(AWS, [...args, "--endpoint-url", h.url, "--output", "json"], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

describe.skipIf(!existsSync(AWS))("the AWS CLI v2 with --endpoint-url", () => {
  it("creates a user and an inline policy, and reads the policy back decoded", async () => {
    const created = await aws("iam", "create-user", "--user-name", "cli-user", "--tags", "Key=from,Value=cli");
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout).User).toMatchObject({ UserName: "cli-user", Path: "/", Tags: [{ Key: "from", Value: "cli" }] });
    const doc = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }] };
    const put = await aws("iam", "put-user-policy", "--user-name", "cli-user", "--policy-name", "read", "--policy-document", JSON.stringify(doc));
    expect(put.code, put.stderr).toBe(0);
    const got = await aws("iam", "get-user-policy", "--user-name", "cli-user", "--policy-name", "read");
    expect(got.code, got.stderr).toBe(0);
    // The CLI decodes the URL-encoded document the API returns into a JSON object.
    expect(JSON.parse(got.stdout).PolicyDocument).toEqual(doc);
    const list = await aws("iam", "list-users");
    expect(JSON.parse(list.stdout).Users.map((u: { UserName: string }) => u.UserName)).toEqual(["cli-user"]);
  });

  it("STS and CloudTrail", async () => {
    const me = await aws("sts", "get-caller-identity");
    expect(me.code, me.stderr).toBe(0);
    expect(JSON.parse(me.stdout)).toMatchObject({ Account: "111122223333", Arn: "arn:aws:iam::111122223333:root" });
    const events = await aws("cloudtrail", "lookup-events", "--lookup-attributes", "AttributeKey=EventName,AttributeValue=CreateUser");
    expect(events.code, events.stderr).toBe(0);
    expect(JSON.parse(events.stdout).Events.map((e: { Username: string }) => e.Username)).toEqual(["root"]);
  });

  it("errors print AWS's code and message and exit non-zero", async () => {
    const missing = await aws("iam", "get-user", "--user-name", "nobody");
    expect(missing.code).toBe(254);
    expect(missing.stderr).toMatch(/An error occurred \(NoSuchEntity\) when calling the GetUser operation( \(reached max retries: 0\))?: The user with name nobody cannot be found\./);
    const unserved = await aws("iam", "list-server-certificates");
    expect(unserved.code).not.toBe(0);
    expect(unserved.stderr).toContain("(NotImplemented)");
  });
});
