/**
 * @module test/unit/s3-api/aws-cli.test
 * The AWS CLI v2 (`/usr/bin/aws`, unmodified, `--endpoint-url` at the gateway in Node): `aws s3`
 * mb, cp both ways (a 20 MiB file goes up in parts), ls, sync, presign (fetched with plain
 * fetch), rm and rb; keys with spaces, `+`, `%` and Unicode; `aws s3api` calls with JSON output,
 * and a denied call's AccessDenied as the CLI prints it.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { A, REGION, createUser, rootKey, startGateway, type Creds, type Gateway } from "./harness.ts";

const AWS = "/usr/bin/aws";
let g: Gateway;
let root: Creds;
let bob: Creds;
let dir: string;

/** Runs the CLI without blocking: the gateway answers it from this same process. */
function aws(creds: Creds, args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = { ...process.env as Record<string, string>, AWS_ACCESS_KEY_ID: creds.accessKeyId, AWS_SECRET_ACCESS_KEY: creds.secretAccessKey, AWS_REGION: REGION, AWS_PAGER: "", AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null" };
  delete env.AWS_SESSION_TOKEN;
  return new Promise((resolve) => {
    const child = spawn(AWS, ["--endpoint-url", g.origin, "--output", "json", ...args], { env, timeout: 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => { stdout += d; });
    child.stderr.on("data", (d) => { stderr += d; });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}
const md5 = (b: Buffer) => createHash("md5").update(b).digest("hex");

beforeAll(async () => {
  g = await startGateway();
  root = await rootKey(g, A);
  bob = await createUser(g, A, "bob");
  dir = mkdtempSync(join(tmpdir(), "s3-cli-"));
});
afterAll(async () => {
  await g?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// Each test runs the real AWS CLI (a Python process per call) over 20 MiB: a wall-clock budget
// for the harness on a loaded 2-core machine, not a measurement (nothing here asserts time).
describe.skipIf(!existsSync(AWS))("the AWS CLI v2", { timeout: 240_000 }, () => {
  it("s3 mb, cp up and down (20 MiB in parts), ls, presign, rm, rb", async () => {
    expect((await aws(root, ["s3", "mb", "s3://cli-bucket"])).status).toBe(0);
    const big = Buffer.from(new Uint8Array(20 * 1024 * 1024).map((_, i) => (i * 13 + (i >> 10)) & 255));
    writeFileSync(join(dir, "big.bin"), big);
    const up = (await aws(root, ["s3", "cp", join(dir, "big.bin"), "s3://cli-bucket/dir/big file+1%.bin"]));
    expect(up.status, up.stderr).toBe(0);
    const down = (await aws(root, ["s3", "cp", "s3://cli-bucket/dir/big file+1%.bin", join(dir, "back.bin")]));
    expect(down.status, down.stderr).toBe(0);
    expect(md5(readFileSync(join(dir, "back.bin")))).toBe(md5(big));
    const head = (await aws(root, ["s3api", "head-object", "--bucket", "cli-bucket", "--key", "dir/big file+1%.bin"]));
    expect(JSON.parse(head.stdout).ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);
    const ls = (await aws(root, ["s3", "ls", "s3://cli-bucket/dir/"]));
    expect(ls.stdout).toContain("big file+1%.bin");
    expect(ls.stdout).toContain(String(20 * 1024 * 1024));
    expect((await aws(root, ["s3", "ls"])).stdout).toContain("cli-bucket");
    expect((await aws(root, ["s3", "rm", "s3://cli-bucket/dir/big file+1%.bin"])).status).toBe(0);
    expect((await aws(root, ["s3", "rb", "s3://cli-bucket"])).status).toBe(0);
  });

  it("s3 presign gives a URL plain fetch can read", async () => {
    expect((await aws(root, ["s3", "mb", "s3://cli-presign"])).status).toBe(0);
    writeFileSync(join(dir, "p.txt"), "presigned by the CLI");
    expect((await aws(root, ["s3", "cp", join(dir, "p.txt"), "s3://cli-presign/p é.txt"])).status).toBe(0);
    const url = (await aws(root, ["s3", "presign", "s3://cli-presign/p é.txt", "--expires-in", "300"])).stdout.trim();
    const res = await fetch(url);
    expect([res.status, await res.text()]).toEqual([200, "presigned by the CLI"]);
  });

  it("s3 sync uploads a tree with awkward names, and a second sync copies nothing", async () => {
    expect((await aws(root, ["s3", "mb", "s3://cli-sync"])).status).toBe(0);
    const names = ["a.txt", "space name.txt", "plus+sign.txt", "pct%41.txt", "ünïcödé/日本.txt", "deep/er/file.txt"];
    for (const n of names) {
      mkdirSync(join(dir, "tree", n, ".."), { recursive: true });
      writeFileSync(join(dir, "tree", n), `content of ${n}`);
    }
    const first = (await aws(root, ["s3", "sync", join(dir, "tree"), "s3://cli-sync/t"]));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.match(/upload:/g)?.length).toBe(names.length);
    const second = (await aws(root, ["s3", "sync", join(dir, "tree"), "s3://cli-sync/t"]));
    expect(second.stdout.match(/upload:/g)).toBeNull();
    const listed = JSON.parse((await aws(root, ["s3api", "list-objects-v2", "--bucket", "cli-sync", "--prefix", "t/"])).stdout);
    expect(listed.Contents.map((c: { Key: string }) => c.Key).sort()).toEqual(names.map((n) => `t/${n}`).sort());
    const back = (await aws(root, ["s3", "sync", "s3://cli-sync/t", join(dir, "back")]));
    expect(back.status, back.stderr).toBe(0);
    for (const n of names) expect(readFileSync(join(dir, "back", n), "utf8")).toBe(`content of ${n}`);
  });

  it("s3api: put-object, get-object, tagging, delete-objects; a denied call prints AccessDenied", async () => {
    expect((await aws(root, ["s3api", "create-bucket", "--bucket", "cli-api"])).status).toBe(0);
    writeFileSync(join(dir, "o.txt"), "api body");
    const put = JSON.parse((await aws(root, ["s3api", "put-object", "--bucket", "cli-api", "--key", "o", "--body", join(dir, "o.txt"), "--tagging", "k=v"])).stdout);
    expect(put.ETag).toBe(`"${md5(Buffer.from("api body"))}"`);
    const get = (await aws(root, ["s3api", "get-object", "--bucket", "cli-api", "--key", "o", join(dir, "o.out")]));
    expect(JSON.parse(get.stdout).ContentLength).toBe(8);
    expect(readFileSync(join(dir, "o.out"), "utf8")).toBe("api body");
    expect(JSON.parse((await aws(root, ["s3api", "get-object-tagging", "--bucket", "cli-api", "--key", "o"])).stdout).TagSet).toEqual([{ Key: "k", Value: "v" }]);
    const denied = (await aws(bob, ["s3api", "get-object", "--bucket", "cli-api", "--key", "o", join(dir, "x")]));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toContain("(AccessDenied)");
    expect(denied.stderr).toContain("is not authorized to perform: s3:GetObject");
    const del = JSON.parse((await aws(root, ["s3api", "delete-objects", "--bucket", "cli-api", "--delete", JSON.stringify({ Objects: [{ Key: "o" }] })])).stdout);
    expect(del.Deleted).toEqual([{ Key: "o" }]);
  });
});
